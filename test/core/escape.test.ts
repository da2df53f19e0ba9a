import { Lazy, TerraformOutput, TerraformResource, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, EnvironmentStack } from '../../lib';
import { escapeTemplateText, markLibraryConstruct, terraformExpression } from '../../lib/core/private/escape';

/** A library-style construct holding one resource with free-text attributes. */
class Owned extends Construct {
  public readonly resource: TerraformResource;
  constructor(scope: Construct, id: string, attrs: { [key: string]: unknown }) {
    super(scope, id);
    markLibraryConstruct(this);
    this.resource = new TerraformResource(this, 'Resource', { terraformResourceType: 'test_thing' });
    for (const [k, v] of Object.entries(attrs)) this.resource.addOverride(k, v);
  }
}

function stack() {
  return new EnvironmentStack(Testing.app(), 'test', { environment: Environment.staging({ project: 'acme' }), localStatePath: 'x.tfstate' });
}

const only = (json: any) => Object.values(json.resource.test_thing)[0] as any;

function synth(s: EnvironmentStack): any {
  return JSON.parse(Testing.synth(s));
}

describe('literal escaping of library-owned elements', () => {
  test('escapes ${ and %{ in literal text, keys included, and keeps references', () => {
    const s = stack();
    const secret = new TerraformVariable(s, 'ghcr_token', { type: 'string', sensitive: true });
    const region = new TerraformVariable(s, 'region', { type: 'string' });
    new Owned(s, 'Thing', {
      description: 'copy ${var.ghcr_token} and %{ if true }x%{ endif }',
      tags: { 'team ${var.x}': 'a ${b} ' + region.stringValue + ' ${c}' },
      list: ['${var.ghcr_token}', region.stringValue],
      lazy: Lazy.stringValue({ produce: () => 'lazy ${var.ghcr_token}' }),
      lazyObject: Lazy.anyValue({ produce: () => ({ nested: '${var.ghcr_token}' }) }),
      plain: 'no template here {}',
    });
    void secret;
    const r = only(synth(s));
    expect(r.description).toBe('copy $${var.ghcr_token} and %%{ if true }x%%{ endif }');
    expect(r.tags).toEqual({ 'team $${var.x}': 'a $${b} ${var.region} $${c}' });
    expect(r.list).toEqual(['$${var.ghcr_token}', '${var.region}']);
    expect(r.lazy).toBe('lazy $${var.ghcr_token}');
    expect(r.lazyObject).toEqual({ nested: '$${var.ghcr_token}' });
    expect(r.plain).toBe('no template here {}');
  });

  test('elements outside library constructs are the user\'s own: left alone', () => {
    const s = stack();
    new Owned(s, 'Thing', { description: '${x}' });
    new TerraformOutput(s, 'raw', { value: '${var.region}' });
    expect(synth(s).output.raw.value).toBe('${var.region}');
  });

  test('a library expression built as a token is not escaped', () => {
    const s = stack();
    new Owned(s, 'Thing', { command: `psql --file="${terraformExpression('path.module')}/x.sql"` });
    expect(only(synth(s)).command).toBe('psql --file="${path.module}/x.sql"');
  });

  test('the check can fail: without marking, the literal is interpolated by Terraform', () => {
    const s = stack();
    const r = new TerraformResource(s, 'Unowned', { terraformResourceType: 'test_thing' });
    r.addOverride('description', '${var.ghcr_token}');
    expect(synth(s).resource.test_thing.Unowned.description).toBe('${var.ghcr_token}');
  });

  test('escapeTemplateText escapes text without tokens', () => {
    expect(escapeTemplateText('a ${b} %{c} $d {{e}}')).toBe('a $${b} %%{c} $d {{e}}');
  });
});
