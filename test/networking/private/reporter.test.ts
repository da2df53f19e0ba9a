import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Input } from '../../../lib/core/private/input';
import { childProps, propsInput } from '../../../lib/networking/private/reporter';

const stack = new TerraformStack(Testing.app(), 'stack');
const parent = new Construct(stack, 'Parent');
const child = new Construct(parent, 'Child');

describe('propsInput and childProps', () => {
  test('without a parent, a construct reports its own props', () => {
    const reader = propsInput(child, { cidr: 1 });
    expect(reader.nested).toBe(false);
    expect(() => reader.input.string('cidr')).toThrow('[stack/Parent/Child] invalid "cidr": got 1; expected a string');
    expect(reader.injected('zoneName')).toEqual({ scope: child, prop: 'zoneName', value: undefined });
  });

  test('through childProps, errors name the parent and the nested prop path', () => {
    const top = Input.of(parent, { vpc: { flowLogs: { retentionDays: 2 } } });
    const vpc = propsInput(child, childProps(top, 'vpc', { flowLogs: { retentionDays: 2 } }));
    expect(vpc.nested).toBe(true);
    expect(vpc.input.path('cidr')).toBe('vpc.cidr');
    const flowLogs = propsInput(child, childProps(vpc.input, 'flowLogs', { retentionDays: 2 }));
    expect(() => flowLogs.input.string('retentionDays')).toThrow('[stack/Parent] invalid "vpc.flowLogs.retentionDays": got 2; expected a string');
  });

  test('prop "" nests at the parent\'s own level', () => {
    const edge = Input.of(parent, {}, 'edge');
    const settings = propsInput(child, childProps(edge, '', { hsts: {} }));
    expect(settings.input.path('hsts')).toBe('edge.hsts');
  });

  test('injected props are the parent\'s: reported there, absent from "no such property" lists, and never settable by the user', () => {
    const top = Input.of(parent, {});
    const edge = propsInput(child, childProps(top, 'edge', { wwwRedirect: true }, { zoneName: 'example.com' }));
    expect(edge.injected('zoneName')).toEqual({ scope: parent, prop: 'zoneName', value: 'example.com' });
    edge.input.boolean('wwwRedirect');
    expect(() => propsInput(child, childProps(top, 'edge', { typo: 1 }, { zoneName: 'example.com' })).done()).toThrow(
      '[stack/Parent] invalid "edge.typo": got 1; expected no such property: the properties here are none',
    );
    expect(() => childProps(top, 'edge', { zoneName: 'example.org' }, { zoneName: 'example.com' })).toThrow(
      '[stack/Parent] invalid "edge.zoneName": got "example.org"; expected no such property here: stack/Parent sets it',
    );
    edge.done();
  });
});
