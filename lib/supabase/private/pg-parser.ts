import * as fs from 'fs';
import * as path from 'path';

/**
 * PostgreSQL's own parser (libpg_query, the server's grammar and lexer compiled
 * to WebAssembly, from the `libpg-query` package), called synchronously.
 *
 * Constructors run synchronously, and the package only offers an asynchronous
 * loader. Its Emscripten module accepts an `instantiateWasm` hook, though: the
 * WebAssembly module is compiled and instantiated synchronously here (about
 * 60 ms, once per process, only when a synth parses SQL at all), and the parse
 * functions are then called directly, the way the package's own `parseSync` does.
 * Results are cached per text.
 *
 * Nothing here runs SQL or touches a network: the parser only reads text.
 */

/** One statement of a parse tree (libpg_query's JSON form). */
export interface ParsedStatement {
  /** `{ <NodeKind>: { ...fields } }`, for example `{ SelectStmt: {...} }`. */
  readonly stmt: { readonly [kind: string]: any };
  readonly stmt_location?: number;
  readonly stmt_len?: number;
}

/** What the parser made of one text: statements, or the error PostgreSQL would report. */
export type ParseOutcome =
  | { readonly statements: readonly ParsedStatement[]; readonly error?: undefined }
  | { readonly statements?: undefined; readonly error: { readonly message: string; readonly position: number } };

/** The Emscripten module's runtime functions this file uses. */
interface PgQueryModule {
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, ptr: number, max: number): void;
  UTF8ToString(ptr: number): string;
  getValue(ptr: number, type: 'i32'): number;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _wasm_parse_query_raw(ptr: number): number;
  _wasm_free_parse_result(ptr: number): void;
}

let parser: PgQueryModule | undefined;
const cache = new Map<string, ParseOutcome>();

/** Loads the parser synchronously, once. */
function loadParser(): PgQueryModule {
  if (parser) return parser;
  try {
    const dir = path.dirname(require.resolve('libpg-query'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require(path.join(dir, 'libpg-query.js')) as (moduleArg: object) => Promise<unknown>;
    const bytes = fs.readFileSync(path.join(dir, 'libpg-query.wasm'));
    // Node's WebAssembly global (the compile target's lib has no DOM types for it).
    const wasm = (globalThis as any).WebAssembly;
    const module: any = {
      instantiateWasm(imports: object, success: (instance: any, module: any) => void) {
        const compiled = new wasm.Module(bytes);
        const instance = new wasm.Instance(compiled, imports);
        success(instance, compiled);
        return instance.exports;
      },
    };
    void factory(module).catch(() => undefined);
    if (typeof module._wasm_parse_query_raw !== 'function') throw new Error('its module did not initialize synchronously');
    parser = module as PgQueryModule;
    return parser;
  } catch (e: any) {
    throw new Error(`the PostgreSQL parser (libpg-query) could not be loaded: ${e?.message ?? e}`);
  }
}

/** Parses one text the way libpg-query's parseSync does, returning statements or PostgreSQL's error. */
function parseOne(m: PgQueryModule, text: string): ParseOutcome {
  const length = m.lengthBytesUTF8(text) + 1;
  const textPtr = m._malloc(length);
  let result = 0;
  try {
    m.stringToUTF8(text, textPtr, length);
    result = m._wasm_parse_query_raw(textPtr);
    if (!result) throw new Error('the PostgreSQL parser ran out of memory');
    const tree = m.getValue(result, 'i32');
    const error = m.getValue(result + 8, 'i32');
    if (error) {
      const message = m.getValue(error, 'i32');
      const cursor = m.getValue(error + 16, 'i32');
      return { error: { message: message ? m.UTF8ToString(message) : 'unknown error', position: cursor > 0 ? cursor - 1 : -1 } };
    }
    return { statements: JSON.parse(m.UTF8ToString(tree)).stmts ?? [] };
  } finally {
    m._free(textPtr);
    if (result) m._wasm_free_parse_result(result);
  }
}

/** Parses each text as PostgreSQL would. */
export function parseSql(texts: readonly string[]): ParseOutcome[] {
  for (const text of texts) {
    if (!cache.has(text)) cache.set(text, parseOne(loadParser(), text));
  }
  return texts.map((t) => cache.get(t)!);
}

/** The node kind of a parsed statement ("SelectStmt", "CreatePolicyStmt", ...). */
export function statementKind(s: ParsedStatement): string {
  return Object.keys(s.stmt)[0];
}
