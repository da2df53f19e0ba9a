import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { filtersShapeProblems, posthogEvaluates, posthogSchemaProblems } from './support';
import { SecurityChecks } from '../../lib';
import { PAYPAL_INTERNATIONAL_FLAG } from '../../stacks/feature-flags';
import { LiveStreamSellStack } from '../../stacks/livestreamsell-stack';
import { buildApp } from '../../stacks/main';

// The LiveStreamSell app as `npm run synth` builds it (stacks/feature-flags.ts).
process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
const app = buildApp(Testing.app());
const stack = (id: string) => app.node.findChild(id) as LiveStreamSellStack;
const json = (id: string) => JSON.parse(Testing.synth(stack(id) as TerraformStack, true));

describe('LiveStreamSell app: feature flags', () => {
  test.each(['staging', 'production'])('%s: the PayPal integration is off by default, for beta testers from a variable', (id) => {
    const j = json(id);
    const flags = Object.values<any>(j.resource.posthog_feature_flag);
    expect(flags).toHaveLength(1);
    const paypal = flags[0];
    expect(paypal).toMatchObject({
      key: PAYPAL_INTERNATIONAL_FLAG,
      project_id: '${var.posthog_project_id}',
      rollout_percentage: 0,
      ensure_experience_continuity: false,
      // Decided at plan: inactive while payments_beta_tester_ids is empty (its default).
      active: '${(length(var.payments_beta_tester_ids) >= 1)}',
    });
    expect(j.variable.payments_beta_tester_ids).toMatchObject({ type: 'list(string)', default: [] });
    expect(j.variable.posthog_project_id).toMatchObject({ type: 'string', nullable: false });
    // No API key in the configuration: the provider reads POSTHOG_API_KEY.
    expect(j.provider.posthog).toEqual([{ host: 'https://us.posthog.com' }]);
    expect(posthogSchemaProblems(j)).toEqual([]);
    // With the variable's default (no beta testers) and with one, as PostHog evaluates it.
    const filters = paypal.filters.replace('${jsonencode(var.payments_beta_tester_ids)}', JSON.stringify([]));
    expect(filtersShapeProblems(filters)).toEqual([]);
    expect(posthogEvaluates({ key: paypal.key, active: false, filters }, 'seller-1')).toBe(false);
    const withTester = paypal.filters.replace('${jsonencode(var.payments_beta_tester_ids)}', JSON.stringify(['seller-1']));
    expect(posthogEvaluates({ key: paypal.key, active: true, filters: withTester }, 'seller-1')).toBe(true);
    expect(posthogEvaluates({ key: paypal.key, active: true, filters: withTester }, 'seller-2')).toBe(false);
  });

  test('the app reaches the flags through the stack', () => {
    expect(stack('production').featureFlags.flag(PAYPAL_INTERNATIONAL_FLAG).killed).toBe(false);
    expect(stack('production').featureFlags.projectId).not.toBe(stack('staging').featureFlags.projectId);
  });

  test.each(['staging', 'production'])('%s: zero SecurityChecks findings', (id) => {
    const checks = new SecurityChecks();
    expect(checks.check(stack(id))).toEqual([]);
  });
});
