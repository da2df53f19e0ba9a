import { IConstruct } from 'constructs';

/**
 * The "scope" of a static method's errors: `ValidationError` reports a string
 * scope as the path (`[RowLevelSecurity.ownRowsOnly] invalid "ownerId": ...`),
 * and the input readers only pass their scope on to it.
 */
export function methodScope(name: string): IConstruct {
  return name as unknown as IConstruct;
}
