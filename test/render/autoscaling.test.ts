import { API_IMAGE, errorOf } from './fixtures';
import { Environment, RenderBackgroundWorker, ScalingOptions } from '../../lib';
import { environmentStack } from '../support/template';

function scaled(scaling: ScalingOptions, env = Environment.staging({ project: 'livestreamsell' })): RenderBackgroundWorker {
  return new RenderBackgroundWorker(environmentStack(env, 'test'), 'Worker', { image: API_IMAGE, scaling });
}

describe('autoscaling validation', () => {
  test.each<[ScalingOptions, string]>([
    [{ minInstances: 5, maxInstances: 3 }, '[test/Worker] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (3)'],
    [{ maxInstances: 101 }, '[test/Worker] invalid "scaling.maxInstances": got 101; expected a whole number from 1 to 100'],
    [{ minInstances: 0 }, '[test/Worker] invalid "scaling.minInstances": got 0; expected a whole number from 1 to 100'],
    [{ minInstances: 1.5 }, '[test/Worker] invalid "scaling.minInstances": got 1.5; expected a whole number from 1 to 100'],
    [{ cpuPercent: 0 }, '[test/Worker] invalid "scaling.cpuPercent": got 0; expected a whole number from 1 to 100'],
    [{ cpuPercent: 101 }, '[test/Worker] invalid "scaling.cpuPercent": got 101; expected a whole number from 1 to 100'],
    [{ memoryPercent: 150 }, '[test/Worker] invalid "scaling.memoryPercent": got 150; expected a whole number from 1 to 100'],
  ])('refuses %p', (scaling, message) => {
    expect(errorOf(() => scaled(scaling))).toBe(message);
  });

  test('a min above the environment max is reported against that max', () => {
    expect(errorOf(() => scaled({ minInstances: 4 }))).toBe(
      '[test/Worker] invalid "scaling.minInstances": got 4; expected a value no greater than "scaling.maxInstances" (2)',
    );
  });

  test('accepts the limits', () => {
    expect(() => scaled({ minInstances: 1, maxInstances: 100, cpuPercent: 100, memoryPercent: 1 })).not.toThrow();
  });
});
