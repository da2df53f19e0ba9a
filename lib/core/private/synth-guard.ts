import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, IStackSynthesizer, ISynthesisSession, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * All-or-nothing synthesis for apps that use the library.
 *
 * cdktf's `App.synth()` prepares every stack, then synthesizes them one by one,
 * each writing its `cdk.tf.json` as soon as it passes: when the fourth stack
 * fails, the first three are already on disk next to the previous run's files,
 * and a deploy script that checks only for the files would apply a half-changed
 * app. Here every stack of the app writes into one staging folder inside the
 * output directory; only when the last stack has passed (cdktf then writes the
 * manifest) are the staged folders moved into place. A failure removes the
 * staging folder, so nothing is left behind, and nothing is ever written outside
 * the output directory. Two concurrent synths stage separately and each moves
 * whole stack folders, so neither sees the other's half-written files.
 *
 * The guard also forwards Aspects added to the App to every stack: cdktf invokes
 * aspects per stack from the stack down, so an Aspect on the App (for example
 * `Aspects.of(app).add(new SecurityChecks())`) would otherwise never run.
 *
 * It is installed by `guardStack`, called for every stack that holds a library
 * construct (and every EnvironmentStack), and takes effect when `App.synth()`
 * prepares the stacks. `Testing.synth(stack)` does not prepare stacks and is not
 * affected.
 */

const STACK_GUARDED = Symbol.for('@livestreamsell/cdktf-constructs.synthGuard.stack');
const APP_STATE = Symbol.for('@livestreamsell/cdktf-constructs.synthGuard.app');

interface AppState {
  /** Staging folder of this synth (inside the output directory). */
  staging?: string;
  /** Working directories (relative to the output directory) staged so far. */
  readonly staged: string[];
}

/** Installs the guard on `stack` (idempotent). */
export function guardStack(stack: TerraformStack): void {
  const s = stack as any;
  if (s[STACK_GUARDED]) return;
  s[STACK_GUARDED] = true;
  // cdktf prefixes every validation message with the construct path; the library's
  // messages already start with "[path] invalid ..." (often another construct's path,
  // for collisions): keep them as they are instead of printing two paths. The footer
  // suggesting `skipValidation` goes: it would write unchecked configuration.
  stack.runAllValidations = () => {
    const errors = stack.node.findAll().flatMap((node) => node.node.validate().map((message) => ({ message, source: node })));
    if (errors.length === 0) return;
    const list = errors.map((e) => (/^\[[^\]\n]+\] /.test(e.message) ? e.message : `[${e.source.node.path}] ${e.message}`)).join('\n  ');
    throw new Error(`Validation failed with the following errors:\n  ${list}\n`);
  };
  const prepare = stack.prepareStack.bind(stack);
  stack.prepareStack = () => {
    prepare();
    const app = stack.node.root;
    if (App.isApp(app)) guardApp(app);
  };
}

/** Guards the whole app, once: every stack stages its output; the manifest write commits. */
function guardApp(app: App): void {
  const a = app as any;
  if (a[APP_STATE]) return;
  const state: AppState = { staged: [] };
  a[APP_STATE] = state;
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  for (const stack of stacks) {
    forwardScopeAspects(stack);
    if (!(stack.synthesizer instanceof StagedSynthesizer)) stack.synthesizer = new StagedSynthesizer(stack, stack.synthesizer, state);
  }
  const writeManifest = app.manifest.writeToFile.bind(app.manifest);
  app.manifest.writeToFile = () => {
    commit(app.outdir, state);
    writeManifest();
  };
}

/** Aspects of the App (and of any scope between it and the stack) applied to the stack. */
function forwardScopeAspects(stack: TerraformStack): void {
  const own = Aspects.of(stack).all;
  for (const scope of stack.node.scopes.slice(0, -1)) {
    for (const aspect of Aspects.of(scope as IConstruct).all) {
      if (!own.includes(aspect)) Aspects.of(stack).add(aspect);
    }
  }
}

class StagedSynthesizer implements IStackSynthesizer {
  constructor(private readonly stack: TerraformStack, private readonly inner: IStackSynthesizer, private readonly state: AppState) {}

  public synthesize(session: ISynthesisSession): void {
    const staging = this.state.staging ??= fs.mkdtempSync(path.join(session.outdir, '.staging-'));
    fs.mkdirSync(path.join(staging, 'stacks'), { recursive: true });
    // Assets are written relative to the manifest's outdir: hand the synthesizer a view of
    // the manifest whose outdir is the staging folder (its stack entries stay shared).
    const manifest = Object.create(session.manifest, { outdir: { value: staging } });
    try {
      this.inner.synthesize({ ...session, outdir: staging, manifest });
    } catch (e) {
      abandon(this.state);
      throw e;
    }
    const workingDirectory = session.manifest.forStack(this.stack).workingDirectory;
    this.state.staged.push(workingDirectory);
  }
}

function commit(outdir: string, state: AppState): void {
  if (!state.staging) return;
  const staging = state.staging;
  state.staged.forEach((dir, i) => {
    const target = path.join(outdir, dir);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Renames are atomic: the previous folder moves into our staging (deleted below),
    // then ours takes its place. Another synth doing the same in between is retried.
    for (let attempt = 0; ; attempt++) {
      try {
        if (fs.existsSync(target)) fs.renameSync(target, path.join(staging, `.previous-${i}-${attempt}`));
        fs.renameSync(path.join(staging, dir), target);
        break;
      } catch (e: any) {
        if (attempt >= 20 || !['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(e.code)) throw e;
      }
    }
  });
  abandon(state);
}

function abandon(state: AppState): void {
  if (state.staging) fs.rmSync(state.staging, { recursive: true, force: true });
  state.staging = undefined;
  state.staged.length = 0;
}
