import { TerraformStack } from 'cdktf';
import { SecurityChecks } from '../../lib';

/** The message of the error `fn` throws (fails the test when it throws none), for exact comparisons. */
export function errorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** The error messages SecurityChecks reports for `stack` (the library's own rules, not a re-implementation). */
export function securityFindings(stack: TerraformStack): string[] {
  return new SecurityChecks().check(stack);
}
