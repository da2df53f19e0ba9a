import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findEngine, run } from './engines';

/**
 * Alertmanager's own configuration checker and router (`amtool check-config`,
 * `amtool config routes test`), from Debian's prometheus-alertmanager package, on
 * the alertmanager.yaml the library writes into kube-prometheus-stack's values.
 * The credential files the configuration names are written into a temporary
 * directory standing in for the mounted Secret, and the paths pointed there.
 */
export class Amtool {
  /** amtool on PATH; undefined (tests skip) only when it is absent and CI is not set. */
  public static find(): Amtool | undefined {
    const bin = findEngine('amtool', "install Debian's prometheus-alertmanager package (apt-get install -y prometheus-alertmanager), as .ci/run does");
    return bin ? new Amtool(bin) : undefined;
  }

  private constructor(public readonly binary: string) {}

  /**
   * Runs `fn` with the configuration written to a file (JSON is YAML), the secret
   * directory `secretDir` replaced by a temporary one holding `secretFiles`.
   */
  public withConfig<T>(config: object, secretDir: string, secretFiles: { [name: string]: string }, fn: (file: string) => T): T {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtool-'));
    try {
      const secrets = path.join(dir, 'secrets');
      fs.mkdirSync(secrets);
      for (const [name, value] of Object.entries(secretFiles)) fs.writeFileSync(path.join(secrets, name), value);
      const file = path.join(dir, 'alertmanager.yml');
      fs.writeFileSync(file, JSON.stringify(config, undefined, 2).split(secretDir).join(secrets));
      return fn(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** `amtool check-config`. */
  public checkConfig(file: string): { code: number; output: string } {
    return run(this.binary, ['check-config', file]);
  }

  /** The receivers an alert with `labels` is routed to (`amtool config routes test`), in order. */
  public routesOf(file: string, labels: { [k: string]: string }): string[] {
    const r = run(this.binary, ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
    if (r.code !== 0) throw new Error(`amtool config routes test failed: ${r.output}`);
    return r.output.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning:')).join(',').split(',').map((x) => x.trim()).filter(Boolean);
  }

  /** `amtool config routes test --verify.receivers`: exit code 0 only when the alert reaches exactly `receivers`. */
  public verifyRoute(file: string, labels: { [k: string]: string }, receivers: string[]): { code: number; output: string } {
    return run(this.binary, ['config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${receivers.join(',')}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  }
}
