import { errorOf } from './fixtures';
import { ContainerImage, RenderCronJob } from '../../lib';
import { Template, environmentStack } from '../support/template';

function job(image: ContainerImage): Template {
  const stack = environmentStack(undefined, 'test');
  new RenderCronJob(stack, 'Job', { image, schedule: '0 3 * * *' });
  return Template.of(stack);
}

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('container image validation', () => {
  test('accepts a registry with a port and a tag, or a digest', () => {
    expect(job({ repository: 'registry.example.com:5000/team/app', tag: 'v1.2.3' }).only('render_cron_job').runtime_source.image).toEqual({
      image_url: 'registry.example.com:5000/team/app', tag: 'v1.2.3',
    });
    expect(job({ repository: 'ghcr.io/acme/api', digest: DIGEST }).only('render_cron_job').runtime_source.image).toEqual({
      image_url: 'ghcr.io/acme/api', digest: DIGEST,
    });
  });

  test('refuses the mutable "latest" tag (one image policy for every platform)', () => {
    const stack = environmentStack(undefined, 'test');
    expect(() => new RenderCronJob(stack, 'Job', { image: { repository: 'ghcr.io/acme/api', tag: 'latest' }, schedule: '0 3 * * *' })).toThrow(
      '[test/Job] invalid "image.tag": got "latest"; expected a version tag or a digest: "latest" moves, so the same configuration would deploy different code on every apply',
    );
    const pinned = new RenderCronJob(stack, 'Pinned', { image: { repository: 'ghcr.io/acme/api', tag: '1.0.0' }, schedule: '0 3 * * *' });
    expect(pinned.node.metadata).toEqual([]);
  });

  test.each<[ContainerImage, string]>([
    [{ repository: 'ghcr.io/acme/api:1.4.2', tag: '1.4.2' },
      '[test/Job] invalid "image.repository": got "ghcr.io/acme/api:1.4.2"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
    [{ repository: `ghcr.io/acme/api@${DIGEST}`, digest: DIGEST },
      `[test/Job] invalid "image.repository": got "ghcr.io/acme/api@${DIGEST}"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")`],
    [{ repository: '', tag: '1' },
      '[test/Job] invalid "image.repository": got ""; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
    [{ repository: 'ghcr.io/acme/api', tag: '1.4.2', digest: DIGEST },
      `[test/Job] invalid "image.digest": got "${DIGEST}"; expected no digest when "tag" is set (got tag "1.4.2"): give exactly one of "tag" or "digest"`],
    [{ repository: 'ghcr.io/acme/api' },
      '[test/Job] invalid "image.tag": got undefined; expected exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at'],
    [{ repository: 'ghcr.io/acme/api', tag: '-bad' },
      '[test/Job] invalid "image.tag": got "-bad"; expected a Docker tag: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"'],
    [{ repository: 'ghcr.io/acme/api', digest: 'sha256:abc' },
      '[test/Job] invalid "image.digest": got "sha256:abc"; expected a digest "sha256:" followed by 64 lowercase hex digits'],
  ])('refuses %p', (image, message) => {
    expect(errorOf(() => job(image))).toBe(message);
  });
});
