// Acme Shop: a second company's whole app on the library, every module in use.
// An online shop in Frankfurt (AWS eu-central-1, Render "frankfurt", Supabase
// eu-central-1): a Next.js storefront and a Node.js API on Render, Supabase
// Postgres, S3, the Cloudflare edge of its own zones, PostHog flags, Grafana
// observability, and the same apps ready on Kubernetes.
//
// Stacks, in deploy order:
//   bootstrap            the S3 state bucket, lock table and key (local state, then migrated)
//   shared               the Render project of both environments, Render's workspace
//                        notifications and metrics stream, the Grafana alert routing
//   staging, production  database, storage, compute, networking, flags, observability (shop-stack.ts)
//   kubernetes-platform, kubernetes
//                        the cluster platform and the apps (kubernetes.ts), on HCP Terraform
//
// Account ids and secrets are Terraform variables (secrets sensitive); provider
// credentials come from the environment of the run (AWS_*, CLOUDFLARE_API_TOKEN,
// RENDER_API_KEY, SUPABASE_ACCESS_TOKEN, POSTHOG_API_KEY, GRAFANA_AUTH, a kubeconfig).
import { App, Aspects, TerraformVariable } from 'cdktf';
import { addKubernetes } from './kubernetes';
import { ShopStack } from './shop-stack';
import {
  AlertRouting, Environment, EnvironmentStack, RenderNotifications, RenderProject, RenderWorkspaceObservability, SecretValue, SecurityChecks, StateBackend,
} from '../../lib';

/** The company's own global names: S3 buckets start with the project, each environment owns its zone. */
const PROJECT = 'acme-shop';
const REGION = 'eu-central-1';
const ZONES = { staging: 'acme-shop-staging.com', production: 'acme-shop.com' };

/** Builds every stack of Acme Shop into `app`, with the security checks on all of them. */
export function buildAcmeShop(app: App): App {
  const staging = Environment.staging({ project: PROJECT, region: REGION });
  const production = Environment.production({ project: PROJECT, region: REGION });
  // Shared by all environments, protected like production.
  const shared = new Environment({ name: 'shared', production: true, project: PROJECT, region: REGION });

  // --- bootstrap: created once on local state, then migrated into the bucket it creates (docs/state.md) ---
  const bootstrap = new EnvironmentStack(app, 'bootstrap', { environment: shared, localStatePath: 'terraform.bootstrap.tfstate' });
  new StateBackend(bootstrap, 'State');
  SecurityChecks.suppress(bootstrap, 'LSS-STATE-001', 'Bootstrap creates the state bucket and lock table, so its first apply runs on local state; it is migrated right after.');

  // --- shared: one Render project for both environments, and what exists once per Render workspace and Grafana org ---
  const sharedStack = new EnvironmentStack(app, 'shared', { environment: shared, awsProvider: false });
  const renderProject = new RenderProject(sharedStack, 'Project', { environments: [staging, production] });
  new RenderWorkspaceObservability(sharedStack, 'RenderWorkspace', { notifications: RenderNotifications.FAILURE });
  const oncallEmails = new TerraformVariable(sharedStack, 'alert_emails', { type: 'list(string)', nullable: false, description: 'E-mail addresses of the on-call rotation' });
  new AlertRouting(sharedStack, 'Alerting', {
    contactPoints: {
      oncall: { emails: oncallEmails.listValue, slackWebhookUrl: SecretValue.fromVariable(sharedStack, 'alert_slack_webhook_url', 'Slack incoming-webhook URL of #shop-oncall') },
      team: { slackWebhookUrl: SecretValue.fromVariable(sharedStack, 'team_slack_webhook_url', 'Slack incoming-webhook URL of #shop-team') },
    },
    defaultContactPoint: 'team',
    // Production outages page every hour until fixed; the rest goes to the team channel.
    routes: [{ matchers: { environment: 'production', severity: 'critical' }, contactPoint: 'oncall', repeatInterval: '1h' }],
  });

  // --- staging and production: the shop itself, each environment in its own zone ---
  new ShopStack(app, 'staging', { environment: staging, zoneName: ZONES.staging, renderProject });
  new ShopStack(app, 'production', { environment: production, zoneName: ZONES.production, renderProject, backupReplicaRegion: 'eu-west-1' });

  // --- Kubernetes: the platform team keeps these states in HCP Terraform (one workspace per stack) ---
  addKubernetes(app, { environment: production, zoneName: ZONES.production, hcpTerraform: { organization: PROJECT, project: 'Kubernetes' } });

  // Every stack must pass the library's security checks: a finding fails the synth.
  Aspects.of(app).add(new SecurityChecks());
  return app;
}

if (require.main === module) {
  buildAcmeShop(new App()).synth();
}
