import { API_IMAGE, STAGING, errorOf } from './fixtures';
import { Environment, RenderBackgroundWorker, ScalingOptions } from '../../lib';
import { environmentStack } from '../support/template';

function scaled(scaling: ScalingOptions, env: Environment = STAGING): RenderBackgroundWorker {
  return new RenderBackgroundWorker(environmentStack(env, 'test'), 'Worker', { image: API_IMAGE, scaling });
}

describe('autoscaling validation', () => {
  test.each<[ScalingOptions, string]>([
    [{ minInstances: 5, maxInstances: 3 }, '[test/Worker] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (3)'],
    [{ maxInstances: 101 }, '[test/Worker] invalid "scaling.maxInstances": got 101; expected a whole number from 1 to 100'],
    [{ minInstances: 0 }, '[test/Worker] invalid "scaling.minInstances": got 0; expected a whole number from 1 to 100'],
    [{ minInstances: 1.5 }, '[test/Worker] invalid "scaling.minInstances": got 1.5; expected a whole number from 1 to 100'],
    [{ cpuTargetPercent: 0 }, '[test/Worker] invalid "scaling.cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
    [{ cpuTargetPercent: 101 }, '[test/Worker] invalid "scaling.cpuTargetPercent": got 101; expected a whole number from 1 to 100'],
    [{ memoryTargetPercent: 150 }, '[test/Worker] invalid "scaling.memoryTargetPercent": got 150; expected a whole number from 1 to 100'],
    [{ maxInstances: Infinity }, '[test/Worker] invalid "scaling.maxInstances": got Infinity; expected a whole number from 1 to 100'],
    [{ minInstances: '2' as any }, '[test/Worker] invalid "scaling.minInstances": got "2"; expected a whole number from 1 to 100'],
    [{ maxReplicas: 3 } as any, '[test/Worker] invalid "scaling.maxReplicas": got 3; expected no such property: the properties here are "cpuTargetPercent", "maxInstances", "memoryTargetPercent", "minInstances"'],
  ])('refuses %p', (scaling, message) => {
    expect(errorOf(() => scaled(scaling))).toBe(message);
  });

  test('a min above the environment max raises the max to it (a fixed count); a min above an explicit max fails', () => {
    expect(() => scaled({ minInstances: 4 })).not.toThrow();
    expect(errorOf(() => scaled({ minInstances: 4, maxInstances: 3 }))).toBe(
      '[test/Worker] invalid "scaling.minInstances": got 4; expected a value no greater than "scaling.maxInstances" (3)',
    );
  });

  test('accepts the limits', () => {
    expect(() => scaled({ minInstances: 1, maxInstances: 100, cpuTargetPercent: 100, memoryTargetPercent: 1 })).not.toThrow();
  });
});
