import {
  GUARD_CRON_RUN_ENDED, GUARD_DEPLOY_ENDED, PROBE_SUCCESS, RENDER_CPU_LIMIT, RENDER_CPU_TIME, RENDER_HTTP_LATENCY, RENDER_HTTP_REQUESTS,
  RENDER_MEMORY_LIMIT, RENDER_MEMORY_USAGE, errorRatio, histogramQuantile, jobSelector,
} from './render-promql';
import { DashboardPanel } from '../../k8s/private/grafana-dashboard-json';

/** Panels of one Render service, from the same typed panel model as the Kubernetes dashboards. */
export interface ServicePanelsInput {
  readonly renderName: string;
  /** Web services: the synthetic check's job. */
  readonly checkJob?: string;
  readonly web: boolean;
  readonly ai?: { readonly histogram: string; readonly thresholdSeconds: number };
  readonly cronJob: boolean;
  readonly guard: boolean;
}

/** Saturation panels every running service has (cron jobs emit no metrics). */
function saturation(job: string): DashboardPanel[] {
  return [
    {
      title: 'CPU (share of the instance\'s limit)',
      unit: 'percentunit',
      threshold: 0.9,
      queries: [{ expr: `sum by (instance) (rate(${RENDER_CPU_TIME}${jobSelector(job)}[5m])) / sum by (instance) (${RENDER_CPU_LIMIT}${jobSelector(job)})`, legend: '{{instance}}' }],
    },
    {
      title: 'Memory (share of the instance\'s limit)',
      unit: 'percentunit',
      threshold: 0.9,
      queries: [{ expr: `sum by (instance) (${RENDER_MEMORY_USAGE}${jobSelector(job)}) / sum by (instance) (${RENDER_MEMORY_LIMIT}${jobSelector(job)})`, legend: '{{instance}}' }],
    },
    {
      title: 'Instances',
      kind: 'stat',
      unit: 'short',
      width: 6,
      height: 4,
      queries: [{ expr: `count(${RENDER_MEMORY_USAGE}${jobSelector(job)})`, legend: 'instances' }],
    },
  ];
}

/** The panels of one service's dashboard. */
export function servicePanels(s: ServicePanelsInput): DashboardPanel[] {
  const job = s.renderName;
  const panels: DashboardPanel[] = [];
  if (s.web) {
    panels.push(
      { title: 'Requests by status', unit: 'reqps', queries: [{ expr: `sum by (status_code) (rate(${RENDER_HTTP_REQUESTS}${jobSelector(job)}[5m]))`, legend: '{{status_code}}' }] },
      {
        title: 'Errors (5xx ratio)',
        unit: 'percentunit',
        description: 'A rise of 15% or more in the first minute after a deploy is a rollback condition (PRD 11.2).',
        queries: [{ expr: errorRatio(job, '5m'), legend: '5xx' }],
      },
      {
        title: 'Response time (Render, by quantile)',
        unit: 'ms',
        width: 24,
        queries: [{ expr: `max by (quantile) (${RENDER_HTTP_LATENCY}${jobSelector(job)})`, legend: 'p{{quantile}}' }],
      },
    );
    if (s.checkJob) {
      panels.push({
        title: 'Health check success (synthetic, 1 h)',
        kind: 'stat',
        unit: 'percentunit',
        width: 6,
        height: 4,
        queries: [{ expr: `avg(avg_over_time(${PROBE_SUCCESS}${jobSelector(s.checkJob)}[1h]))`, legend: 'success' }],
      });
    }
  }
  if (s.ai) {
    panels.push({
      title: 'AI latency',
      unit: 's',
      threshold: s.ai.thresholdSeconds,
      width: 24,
      description: `p95 at or above ${s.ai.thresholdSeconds} s after a release is a rollback condition (PRD 11.2).`,
      queries: [0.5, 0.95].map((q) => ({ expr: histogramQuantile(s.ai!.histogram, job, q, '5m'), legend: `p${q * 100}` })),
    });
  }
  if (s.cronJob) {
    if (s.guard) {
      panels.push(
        {
          title: 'Hours since the last successful run',
          kind: 'stat',
          unit: 'h',
          threshold: 26,
          width: 12,
          height: 4,
          queries: [{ expr: `(time() - max(max_over_time(${GUARD_CRON_RUN_ENDED}${jobSelector(job, ',status="succeeded"')}[7d]))) / 3600`, legend: 'hours' }],
        },
        {
          title: 'Failed runs (7 days)',
          kind: 'stat',
          unit: 'short',
          threshold: 1,
          width: 12,
          height: 4,
          queries: [{ expr: `count(count_over_time(${GUARD_CRON_RUN_ENDED}${jobSelector(job, ',status="failed"')}[7d])) or vector(0)`, legend: 'failed' }],
        },
      );
    }
    return panels;
  }
  panels.push(...saturation(job));
  if (s.guard) {
    panels.push({
      title: 'Minutes since the last deploy',
      kind: 'stat',
      unit: 'm',
      width: 6,
      height: 4,
      queries: [{ expr: `(time() - max(max_over_time(${GUARD_DEPLOY_ENDED}${jobSelector(job, ',status="succeeded"')}[7d]))) / 60`, legend: 'minutes' }],
    });
  }
  return panels;
}
