import { TerraformStack } from 'cdktf';
import { Environment, EnvironmentStack, RenderCompute, RenderComputeProps, RenderWebServiceOptions, SecurityChecks } from '../../lib';
import { Template, environmentStack } from '../support/template';

/** A pinned GHCR image. */
export const API_IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };
export const FRONTEND_IMAGE = { repository: 'ghcr.io/acme/frontend', tag: '2.0.0' };

/** The smallest web service: an image and its health check. */
export const WEB: RenderWebServiceOptions = { image: API_IMAGE, healthCheckPath: '/healthz' };

/** The staging environment of the test project. */
export const STAGING = Environment.staging({ project: 'acme' });
/** The production environment of the test project. */
export const PRODUCTION = Environment.production({ project: 'acme' });

/** The message of the error `fn` throws (fails the test when it throws nothing). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** A stack (id "test") of the given environment with a RenderCompute "Compute". */
export function compute(props: RenderComputeProps = {}, env = STAGING): { stack: EnvironmentStack; compute: RenderCompute } {
  const stack = environmentStack(env, 'test');
  return { stack, compute: new RenderCompute(stack, 'Compute', props) };
}

/** Synthesizes a RenderCompute and returns the template. */
export function synthCompute(props: RenderComputeProps = {}, env: Environment = STAGING): Template {
  return Template.of(compute(props, env).stack);
}

/** The logical id of the only resource of `type` whose `name` is `name`. */
export function idByName(t: Template, type: string, name: string): string {
  const entries = Object.entries(t.resources(type)).filter(([, r]) => (r as any).name === name);
  if (entries.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${entries.length}`);
  return entries[0][0];
}

/** The resource of `type` named `name`. */
export function byName(t: Template, type: string, name: string): any {
  return t.resources(type)[idByName(t, type, name)];
}

/** `${type.id.attr}`. */
export const ref = (type: string, id: string, attr = 'id') => `\${${type}.${id}.${attr}}`;

/** Rule ids of the SecurityChecks findings of `stack` (sorted, unique). */
export function findingIds(stack: TerraformStack): string[] {
  const checks = new SecurityChecks();
  checks.check(stack);
  return [...new Set(checks.findings.filter((f) => !f.suppressedBecause).map((f) => f.ruleId))].sort();
}
