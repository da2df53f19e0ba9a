import * as fs from 'fs';
import * as path from 'path';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkEdgeFunctionSource } from './private/edge-function-source';
import { SUPABASE_DATABASE } from './private/imported-database';
import { StackFile } from './private/stack-file';
import { ISupabaseDatabase } from './supabase-database-contract';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct, terraformExpression } from '../core/private/escape';
import { Input } from '../core/private/input';
import { ensureProvider } from '../core/private/providers';
import { SecretValue } from '../core/secrets';
import { EdgeFunction } from '../providers/supabase/gen/edge-function';
import { EdgeFunctionSecrets } from '../providers/supabase/gen/edge-function-secrets';
import { SupabaseProvider } from '../providers/supabase/gen/provider';

/** One Edge Function, deployed from a file. */
export interface SupabaseEdgeFunctionOptions {
  /**
   * Path of the entrypoint: a `.ts`, `.js`, `.mjs`, `.tsx` or `.jsx` file,
   * absolute or relative to the working directory of the synth. It must be
   * self-contained: the provider uploads this one file (and the import map),
   * so relative imports (`./util.ts`) are refused at synth; remote ones
   * (`npm:`, `jsr:`, `https:`) are resolved by Supabase at deploy. Checked at
   * synth: the file exists, and holds no literal credential.
   */
  readonly entrypoint: string;
  /**
   * Path of an import map (a JSON object), absolute or relative to the working directory.
   * @default - none
   */
  readonly importMap?: string;
  /**
   * Display name.
   * @default - the slug
   */
  readonly name?: string;
}

/** Props of `SupabaseEdgeFunctions`. */
export interface SupabaseEdgeFunctionsProps {
  /** The project the functions run in (a `SupabaseDatabase`, or one imported by attributes). */
  readonly database: ISupabaseDatabase;
  /**
   * The functions by slug (the URL path: `https://<ref>.supabase.co/functions/v1/<slug>`):
   * a letter, then letters, digits, "_" or "-" (the Supabase CLI's rule).
   */
  readonly functions: { [slug: string]: SupabaseEdgeFunctionOptions };
  /**
   * Secrets of the project's Edge Functions (`Deno.env.get(name)` in every
   * function), as `SecretValue`s only: one `supabase_edge_function_secrets`
   * whose values are sensitive. Names: letters, digits and "_", not starting
   * with a digit or with "SUPABASE_" (Supabase reserves those).
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };
}

const SLUG = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;
const SOURCE_EXTENSIONS = ['.ts', '.js', '.mjs', '.tsx', '.jsx'];
const EDGE_FUNCTIONS = Symbol.for('@livestreamsell/cdktf-constructs.SupabaseEdgeFunctions');

/**
 * Supabase Edge Functions deployed from files, with their secrets as
 * sensitive values:
 *
 * - one `supabase_edge_function` per slug ("Function-<slug>"), whose entrypoint
 *   (and import map) is copied into the synthesized stack
 *   (`assets/<id>/<hash>/<file>`, written only by the stack's synthesis), so
 *   that Terraform, which runs in the stack's directory, uploads exactly the
 *   file that was checked;
 * - one `supabase_edge_function_secrets` ("Secrets") for the project: Supabase
 *   advises one per project, and two constructs for one project that name the
 *   same slug or secret fail synth naming both.
 *
 * A missing entrypoint fails synth (`[path] invalid "functions.<slug>.entrypoint": ...`)
 * before anything is written.
 *
 * @example
 * declare const db: SupabaseDatabase;
 * declare const stack: EnvironmentStack;
 * new SupabaseEdgeFunctions(stack, 'EdgeFunctions', {
 *   database: db,
 *   functions: { 'hello': { entrypoint: 'supabase/functions/hello/index.ts' } },
 *   secrets: { STRIPE_API_KEY: SecretValue.fromVariable(stack, 'stripe_api_key', 'Stripe key of the functions') },
 * });
 */
export class SupabaseEdgeFunctions extends Construct {
  /** True when `x` is a `SupabaseEdgeFunctions` of this library (works across copies of the library). */
  public static isSupabaseEdgeFunctions(x: unknown): x is SupabaseEdgeFunctions {
    return x !== null && typeof x === 'object' && EDGE_FUNCTIONS in (x as object);
  }

  /** Project reference of the functions. */
  public readonly projectRef: string;
  /** The `supabase_edge_function` resources, by slug. */
  public readonly functions: { [slug: string]: EdgeFunction } = {};
  /** `https://<ref>.supabase.co/functions/v1/<slug>`, by slug. */
  public readonly urls: { [slug: string]: string } = {};
  /** The `supabase_edge_function_secrets` (undefined without secrets). */
  public readonly secretsResource?: EdgeFunctionSecrets;
  /** Names of the secrets. */
  public readonly secretNames: string[];

