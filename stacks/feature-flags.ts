import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { FeatureFlags } from '../lib';

/** Flag keys the LiveStreamSell backend and dashboard ask PostHog for. */
export const PAYPAL_INTERNATIONAL_FLAG = 'payments-paypal-international';

/**
 * The app's feature flags (PRD 11.2: PostHog; new payment integrations off by
 * default, enabled per user id for beta testers before the general launch, and
 * an immediate kill switch if a gateway fails).
 *
 * Each environment is its own PostHog project (`posthog_project_id`); the beta
 * testers are the sellers' user ids in `payments_beta_tester_ids` (empty by
 * default, so every integration is off for everyone until someone is listed).
 * The provider reads POSTHOG_API_KEY (a personal API key with
 * `feature_flag:write`) from the environment of the deploy job.
 *
 * Incident: set `killed: true` on the integration below and deploy the stack;
 * `active` turns false and the targeting is kept for when it is released.
 */
export function addFeatureFlags(scope: Construct): FeatureFlags {
  const projectId = new TerraformVariable(scope, 'posthog_project_id', {
    type: 'string',
    nullable: false,
    description: 'PostHog project (environment) id of this environment: the number in https://us.posthog.com/project/<id>',
  });
  const betaTesters = new TerraformVariable(scope, 'payments_beta_tester_ids', {
    type: 'list(string)',
    nullable: false,
    default: [],
    description: 'User ids (as the app identifies them to PostHog) of the sellers who try new payment integrations before launch',
  });
  return new FeatureFlags(scope, 'FeatureFlags', {
    projectId: projectId.stringValue,
    flags: [
      {
        key: PAYPAL_INTERNATIONAL_FLAG,
        description: 'International PayPal payments (PRD 11.2): off by default, on for the payments beta testers',
        betaTesterIds: betaTesters.listValue,
        // The kill switch: true turns the integration off for every seller.
        killed: false,
      },
    ],
  });
}
