import { ImagePullPolicy, PodSecurityLevel, TopologySpreadMode } from '../../lib';
import { isEnumLike } from '../../lib/core/private/enum-like';

describe('enum-like classes', () => {
  test('carry the values Kubernetes takes, and are branded across copies of the library', () => {
    expect([TopologySpreadMode.SCHEDULE_ANYWAY.value, TopologySpreadMode.DO_NOT_SCHEDULE.value, TopologySpreadMode.of('Future').value]).toEqual(['ScheduleAnyway', 'DoNotSchedule', 'Future']);
    expect([ImagePullPolicy.ALWAYS.value, ImagePullPolicy.IF_NOT_PRESENT.value, ImagePullPolicy.NEVER.value]).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect([PodSecurityLevel.RESTRICTED.value, PodSecurityLevel.BASELINE.value]).toEqual(['restricted', 'baseline']);
    expect(isEnumLike(ImagePullPolicy.ALWAYS, 'ImagePullPolicy')).toBe(true);
    expect(isEnumLike({ value: 'Always' }, 'ImagePullPolicy')).toBe(false);
  });
});
