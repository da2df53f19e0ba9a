import { isSecretName } from '../../core/private/secret-detection';
import { FindingLevel, Rule, RuleFinding, StackView, isReference } from '../rule';

/** Terraform attribute names (snake_case) whose literal value would be a leaked secret. */
const SECRET_ATTRIBUTE = /^(password|passwd|secret|secret_key|secret_access_key|token|api_key|api_token|auth_token|private_key|access_key|client_secret|database_password|db_password|connection_string|database_url)$/;
/** Environment-variable style names (UPPER_SNAKE) are judged by the library's secret-name rule. */
const looksSecret = (name: string) => (/^[A-Z][A-Z0-9_]*$/.test(name) ? isSecretName(name) : SECRET_ATTRIBUTE.test(name));
/** References whose value is a secret. */
const SECRET_REFERENCE = /\$\{(var\.[^}]*|[a-z0-9_]+\.[^}.]+\.(secret|password|result|private_key|token|database_password|connection_string|value)[^}]*)\}/;

/**
 * Walks a resource config and reports every literal string whose name looks secret:
 * a key (`password = "..."`), the key above a `value` (Render's `env_vars.API_KEY.value`),
 * or the `name`/`key` beside a `value` (Kubernetes and Helm `{ name, value }` lists).
 */
function walk(value: any, report: (path: string[], name: string) => void, path: string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  const entries: [string, any][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const siblingName = !Array.isArray(value) && typeof (value.name ?? value.key) === 'string' ? String(value.name ?? value.key) : undefined;
  for (const [k, v] of entries) {
    if (k === '//') continue;
    if (typeof v === 'string') {
      if (v === '' || isReference(v)) continue;
      const parent = path[path.length - 1];
      const name = k === 'value' ? (siblingName ?? parent ?? k) : k;
      if (looksSecret(name)) report([...path, k], name);
    } else {
      walk(v, report, [...path, k]);
    }
  }
}

function literalSecrets(stack: StackView): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const r of stack.resources) {
    walk(r.config, (path) => out.push({ path: r.path, address: r.address, message: `"${path.join('.')}" holds a literal value` }));
    // Every value of a Kubernetes Secret's `data` is a secret, whatever its key.
    if (r.type.startsWith('kubernetes_secret')) {
      for (const [k, v] of Object.entries<any>(r.config.data ?? {})) {
        if (typeof v === 'string' && !isReference(v)) out.push({ path: r.path, address: r.address, message: `"data.${k}" holds a literal value` });
      }
    }
  }
  return out;
}

/** Secrets, variables, outputs and state. */
export const TERRAFORM_RULES: Rule[] = [
  {
    id: 'LSS-SEC-001',
    checkov: 'CKV_SECRET_* (secrets scanning)',
    description: 'No literal value in a secret-looking attribute or environment variable',
    fix: 'Pass secrets as SecretValue (sensitive variable, generated value or secret-manager reference).',
    level: FindingLevel.ERROR,
    evaluate: literalSecrets,
  },
  {
    id: 'LSS-SEC-002',
    description: 'Variables with secret-looking names are sensitive',
    fix: 'Declare the variable with sensitive = true (SecretValue.fromVariable does).',
    level: FindingLevel.ERROR,
    evaluate: (stack) => Object.entries<any>(stack.json.variable ?? {})
      .filter(([name, v]) => (isSecretName(name) || SECRET_ATTRIBUTE.test(name) || /(password|secret|token)/i.test(name)) && v.sensitive !== true)
      .map(([name]) => ({ path: stack.json['//']?.metadata?.stackName ?? 'stack', address: `var.${name}`, message: `variable "${name}" looks secret but is not sensitive` })),
  },
  {
    id: 'LSS-SEC-003',
    description: 'Outputs that carry secrets are sensitive',
    fix: 'Set sensitive: true on the output.',
    level: FindingLevel.ERROR,
    evaluate: (stack) => {
      const sensitiveVars = new Set(Object.entries<any>(stack.json.variable ?? {}).filter(([, v]) => v.sensitive).map(([n]) => n));
      return Object.entries<any>(stack.json.output ?? {}).filter(([name, o]) => {
        if (o.sensitive === true) return false;
        const value = JSON.stringify(o.value ?? '');
        const varRefs = [...value.matchAll(/var\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
        return varRefs.some((v) => sensitiveVars.has(v)) || SECRET_REFERENCE.test(value.replace(/var\.[A-Za-z0-9_-]+/g, '')) || isSecretName(name);
      }).map(([name]) => ({ path: stack.json['//']?.metadata?.stackName ?? 'stack', address: `output.${name}`, message: `output "${name}" carries a secret but is not sensitive` }));
    },
  },
  {
    id: 'LSS-STATE-001',
    description: 'State lives in an encrypted, locked S3 backend or in HCP Terraform',
    fix: 'Use RemoteState (EnvironmentStack does by default) or EnvironmentStack\'s hcpTerraform; only the bootstrap stack may use local state, with a documented suppression.',
    level: FindingLevel.ERROR,
    evaluate: (stack) => {
      const path = stack.json['//']?.metadata?.stackName ?? 'stack';
      // HCP Terraform encrypts state at rest and locks runs itself; the token must not be in the configuration.
      const cloud = stack.json.terraform?.cloud;
      if (cloud) return cloud.token !== undefined ? [{ path, address: 'terraform.cloud', message: 'the HCP Terraform token is in the configuration' }] : [];
      const backend = stack.json.terraform?.backend ?? { local: {} };
      const s3 = backend.s3;
      if (!s3) return [{ path, address: 'terraform.backend', message: `state uses the "${Object.keys(backend)[0]}" backend, not encrypted and locked S3` }];
      const problems = [s3.encrypt !== true ? 'encrypt is not true' : '', !s3.dynamodb_table && s3.use_lockfile !== true ? 'no lock (dynamodb_table or use_lockfile)' : ''].filter(Boolean);
      return problems.length ? [{ path, address: 'terraform.backend.s3', message: problems.join('; ') }] : [];
    },
  },
];
