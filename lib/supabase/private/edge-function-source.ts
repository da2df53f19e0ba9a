import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { secretValueKind } from '../../core/private/secret-detection';

/** Static and dynamic imports and re-exports of a relative module ("./x", "../x"). */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\1/;

/**
 * Checks an Edge Function's entrypoint before it is copied into the stack:
 *
 * - self-contained: the provider uploads the entrypoint file alone (with the
 *   import map), so a relative import would not resolve once deployed;
 * - no literal credential (the file is uploaded to Supabase and written into
 *   the synthesized stack in plain text): secrets go in `secrets`.
 */
export function checkEdgeFunctionSource(scope: IConstruct, prop: string, source: { file: string; content: string }): void {
  const relative = RELATIVE_IMPORT.exec(source.content);
  if (relative) {
    throw new ValidationError(scope, prop, source.file, `a self-contained entrypoint: it imports ${JSON.stringify(relative[2])}, but the provider uploads only this file (and the import map), so the import would not resolve when deployed; bundle the function into one file, or import from npm:, jsr: or https:`);
  }
  const kind = secretValueKind(source.content);
  if (kind) {
    throw new ValidationError(scope, prop, source.file, `a source file without literal credentials (it contains ${kind}): pass them in "secrets" and read them with Deno.env.get`);
  }
}
