import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformVariable, Testing } from 'cdktf';
import { API_IMAGE, PRODUCTION, STAGING, WEB, errorOf } from './fixtures';
import { EnvironmentStack, RenderCompute, RenderEnvGroup, RenderKeyValue, RenderWebService } from '../../lib';
import { Template } from '../support/template';

const stack = (app: App, id: string, env = STAGING) => new EnvironmentStack(app, id, { environment: env, awsProvider: false });

/** Synthesizes the whole app into a fresh folder; returns the error message and the files written. */
function synthApp(build: (app: App) => void): { error?: string; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-names-'));
  try {
    const app = new App({ outdir, skipValidation: false });
    build(app);
    try {
      app.synth();
    } catch (e) {
      return { error: (e as Error).message, files: fs.readdirSync(path.join(outdir, 'stacks')) };
    }
    return { files: fs.readdirSync(path.join(outdir, 'stacks')) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('names Render keeps unique per workspace, checked across the app at synth', () => {
  test('two services with one Render name in one RenderCompute: both named, at the props the user wrote', () => {
    const s = stack(Testing.app(), 'test');
    new RenderCompute(s, 'Compute', { webServices: { Api: WEB }, workers: { Worker: { image: API_IMAGE, name: 'api' } } });
    const message = errorOf(() => Template.of(s));
    expect(message).toContain('[test/Compute] invalid "webServices.Api.name": got "api"; expected a service name (Render name "acme-staging-api") no other service of the Render workspace uses: test/Compute/Worker has it too (Render names are unique per workspace, so the apply would fail)');
    expect(message).toContain('[test/Compute] invalid "workers.Worker.name": got "api"; expected a service name (Render name "acme-staging-api") no other service of the Render workspace uses: test/Compute/Api has it too');
  });

  test('two RenderComputes of one environment in two stacks: the first stack already fails and nothing is written', () => {
    const result = synthApp((app) => {
      new RenderCompute(stack(app, 'web'), 'Compute', { webServices: { Api: WEB }, publicImages: true });
      new RenderCompute(stack(app, 'jobs'), 'Compute', { cronJobs: { Api: { image: API_IMAGE, schedule: '0 3 * * *' } }, publicImages: true });
    });
    expect(result.error).toContain('[web/Compute] invalid "webServices.Api.name": got "api"; expected a service name (Render name "acme-staging-api") no other service of the Render workspace uses: jobs/Compute/Api has it too');
    expect(result.files).toEqual([]);
  });

  test('the same logical names in staging and production are different Render names', () => {
    const result = synthApp((app) => {
      new RenderCompute(stack(app, 'staging'), 'Compute', { webServices: { Api: WEB }, envGroups: { Backend: { services: ['Api'] } }, keyValue: { services: ['Api'] } });
      new RenderCompute(stack(app, 'production', PRODUCTION), 'Compute', { webServices: { Api: WEB }, envGroups: { Backend: { services: ['Api'] } }, keyValue: { services: ['Api'] } });
    });
    expect(result).toEqual({ files: ['production', 'staging'] });
  });

  test('env groups and Key Value instances with one Render name', () => {
    const s = stack(Testing.app(), 'test');
    new RenderCompute(s, 'Compute', { webServices: { Api: WEB }, envGroups: { Backend: { services: ['Api'] } }, keyValue: { services: ['Api'] } });
    new RenderEnvGroup(s, 'Shared', { name: 'backend' });
    new RenderKeyValue(s, 'Cache', { name: 'keyvalue' });
    const message = errorOf(() => Template.of(s));
    expect(message).toContain('[test/Shared] invalid "name": got "backend"; expected an env group name (Render name "acme-staging-backend") no other env group of the Render workspace uses: test/Compute/Backend has it too');
    expect(message).toContain('[test/Compute] invalid "envGroups.Backend.name": got "backend"');
    expect(message).toContain('[test/Cache] invalid "name": got "keyvalue"; expected a Key Value name (Render name "acme-staging-keyvalue") no other Key Value of the Render workspace uses: test/Compute/KeyValue has it too');
  });

  test('a custom domain claimed twice, even from two environments', () => {
    const result = synthApp((app) => {
      new RenderWebService(stack(app, 'staging'), 'Api', { ...WEB, customDomain: 'api.example.com' });
      new RenderWebService(stack(app, 'production', PRODUCTION), 'Api', { ...WEB, customDomain: 'api.example.com' });
    });
    // Each side names the other; the stack synthesized first reports.
    expect(result.error).toContain('[staging/Api] invalid "customDomain": got "api.example.com"; expected a domain no other web service claims: production/Api claims it too (a custom domain points at one service)');
    expect(result.files).toEqual([]);
  });

  test('names from Terraform variables cannot be compared at synth and pass', () => {
    const s = stack(Testing.app(), 'test');
    const domain = new TerraformVariable(s, 'domain', { type: 'string' }).stringValue;
    new RenderWebService(s, 'A', { ...WEB, customDomain: domain });
    new RenderWebService(s, 'B', { ...WEB, customDomain: domain });
    expect(() => Template.of(s)).not.toThrow();
  });
});
