import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';
import { PolicyStatement } from '../policy-document';

/** IAM statement ids: letters and digits only (IAM's rule). */
export const SID_PATTERN = /^[A-Za-z0-9]{1,128}$/;
const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const CONDITION_OPERATOR = /^((ForAllValues|ForAnyValue):)?(String|Numeric|Date|Bool|Binary|IpAddress|NotIpAddress|Arn|Null)[A-Za-z]*$/;
const CONDITION_KEY = /^[A-Za-z0-9]+:[A-Za-z0-9:/_.-]+$/;
const EFFECTS = ['Allow', 'Deny'] as const;
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser', '*'] as const;

/**
 * Reads one policy statement through the input layer (from JavaScript or JSON a
 * statement may be anything): `prop` is its path as the user wrote it
 * ("statements[2]"). Returns a plain copy, so later changes to the caller's object
 * cannot change the policy.
 */
export function checkPolicyStatement(scope: IConstruct, prop: string, value: unknown): PolicyStatement {
  if (value === undefined) throw new ValidationError(scope, prop, value, 'a policy statement { actions, resources?, effect?, sid?, principals?, conditions? }');
  const input = Input.of(scope, value, prop);
  const sid = input.string('sid', { pattern: SID_PATTERN, allowed: 'a statement id of 1-128 letters and digits (IAM allows nothing else)' });
  const effect = input.oneOf('effect', EFFECTS);
  const actions = input.stringList('actions', { minItems: 1, pattern: ACTION_PATTERN, allowed: 'an IAM action such as "s3:GetObject" (service prefix, ":", action name or wildcard)' });
  if (actions === undefined) throw new ValidationError(scope, input.path('actions'), undefined, 'a list of at least 1 IAM action such as "s3:GetObject"');
  const resources = input.stringList('resources', { nonEmpty: true, allowed: 'a resource ARN, an ARN pattern or "*"' });
  const principals = input.objectList('principals')?.map((p) => {
    const type = p.oneOf('type', PRINCIPAL_TYPES);
    if (type === undefined) throw new ValidationError(scope, p.path('type'), undefined, `one of ${PRINCIPAL_TYPES.map((t) => JSON.stringify(t)).join(', ')}`);
    const identifiers = p.stringList('identifiers', { minItems: 1, nonEmpty: true }) ?? [];
    if (identifiers.length === 0) throw new ValidationError(scope, p.path('identifiers'), undefined, 'a list of at least 1 principal (ARN, account id or service principal)');
    p.done();
    return { type, identifiers };
  });
  const conditions = input.objectList('conditions')?.map((c) => {
    const test = c.requiredString('test', { pattern: CONDITION_OPERATOR, allowed: 'an IAM condition operator such as "StringEquals", "ArnLike", "Bool" or "ForAnyValue:StringLike"' });
    const variable = c.requiredString('variable', { pattern: CONDITION_KEY, allowed: 'a condition key such as "aws:SourceAccount" or "s3:prefix"' });
    const values = c.stringList('values', { minItems: 1 });
    if (values === undefined) throw new ValidationError(scope, c.path('values'), undefined, 'a list of at least 1 value');
    values.forEach((v, i) => assertNotCredential(scope, `${c.path('values')}[${i}]`, v));
    c.done();
    return { test, variable, values };
  });
  input.done();
  return { sid, effect, actions, resources, principals, conditions };
}

/** Refuses a literal that looks like a credential (a key pasted into a condition, a header or a prefix). */
export function assertNotCredential(scope: IConstruct, prop: string, value: string): void {
  const kind = secretValueKind(value);
  if (kind) throw new ValidationError(scope, prop, '<literal redacted>', `a value that is not a credential: it looks like ${kind}, and literal secrets never go into the configuration`);
}

/** The provider's `statement` block of a statement. */
export function renderStatement(s: PolicyStatement): DataAwsIamPolicyDocumentStatement {
  return {
    sid: s.sid,
    effect: s.effect ?? 'Allow',
    actions: s.actions,
    resources: s.resources,
    principals: s.principals?.map((p) => ({ type: p.type, identifiers: p.identifiers })),
    condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
  };
}

/** "Allow s3:GetObject, s3:PutObject on <resources>", for messages. */
export function describeStatement(s: PolicyStatement, resolve: (x: unknown) => unknown): string {
  const resources = s.resources?.length ? ` on ${(resolve(s.resources) as string[]).join(', ')}` : '';
  return `${s.effect ?? 'Allow'} ${s.actions.join(', ')}${resources}`;
}
