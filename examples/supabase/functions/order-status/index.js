// Edge Function "order-status" of the example shop: a signed-in customer asks for
// the status of one of its orders. Supabase verifies the caller's JWT first; the
// query runs through the Data API with that JWT, so row-level security (each
// customer sees only its own orders) decides what comes back.
// One self-contained file (the provider uploads only the entrypoint). SUPABASE_URL
// and SUPABASE_ANON_KEY are provided by Supabase; SHIPPING_API_KEY is one of the
// project's Edge Function secrets (SupabaseEdgeFunctions `secrets`).
Deno.serve(async (req) => {
  const id = new URL(req.url).searchParams.get('order');
  if (!id || !/^[0-9]+$/.test(id)) return new Response(JSON.stringify({ error: 'order=<id> expected' }), { status: 400 });
  const res = await fetch(`${Deno.env.get('SUPABASE_URL')}/rest/v1/orders?id=eq.${id}&select=id,status`, {
    headers: { authorization: req.headers.get('authorization') ?? '', apikey: Deno.env.get('SUPABASE_ANON_KEY') ?? '' },
  });
  const rows = res.ok ? await res.json() : [];
  if (rows.length === 0) return new Response(JSON.stringify({ error: 'no such order' }), { status: 404 });
  const tracking = Deno.env.get('SHIPPING_API_KEY') ? 'available' : 'not configured';
  return new Response(JSON.stringify({ ...rows[0], tracking }), { headers: { 'content-type': 'application/json' } });
});
