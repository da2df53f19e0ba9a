// Supabase Edge Function "store-seller-key": a signed-in seller stores one of its
// platform keys (an Instagram, TikTok or YouTube token) in Supabase Vault, straight
// from the dashboard, so the key never passes through the API's requests or logs.
//
//   POST {"name": "tiktok_access_token", "value": "..."}   -> 204, stored (replaced if it exists)
//   GET                                                     -> 200 {"names": [...]}, the seller's key names
//
// Supabase verifies the caller's JWT before the function runs (JWT verification is
// on: the provider deploys with Supabase's default); the seller is the Auth user of
// that token, asked from Auth itself. The key is written through the application
// role's tenant-secret accessors (tenant_secrets.put_secret, created by
// SupabaseDatabase's tenantSecrets), with the seller set per transaction exactly as
// the API does, so row-level security and Vault see one tenant rule. The database is
// reached through the transaction pooler (no prepared statements there).
//
// Secrets (supabase_edge_function_secrets): SELLER_SECRETS_DATABASE_URL. Supabase
// provides SUPABASE_URL and SUPABASE_ANON_KEY. One self-contained file: the provider
// uploads only the entrypoint; npm: imports are resolved by Supabase at deploy.
import postgres from 'npm:postgres@3.4.5';

const sql = postgres(Deno.env.get('SELLER_SECRETS_DATABASE_URL'), { prepare: false, max: 1 });
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function sellerOf(req) {
  const res = await fetch(`${Deno.env.get('SUPABASE_URL')}/auth/v1/user`, {
    headers: { authorization: req.headers.get('authorization') ?? '', apikey: Deno.env.get('SUPABASE_ANON_KEY') ?? '' },
  });
  if (!res.ok) return undefined;
  const user = await res.json();
  return typeof user.id === 'string' ? user.id : undefined;
}

Deno.serve(async (req) => {
  const seller = await sellerOf(req);
  if (!seller) return json({ error: 'sign in first' }, 401);
  if (req.method === 'GET') {
    const rows = await sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claim.sub', ${seller}, true)`;
      return tx`select tenant_secrets.list_secret_names() as name`;
    });
    return json({ names: rows.map((r) => r.name) });
  }
  if (req.method !== 'POST') return json({ error: 'method not allowed' }, 405);
  const body = await req.json().catch(() => ({}));
  if (typeof body.name !== 'string' || !NAME.test(body.name) || typeof body.value !== 'string' || body.value === '') {
    return json({ error: 'expected {"name": "<1-100 letters, digits, . _ ->", "value": "<the key>"}' }, 400);
  }
  await sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claim.sub', ${seller}, true)`;
    await tx`select tenant_secrets.put_secret(${body.name}, ${body.value})`;
  });
  return new Response(null, { status: 204 });
});
