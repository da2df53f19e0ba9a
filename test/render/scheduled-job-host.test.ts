import { API_IMAGE, PRODUCTION, WEB, compute } from './fixtures';
import { IScheduledJobHost, SecretValue } from '../../lib';
import { Template } from '../support/template';

describe('RenderCompute as IScheduledJobHost', () => {
  test('jobs of other modules get exactly their own environment: no env groups, no Key Value', () => {
    const { stack, compute: c } = compute({
      webServices: { Api: WEB },
      keyValue: { services: ['Api'] },
      envGroups: { Backend: { generatedSecrets: ['SECRET_KEY'], services: ['Api'] } },
      defaultJobImage: API_IMAGE,
    }, PRODUCTION);
    const host: IScheduledJobHost = c;
    host.addScheduledJob('Backup', {
      name: 'db-backup',
      schedule: '17 3 * * *',
      command: 'backup.sh',
      variables: { BACKUP_BUCKET: 'b' },
      secrets: { PGPASSWORD: SecretValue.fromVariable(stack, 'pg_password') },
    });
    const t = Template.of(stack);
    const job = t.only('render_cron_job');
    expect(job.name).toBe('acme-production-db-backup');
    expect(Object.keys(job.env_vars).sort()).toEqual(['BACKUP_BUCKET', 'PGPASSWORD']);
    expect(job.env_vars.PGPASSWORD.value).toBe('${var.pg_password}');
    const link = t.only('render_env_group_link');
    expect(link.service_ids).toHaveLength(1);
    expect(link.service_ids[0]).toMatch(/^\$\{render_web_service\./);
    expect(t.only('render_web_service').env_vars.REDIS_URL).toBeDefined();
  });
});
