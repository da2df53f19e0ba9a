import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Environment } from '../environment';

/**
 * The one way a construct gets its environment: `explicit` (its `environment`
 * prop) when given, which is then bound to the construct so that everything below
 * it uses it too; otherwise the environment of the nearest enclosing scope.
 */
export function environmentOf(scope: IConstruct, explicit?: unknown, prop = 'environment'): Environment {
  if (explicit === undefined) return Environment.of(scope);
  if (!Environment.isEnvironment(explicit)) {
    throw new ValidationError(scope, prop, explicit, 'an Environment (Environment.staging({ project }), Environment.production({ project }) or new Environment({ name, project }))');
  }
  return explicit.bind(scope);
}
