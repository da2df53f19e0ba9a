import { Testing, TerraformStack } from 'cdktf';
import { assertResourcePair, parseCpu, parseMemory } from '../../../lib/k8s/private/quantities';
import { errorMessage } from '../support';

const scope = new TerraformStack(Testing.app(), 's');

describe('quantities', () => {
  test.each([['250m', 250], ['1', 1000], ['0.5', 500], ['2.25', 2250], ['1.5m', undefined], ['one', undefined]])('parseCpu(%s) = %s', (v, expected) => {
    expect(parseCpu(v)).toBe(expected);
  });

  test.each([['256Mi', 256 * 1024 ** 2], ['1Gi', 1024 ** 3], ['1G', 1e9], ['128974848', 128974848], ['512MB', undefined], ['1gi', undefined]])('parseMemory(%s) = %s', (v, expected) => {
    expect(parseMemory(v)).toBe(expected);
  });

  test('accepts equal request and limit', () => {
    expect(() => assertResourcePair(scope, 'memory', '1Gi', '1024Mi')).not.toThrow();
  });

  test('refuses a memory request above its limit', () => {
    expect(errorMessage(() => assertResourcePair(scope, 'memory', '2Gi', '1Gi'))).toBe('[s] invalid "resources.memoryRequest": got "2Gi"; expected a value no greater than "resources.memoryLimit" (1Gi)');
  });

  test('refuses a zero CPU limit', () => {
    expect(errorMessage(() => assertResourcePair(scope, 'cpu', '0', '0'))).toBe('[s] invalid "resources.cpuRequest": got "0"; expected a CPU quantity greater than zero such as "250m" or "1"');
  });
});
