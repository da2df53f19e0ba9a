import { isInternetWide, parseAnyCidr } from '../../core/private/address-space';
import { FindingLevel, Rule, perResource } from '../rule';

const SCALED = ['render_web_service', 'render_background_worker', 'render_private_service'];

/** Render rules. */
export const RENDER_RULES: Rule[] = [
  {
    id: 'LSS-RENDER-001',
    description: 'Render web services have a health check path',
    fix: 'Set health_check_path (RenderWebService requires healthCheckPath); Render only routes traffic to instances that pass it.',
    level: FindingLevel.ERROR,
    evaluate: perResource('render_web_service', (s) => (typeof s.config.health_check_path !== 'string' || !s.config.health_check_path.startsWith('/') ? 'no health_check_path' : undefined)),
  },
  {
    id: 'LSS-RENDER-002',
    description: 'Render autoscaling has min <= max, both at least 1',
    fix: 'Set autoscaling.min <= autoscaling.max (the environment presets: production 1-10, staging 1-2).',
    level: FindingLevel.ERROR,
    evaluate: perResource(SCALED, (s) => {
      const a = s.config.autoscaling;
      if (!a || a.enabled === false || typeof a.min !== 'number' || typeof a.max !== 'number') return undefined;
      return a.min < 1 || a.min > a.max ? `autoscaling min ${a.min} / max ${a.max}` : undefined;
    }),
  },
  {
    id: 'LSS-RENDER-003',
    description: 'Render Key Value and Postgres accept no connections from an internet-wide range (judged by address space)',
    fix: 'Leave ip_allow_list empty (private network only) or list specific CIDRs.',
    level: FindingLevel.ERROR,
    evaluate: perResource(['render_keyvalue', 'render_redis', 'render_postgres'], (s) => {
      const wide = [s.config.ip_allow_list ?? []].flat().map((e: any) => e?.cidr_block).filter((c: unknown) => {
        const parsed = typeof c === 'string' ? parseAnyCidr(c) : undefined;
        return parsed !== undefined && isInternetWide(parsed);
      });
      return wide.length ? `ip_allow_list opens it to ${wide.join(', ')}` : undefined;
    }),
  },
];
