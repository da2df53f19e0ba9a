import { PolicyDocument } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('PolicyDocument', () => {
  test('renders the statements it was given and those added later, in order', () => {
    const stack = environmentStack();
    const doc = new PolicyDocument(stack, 'Doc', [{ sid: 'First', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }]);
    doc.addStatements({ sid: 'Second', effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
    expect(doc.sids).toEqual(['First', 'Second']);
    expect(doc.statementCount).toBe(2);
    expect(Template.of(stack).dataSources('aws_iam_policy_document')).toEqual({
      Doc_036E3112: {
        statement: [
          { sid: 'First', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
          { sid: 'Second', effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] },
        ],
      },
    });
  });

  test('refuses a duplicate statement id, naming both statements', () => {
    const doc = new PolicyDocument(environmentStack(), 'Doc', [{ sid: 'ReadReports', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/reports/*'] }]);
    doc.addStatements({ sid: 'Other', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'] });
    expect(() => doc.addStatements({ sid: 'ReadReports', actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/exports/*'] })).toThrow(
      '[test/Doc] invalid "statements[2].sid": got "ReadReports"; expected a statement id not already used in this policy document by statements[0] (Allow s3:GetObject on arn:aws:s3:::b/reports/*); this one is Allow s3:PutObject on arn:aws:s3:::b/exports/*: aws_iam_policy_document refuses duplicate sids',
    );
    expect(doc.statementCount).toBe(2);
  });

  test('refuses a duplicate sid within one call, and resolves references in the message', () => {
    const stack = environmentStack();
    const other = new PolicyDocument(stack, 'Other');
    expect(() => new PolicyDocument(stack, 'Doc', [
      { sid: 'A', actions: ['sts:AssumeRole'] },
      { sid: 'A', actions: ['kms:Decrypt'], resources: [other.json] },
    ])).toThrow('[test/Doc] invalid "statements[1].sid": got "A"; expected a statement id not already used in this policy document by statements[0] (Allow sts:AssumeRole); this one is Allow kms:Decrypt on ${data.aws_iam_policy_document.Other_');
  });

  test('IAM policy variables are literal text: ${aws:username} reaches the policy, not Terraform', () => {
    const stack = environmentStack();
    new PolicyDocument(stack, 'Doc', [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::home/${aws:username}/*'], conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['${aws:username}/%{x}'] }] }]);
    const statement = (Object.values(Template.of(stack).dataSources('aws_iam_policy_document'))[0] as any).statement[0];
    expect(statement.resources).toEqual(['arn:aws:s3:::home/$${aws:username}/*']);
    expect(statement.condition[0].values).toEqual(['$${aws:username}/%%{x}']);
  });

  test('statements without sids never clash', () => {
    const doc = new PolicyDocument(environmentStack(), 'Doc', [{ actions: ['s3:GetObject'] }, { actions: ['s3:GetObject'] }]);
    expect(doc.statementCount).toBe(2);
    expect(doc.sids).toEqual([]);
  });

  test.each([
    [{ sid: 'read-reports', actions: ['s3:GetObject'] }, 'invalid "statements[0].sid": got "read-reports"; expected a statement id of 1-128 letters and digits (IAM allows nothing else)'],
    [{ effect: 'allow', actions: ['s3:GetObject'] }, 'invalid "statements[0].effect": got "allow"; expected one of "Allow", "Deny"'],
    [{ actions: [] }, 'invalid "statements[0].actions": got []; expected a list of at least 1 item'],
    [{ actions: 's3:GetObject' }, 'invalid "statements[0].actions": got "s3:GetObject"; expected a list'],
    [{ actions: ['GetObject'] }, 'invalid "statements[0].actions[0]": got "GetObject"; expected an IAM action such as "s3:GetObject"'],
    [{ actions: ['s3:GetObject'], principals: [{ type: 'Role', identifiers: ['x'] }] }, 'invalid "statements[0].principals[0].type": got "Role"; expected one of "AWS", "Service", "Federated", "CanonicalUser", "*"'],
    [{ actions: ['s3:GetObject'], conditions: [{ test: 'Equals', variable: 'aws:SourceAccount', values: ['1'] }] }, 'invalid "statements[0].conditions[0].test": got "Equals"; expected an IAM condition operator'],
    [{ actions: ['s3:GetObject'], conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['AKIAIOSFODNN7EXAMPLE'] }] }, 'invalid "statements[0].conditions[0].values[0]": got "<literal redacted>"; expected a value that is not a credential: it looks like an AWS access key id'],
    [{ actions: ['s3:GetObject'], resource: ['*'] }, 'invalid "statements[0].resource": got ["*"]; expected no such property'],
  ])('refuses a malformed statement %#', (statement, message) => {
    expect(() => new PolicyDocument(environmentStack(), 'Doc', [statement as any])).toThrow(`[test/Doc] ${message}`);
  });
});
