import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { isToken } from '../../core/private/validation';

/**
 * CPU and memory quantities in Kubernetes notation ("250m", "1", "512Mi"),
 * parsed so that a request larger than its limit (which the API server rejects
 * at apply time) fails at synth instead.
 */

const CPU_PATTERN = /^(\d+)m$|^(\d+(\.\d{1,3})?)$/;
const MEMORY_PATTERN = /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MEMORY_FACTORS: { [suffix: string]: number } = {
  '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4,
};

/** Millicores of a CPU quantity, or undefined when it is not one. */
export function parseCpu(value: string): number | undefined {
  const m = CPU_PATTERN.exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) : Math.round(Number(m[2]) * 1000);
}

/** Bytes of a memory quantity, or undefined when it is not one. */
export function parseMemory(value: string): number | undefined {
  const m = MEMORY_PATTERN.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * MEMORY_FACTORS[m[3] ?? ''];
}

function assertQuantity(scope: IConstruct, prop: string, value: string, parse: (v: string) => number | undefined,
  allowed: string): number | undefined {
  if (isToken(value)) return undefined;
  const parsed = parse(value);
  if (parsed === undefined || parsed <= 0) throw new ValidationError(scope, prop, value, allowed);
  return parsed;
}

/** Validates a request/limit pair of one resource: both well formed and request <= limit. */
export function assertResourcePair(scope: IConstruct, resource: 'cpu' | 'memory', request: string, limit: string): void {
  const parse = resource === 'cpu' ? parseCpu : parseMemory;
  const allowed = resource === 'cpu'
    ? 'a CPU quantity greater than zero such as "250m" or "1"'
    : 'a memory quantity greater than zero such as "256Mi" or "1Gi"';
  const r = assertQuantity(scope, `resources.${resource}Request`, request, parse, allowed);
  const l = assertQuantity(scope, `resources.${resource}Limit`, limit, parse, allowed);
  if (r !== undefined && l !== undefined && r > l) {
    throw new ValidationError(scope, `resources.${resource}Request`, request, `a value no greater than "resources.${resource}Limit" (${limit})`);
  }
}