  constructor(scope: Construct, id: string, props: SupabaseEdgeFunctionsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, EDGE_FUNCTIONS, { value: true });
    const input = Input.of(this, props);
    const database = input.instance('database', (x): x is ISupabaseDatabase => x !== null && typeof x === 'object' && SUPABASE_DATABASE in (x as object),
      'an ISupabaseDatabase (a SupabaseDatabase, or SupabaseDatabase.fromDatabaseAttributes(...))');
    if (!database) throw new ValidationError(this, 'database', undefined, 'an ISupabaseDatabase (a SupabaseDatabase, or SupabaseDatabase.fromDatabaseAttributes(...))');
    const functions = input.objectMap('functions', { key: { pattern: SLUG, allowed: 'a function slug: a letter, then up to 99 letters, digits, "_" or "-"' } });
    if (!functions || Object.keys(functions).length === 0) {
      throw new ValidationError(this, 'functions', input.props.functions, 'a map of at least one slug to { entrypoint }');
    }
    const sources = Object.entries(functions).map(([slug, f]) => {
      const entrypoint = readSourceFile(this, f, 'entrypoint', SOURCE_EXTENSIONS, true)!;
      checkEdgeFunctionSource(this, f.path('entrypoint'), entrypoint);
      const importMap = readSourceFile(this, f, 'importMap', ['.json'], false);
      if (importMap) checkImportMap(this, f.path('importMap'), importMap);
      const name = f.string('name', { nonEmpty: true, maxLength: 100, allowed: 'a display name' });
      f.done();
      return { slug, entrypoint, importMap, name };
    });
    const secrets = input.secretMap('secrets', { key: { pattern: SECRET_NAME, allowed: 'a secret name: letters, digits and "_", not starting with a digit' } }) ?? {};
    for (const name of Object.keys(secrets)) {
      if (/^SUPABASE_/i.test(name)) throw new ValidationError(this, `secrets.${name}`, name, 'a name that does not start with "SUPABASE_": Supabase reserves those and the API refuses them');
    }
    input.done();

    this.projectRef = database.projectRef;
    this.secretNames = Object.keys(secrets);
    this.node.addValidation({ validate: () => this.collisions() });
    ensureProvider(this, 'supabase', (stack, pid) => new SupabaseProvider(stack, pid, {}));

    if (this.secretNames.length > 0) {
      this.secretsResource = new EdgeFunctionSecrets(this, 'Secrets', {
        projectRef: this.projectRef,
        secrets: Object.entries(secrets).map(([name, value]) => ({ name, value: value.value })),
      });
    }
    const inStack = (file: StackFile) => `${terraformExpression('path.module')}/${file.path}`;
    for (const s of sources) {
      const entry = new StackFile(this, `Source-${s.slug}`, s.entrypoint.content, path.basename(s.entrypoint.file));
      const map = s.importMap ? new StackFile(this, `ImportMap-${s.slug}`, s.importMap.content, path.basename(s.importMap.file)) : undefined;
      this.functions[s.slug] = new EdgeFunction(this, `Function-${s.slug}`, {
        projectRef: this.projectRef,
        slug: s.slug,
        name: s.name,
        entrypoint: inStack(entry),
        importMap: map ? inStack(map) : undefined,
        dependsOn: this.secretsResource ? [this.secretsResource] : undefined,
      });
      this.urls[s.slug] = `${database.apiUrl}/functions/v1/${s.slug}`;
    }
  }

  /** Other constructs of the app that deploy the same slug or secret to the same project. */
  private collisions(): string[] {
    const others = this.node.root.node.findAll()
      .filter((c): c is SupabaseEdgeFunctions => c !== this && SupabaseEdgeFunctions.isSupabaseEdgeFunctions(c) && (c as SupabaseEdgeFunctions).projectRef === this.projectRef);
    const errors: string[] = [];
    for (const other of others) {
      for (const slug of Object.keys(this.functions).filter((s) => s in other.functions)) {
        errors.push(`invalid "functions.${slug}": got ${JSON.stringify(slug)}; expected a slug deployed by one construct per project: ${other.node.path} deploys ${JSON.stringify(slug)} to the same project too`);
      }
      for (const name of this.secretNames.filter((n) => other.secretNames.includes(n))) {
        errors.push(`invalid "secrets.${name}": got ${JSON.stringify(name)}; expected a secret set by one construct per project: ${other.node.path} sets ${JSON.stringify(name)} in the same project too (the last apply would win)`);
      }
    }
    return errors;
  }
}

/** A source file read at construction: its resolved path and its text. */
interface SourceFile {
  readonly file: string;
  readonly content: string;
}

function readSourceFile(scope: Construct, f: Input, prop: string, extensions: string[], required: boolean): SourceFile | undefined {
  const allowed = `the path of a ${extensions.join(', ')} file, absolute or relative to the working directory`;
  const value = f.string(prop, { nonEmpty: true, allowed });
  if (value === undefined) {
    if (required) throw new ValidationError(scope, f.path(prop), undefined, allowed);
    return undefined;
  }
  if (Token.isUnresolved(value)) throw new ValidationError(scope, f.path(prop), '<unresolved token>', `${allowed}, known at synth (the file is checked and copied into the stack)`);
  if (!extensions.includes(path.extname(value).toLowerCase())) throw new ValidationError(scope, f.path(prop), value, allowed);
  const file = path.resolve(value);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (!stat || !stat.isFile()) {
    throw new ValidationError(scope, f.path(prop), value, `an existing file: ${file} ${stat ? 'is not a file' : 'does not exist'} (relative paths are resolved from the working directory)`);
  }
  return { file, content: fs.readFileSync(file, 'utf8') };
}

function checkImportMap(scope: Construct, prop: string, source: SourceFile): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.content);
  } catch (e) {
    throw new ValidationError(scope, prop, source.file, `an import map in JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ValidationError(scope, prop, source.file, 'an import map: a JSON object with "imports" and/or "scopes"');
  }
}
