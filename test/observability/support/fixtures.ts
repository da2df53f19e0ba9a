import { Construct } from 'constructs';
import {
  Environment, EnvironmentStack, IWatchedRenderService, IWatchedRenderWebService, RenderCompute, RenderObservability, RenderWebService, RenderObservabilityProps,
} from '../../../lib';
import { Template, environmentStack } from '../../support/template';

export const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };

/** The Render services of a small app: an API on a custom domain, a dashboard, an AI worker and a backup job. */
export interface Services {
  readonly stack: EnvironmentStack;
  readonly compute: RenderCompute;
  readonly api: IWatchedRenderWebService;
  readonly dashboard: IWatchedRenderWebService;
  readonly aiWorker: IWatchedRenderService;
  readonly backup: IWatchedRenderService;
}

/** The services in `stack` (or a fresh stack of `env`). */
export function services(stackOrEnv: EnvironmentStack | Environment = Environment.staging({ project: 'acme' })): Services {
  const stack = stackOrEnv instanceof Construct ? stackOrEnv : environmentStack(stackOrEnv, 'test');
  const compute = new RenderCompute(stack, 'Compute', {
    publicImages: true,
    webServices: {
      Api: { image: IMAGE, healthCheckPath: '/health', port: 8000, customDomain: 'api.example.com' },
      Dashboard: { image: IMAGE, healthCheckPath: '/api/health', port: 3000, customDomain: 'app.example.com' },
    },
    workers: { AiWorker: { image: IMAGE, command: 'python -m worker' } },
    cronJobs: { Backup: { image: IMAGE, name: 'db-backup', schedule: '17 3 * * *', command: 'backup' } },
  });
  const watched = (id: string) => compute.service(id) as unknown as IWatchedRenderService;
  return { stack, compute, api: compute.service('Api') as RenderWebService, dashboard: compute.service('Dashboard') as RenderWebService, aiWorker: watched('AiWorker'), backup: watched('Backup') };
}

/** A RenderObservability of the services with every feature on (props merged over the defaults). */
export function observability(props: Partial<RenderObservabilityProps> = {}, env?: Environment): { s: Services; o: RenderObservability; t: () => Template } {
  const s = services(env);
  const o = new RenderObservability(s.stack, 'Observability', {
    webServices: [s.api, s.dashboard],
    workers: [s.aiWorker],
    backupJobs: [s.backup],
    aiLatency: { service: s.aiWorker, histogram: 'ai_inference_duration_seconds' },
    releaseGuard: { hostname: 'release-guard.example.com' },
    ...props,
  });
  return { s, o, t: () => Template.of(s.stack) };
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}
