import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformVariable, Token } from 'cdktf';
import { FeatureFlag } from '../../../lib';
import { canonicalJson, hasBetaTesters, renderFilters } from '../../../lib/feature-flags/private/filters';
import { OfflineApply, applyOffline, describeWithTerraform } from '../../support/terraform';
import { filtersShapeProblems, flagStack, synth } from '../support';

const withTerraform = describeWithTerraform('the canonical-filters test');

describe('renderFilters', () => {
  test('an everyone set first, then the beta testers, in the canonical form', () => {
    expect(renderFilters({ rolloutPercentage: 0, betaTesterProperty: 'distinct_id' })).toBe('{"groups":[{"properties":[],"rollout_percentage":0}]}');
    expect(renderFilters({ rolloutPercentage: 5, betaTesterIds: [], betaTesterProperty: 'distinct_id' })).toBe('{"groups":[{"properties":[],"rollout_percentage":5}]}');
    expect(renderFilters({ rolloutPercentage: 5, betaTesterIds: ['b', 'a'], betaTesterProperty: 'email' })).toBe(
      '{"groups":[{"properties":[],"rollout_percentage":5},{"properties":[{"key":"email","operator":"exact","type":"person","value":["b","a"]}],"rollout_percentage":100}]}',
    );
  });

  test('hasBetaTesters: a non-empty list or a list token', () => {
    expect(hasBetaTesters({ rolloutPercentage: 0, betaTesterProperty: 'x' })).toBe(false);
    expect(hasBetaTesters({ rolloutPercentage: 0, betaTesterIds: [], betaTesterProperty: 'x' })).toBe(false);
    expect(hasBetaTesters({ rolloutPercentage: 0, betaTesterIds: ['a'], betaTesterProperty: 'x' })).toBe(true);
    expect(hasBetaTesters({ rolloutPercentage: 0, betaTesterIds: Token.asList({ resolve: () => [] } as any), betaTesterProperty: 'x' })).toBe(true);
  });

  test('canonicalJson writes what Go\'s json.Marshal writes: sorted keys, no spaces, HTML-safe escapes', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonicalJson('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    expect(canonicalJson('line\u2028para\u2029')).toBe('"line\\u2028para\\u2029"');
    expect(canonicalJson('é🔥 back\\slash')).toBe('"é🔥 back\\\\slash"');
    expect(() => canonicalJson(NaN)).toThrow('canonicalJson: NaN is not a JSON number');
  });
});

/**
 * The provider stores `filters` in state re-encoded by Go (`json.Marshal`), and
 * plans a change whenever the configured text differs. Terraform's own
 * `jsonencode` is that encoder: the text Terraform evaluates from cdk.tf.json (the
 * escapes for `${`/`%{` undone, the variable's list inserted) must equal
 * `jsonencode(jsondecode(text))`, and the ids must come back exactly as written.
 */
withTerraform('the filters text is canonical, proven by Terraform', () => {
  const IDS = ['user-1842', 'a<b&c', 'quote"d', 'back\\slash', '${var.secret}', '%{ if true }x%{ endif }', 'é🔥', 'line\u2028sep', '$${already}'];

  function evaluate(): OfflineApply {
    const stack = flagStack();
    const ids = new TerraformVariable(stack, 'beta_tester_ids', { type: 'list(string)', default: IDS });
    new FeatureFlag(stack, 'Literal', { projectId: '12345', key: 'literal', betaTesterIds: IDS, rolloutPercentage: 7 });
    new FeatureFlag(stack, 'FromVariable', { projectId: '12345', key: 'from-variable', betaTesterIds: ids.listValue, rolloutPercentage: 7 });
    const none = new TerraformVariable(stack, 'no_beta_testers', { type: 'list(string)', default: [] });
    new FeatureFlag(stack, 'Nobody', { projectId: '12345', key: 'nobody', betaTesterIds: none.listValue });
    const json = synth(stack);
    // The check can fail: a text in another key order or spacing is re-encoded differently.
    const flags = [...Object.values<any>(json.resource.posthog_feature_flag), { key: 'not-canonical', filters: '{"groups": [{"rollout_percentage": 0, "properties": []}]}' }];
    // A provider-free configuration: the same variable, the flags' filters text as locals.
    const config = {
      variable: json.variable,
      locals: Object.fromEntries(flags.map((f) => [f.key.replace(/-/g, '_'), f.filters])),
      output: Object.fromEntries(flags.flatMap((f) => {
        const name = f.key.replace(/-/g, '_');
        const active = f.active === undefined ? [] : [[`${name}_active`, { value: f.active }]];
        return [[name, { value: `\${local.${name}}` }], [`${name}_canonical`, { value: `\${jsonencode(jsondecode(local.${name}))}` }], ...active];
      })),
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flags-tf-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
      return applyOffline(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('literal ids and ids from a variable give the same canonical text, ids unchanged; active is decided by Terraform', () => {
    const { status, stderr, outputs } = evaluate();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const literal = outputs.literal.value;
    expect(outputs.literal_canonical.value).toBe(literal);
    expect(outputs.from_variable.value).toBe(literal);
    expect(outputs.from_variable_canonical.value).toBe(literal);
    expect(JSON.parse(literal).groups[1].properties[0].value).toEqual(IDS);
    expect(JSON.parse(literal).groups[0].rollout_percentage).toBe(7);
    expect(filtersShapeProblems(literal)).toEqual([]);
    // `active` as Terraform decides it: on with testers, off with the empty list.
    expect(outputs.from_variable_active.value).toBe(true);
    expect(outputs.nobody_active.value).toBe(false);
    expect(outputs.literal_active.value).toBe(true);
    expect(outputs.not_canonical_canonical.value).toBe('{"groups":[{"properties":[],"rollout_percentage":0}]}');
    expect(outputs.not_canonical_canonical.value).not.toBe(outputs.not_canonical.value);
  });
});
