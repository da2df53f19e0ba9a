import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ISynthesisSession, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * cdktf's hook for constructs that write files when their stack is synthesized
 * (what `TerraformAsset` uses). cdktf does not export the helper that sets it,
 * only reads this well-known symbol, so it is set directly.
 */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/**
 * A file whose content is known at construction and written only by the
 * stack's synthesis, into the stack's own output directory:
 * `<outdir>/stacks/<stack>/assets/<logical id>/<hash>/<fileName>` (the layout
 * of `TerraformAsset`). Nothing is written while the app is built, nothing
 * outside the output directory, and nothing at all when validation fails first
 * (cdktf validates a stack before its custom synthesis runs). Two synths at the
 * same time share no file: each writes from memory into its own output.
 */
export class StackFile extends Construct {
  /** Path of the file relative to the stack directory (posix), for `${path.module}/...`. */
  public readonly path: string;
  /** SHA-256 of the content (hex). */
  public readonly sha256: string;

  constructor(scope: Construct, id: string, private readonly content: string, fileName: string) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    this.sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const folder = path.posix.join('assets', stack.getLogicalId(this.node));
    this.path = path.posix.join(folder, this.sha256.slice(0, 32).toUpperCase(), fileName);
    Object.defineProperty(this, CUSTOM_SYNTHESIS, {
      enumerable: false,
      value: { onSynthesize: (session: ISynthesisSession) => this.write(session, stack, folder) },
    });
  }

  private write(session: ISynthesisSession, stack: TerraformStack, folder: string): void {
    const stackDir = path.dirname(path.join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath));
    // Earlier versions of this file (another hash) go, as TerraformAsset does.
    fs.rmSync(path.join(stackDir, folder), { recursive: true, force: true });
    const target = path.join(stackDir, this.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, this.content, { mode: 0o600 });
  }
}
