import { Testing, TerraformStack } from 'cdktf';
import { checkText, checkTextList, requiredString, requiredText } from '../../../lib/networking/private/text';

const scope = new TerraformStack(Testing.app(), 'text');

describe('free text', () => {
  test('template sequences are text (escaped at synth); credentials are refused by value, never echoed', () => {
    expect(checkText(scope, 'description', 'copy ${var.x} %{ if y }')).toBe('copy ${var.x} %{ if y }');
    expect(() => checkText(scope, 'description', 'token github_pat_0123456789abcdefghijklmnopqrstuvwxyz')).toThrow(
      '[text] invalid "description": got "<literal string redacted>"; expected text without credentials: it looks like a GitHub fine-grained token, and literal secrets never go into the configuration',
    );
    expect(() => checkText(scope, 'description', 'postgres://app:s3cret@db.example.com/app')).toThrow('it looks like a URL with a password');
  });

  test('lists are checked item by item, and required values must be there', () => {
    expect(checkTextList(scope, 'paths', ['/a', '/b'])).toEqual(['/a', '/b']);
    expect(() => checkTextList(scope, 'paths', ['/a', 'AKIAIOSFODNN7EXAMPLE'])).toThrow('[text] invalid "paths[1]": got "<literal string redacted>"');
    expect(() => checkTextList(scope, 'paths', '/a')).toThrow('[text] invalid "paths": got "/a"; expected a list');
    expect(() => requiredText(scope, 'description', undefined, { allowed: 'a description' })).toThrow('[text] invalid "description": got undefined; expected a description');
    expect(() => requiredString(scope, 'name', 7)).toThrow('[text] invalid "name": got 7; expected a string');
  });
});
