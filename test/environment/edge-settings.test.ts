import { Testing } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';

describe('Environment edge thresholds', () => {
  test('presets: production 600/min general and 20/min auth, staging 300 and 10', () => {
    expect(Environment.production()).toMatchObject({ rateLimitRequestsPerMinute: 600, authRateLimitRequestsPerMinute: 20 });
    expect(Environment.staging()).toMatchObject({ rateLimitRequestsPerMinute: 300, authRateLimitRequestsPerMinute: 10 });
  });

  test('each threshold can be overridden on its own', () => {
    const env = Environment.production({ edge: { authRateLimitRequestsPerMinute: 5 } });
    expect(env).toMatchObject({ rateLimitRequestsPerMinute: 600, authRateLimitRequestsPerMinute: 5 });
  });

  test('a zero threshold fails with path, property, value and range', () => {
    expect(() => new EnvironmentStack(Testing.app(), 'edge', { environment: Environment.staging({ edge: { rateLimitRequestsPerMinute: 0 } }) })).toThrow(
      '[edge] invalid "environment.edge.rateLimitRequestsPerMinute": got 0; expected a whole number from 1 to 1000000',
    );
  });
});
