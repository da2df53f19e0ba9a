import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The real `terraform` binary for tests that let Terraform itself evaluate what the
 * library wrote (built-in features only: local state, outputs, no providers, no network).
 * Without it those blocks are skipped locally and fail in CI (`$CI`), where it is required.
 */
export const TERRAFORM = process.env.TERRAFORM ?? 'terraform';
const hasTerraform = spawnSync(TERRAFORM, ['version'], { encoding: 'utf8' }).status === 0;

/** `describe` for blocks that run terraform; `what` names them in the CI error. */
export function describeWithTerraform(what: string): jest.Describe {
  if (!hasTerraform && process.env.CI) throw new Error(`terraform is required in CI for ${what}`);
  return hasTerraform ? describe : describe.skip;
}

/** What `applyOffline` returns: the exit status of the first failing step, its stderr, and the outputs. */
export interface OfflineApply {
  readonly status: number | null;
  readonly stderr: string;
  readonly outputs: { [name: string]: { value: any } };
}

/**
 * `terraform init` and `apply` in `dir` with an empty CLI configuration and the plugin
 * data inside `dir`, then `terraform output -json`. The caller removes `dir`.
 */
export function applyOffline(dir: string): OfflineApply {
  const cliConfig = path.join(dir, 'terraformrc');
  fs.writeFileSync(cliConfig, '');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_DATA_DIR: path.join(dir, '.terraform'), TF_CLI_CONFIG_FILE: cliConfig };
  const run = (...args: string[]) => spawnSync(TERRAFORM, args, { cwd: dir, env, encoding: 'utf8' });
  for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
    const r = run(...args);
    if (r.status !== 0) return { status: r.status, stderr: r.stderr, outputs: {} };
  }
  const out = run('output', '-json');
  return { status: out.status, stderr: out.stderr, outputs: JSON.parse(out.stdout) };
}
