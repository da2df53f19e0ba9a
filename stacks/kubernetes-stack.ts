import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AcmeClusterIssuer, EnvironmentStack, K8sPlatform, K8sReadyApp, SecretValue } from '../lib';
import { AppConfig, environmentFromConfig, hostsFromConfig } from './config';
import { addLiveStreamSellApps } from './kubernetes-apps';

/**
 * The cluster platform of the Kubernetes-ready path (PRD 11.5): ingress-nginx,
 * cert-manager, kube-prometheus-stack, prometheus-adapter and Argo Rollouts as
 * pinned Helm releases. Applied first: it installs the CRDs the apps stack uses.
 *
 * Alertmanager pages the on-call (PagerDuty and e-mail) for critical alerts,
 * among them every rollback alert, and posts warnings to Slack. The routing key,
 * the webhook URL and the SMTP password are sensitive variables, delivered to
 * Alertmanager as a Kubernetes Secret.
 */
export class KubernetesPlatformStack extends EnvironmentStack {
  public readonly platform: K8sPlatform;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id, { environment: environmentFromConfig(config, 'production'), awsProvider: false });
    // The API and the AI worker expose these histograms; the adapter serves their p95 to the HPAs.
    const text = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', nullable: false, description }).stringValue;
    this.platform = new K8sPlatform(this, 'Platform', {
      latencyHistograms: ['http_request_duration_seconds', 'ai_inference_duration_seconds'],
      alerting: {
        receivers: [
          {
            name: 'oncall',
            pagerDuty: { routingKey: SecretValue.fromVariable(this, 'alert_pagerduty_routing_key', 'PagerDuty Events API v2 routing key of the on-call service (sensitive)') },
            email: {
              to: [text('oncall_email', 'E-mail address of the on-call rotation')],
              from: text('alert_sender_email', 'Sender address of the alert e-mails'),
              smarthost: text('alert_smtp_relay', 'SMTP relay of the alert e-mails, "host:port" (port 587, STARTTLS)'),
              username: text('alert_smtp_username', 'SMTP user name of the alert e-mails'),
              password: SecretValue.fromVariable(this, 'alert_smtp_password', 'SMTP password of the alert e-mails (sensitive)'),
            },
          },
          { name: 'chat', slack: { webhookUrl: SecretValue.fromVariable(this, 'alert_slack_webhook_url', 'Slack incoming-webhook URL of the alerts channel (sensitive)') } },
        ],
        criticalReceiver: 'oncall',
        warningReceiver: 'chat',
      },
    });
  }
}

/**
 * The Kubernetes-ready path of the PRD (11.5): the same application on an existing
 * cluster (kubeconfig path and context are variables), kept ready for a move off
 * Render. Depends on the platform stack, whose CRDs its ClusterIssuer,
 * PodMonitors and PrometheusRules need at plan time.
 */
export class KubernetesStack extends EnvironmentStack {
  public readonly apps: K8sReadyApp[];

  constructor(scope: Construct, id: string, config: AppConfig, platformStack: KubernetesPlatformStack) {
    super(scope, id, {
      environment: environmentFromConfig(config, 'production'),
      awsProvider: false,
    });
    this.addDependency(platformStack);
    // Only plain names cross from the platform stack: no cross-stack outputs.
    const installed = platformStack.platform;
    const platform = K8sPlatform.fromPlatformAttributes(this, 'Platform', {
      ingressClassName: installed.ingressClassName,
      ingressNamespace: installed.ingressNamespace,
      monitoringNamespace: installed.monitoringNamespace,
      clusterIssuerName: installed.clusterIssuerName,
      latencyHistograms: installed.latencyHistograms,
    });
    new AcmeClusterIssuer(this, 'Issuer', { platform });
    this.apps = addLiveStreamSellApps(this, this.environment, hostsFromConfig(config, 'production'), platform);
  }
}
