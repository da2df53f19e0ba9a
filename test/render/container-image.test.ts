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
    expect(job({ imageUrl: 'registry.example.com:5000/team/app', tag: 'v1.2.3' }).only('render_cron_job').runtime_source.image).toEqual({
      image_url: 'registry.example.com:5000/team/app', tag: 'v1.2.3',
    });
    expect(job({ imageUrl: 'ghcr.io/livestreamsell/api', digest: DIGEST }).only('render_cron_job').runtime_source.image).toEqual({
      image_url: 'ghcr.io/livestreamsell/api', digest: DIGEST,
    });
  });

  test('warns about the mutable "latest" tag', () => {
    const stack = environmentStack(undefined, 'test');
    const latest = new RenderCronJob(stack, 'Job', { image: { imageUrl: 'ghcr.io/livestreamsell/api', tag: 'latest' }, schedule: '0 3 * * *' });
    expect(latest.node.metadata.map((m) => m.data)).toEqual([
      '[lss:render:mutable-tag] image.tag is "latest": pin a version tag or a digest so that every deploy is reproducible',
    ]);
    const pinned = new RenderCronJob(stack, 'Pinned', { image: { imageUrl: 'ghcr.io/livestreamsell/api', tag: '1.0.0' }, schedule: '0 3 * * *' });
    expect(pinned.node.metadata).toEqual([]);
  });

  test.each<[ContainerImage, string]>([
    [{ imageUrl: 'ghcr.io/livestreamsell/api:1.4.2', tag: '1.4.2' },
      '[test/Job] invalid "image.imageUrl": got "ghcr.io/livestreamsell/api:1.4.2"; expected a repository without tag or digest, such as "ghcr.io/livestreamsell/api": put the tag in "tag" or the digest in "digest"'],
    [{ imageUrl: `ghcr.io/livestreamsell/api@${DIGEST}`, digest: DIGEST },
      `[test/Job] invalid "image.imageUrl": got "ghcr.io/livestreamsell/api@${DIGEST}"; expected a repository without tag or digest, such as "ghcr.io/livestreamsell/api": put the tag in "tag" or the digest in "digest"`],
    [{ imageUrl: '', tag: '1' },
      '[test/Job] invalid "image.imageUrl": got ""; expected a repository without tag or digest, such as "ghcr.io/livestreamsell/api": put the tag in "tag" or the digest in "digest"'],
    [{ imageUrl: 'ghcr.io/livestreamsell/api', tag: '1.4.2', digest: DIGEST },
      `[test/Job] invalid "image.digest": got "${DIGEST}"; expected no digest when "tag" is set (got tag "1.4.2"): give exactly one of "tag" or "digest"`],
    [{ imageUrl: 'ghcr.io/livestreamsell/api' },
      '[test/Job] invalid "image.tag": got undefined; expected exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at'],
    [{ imageUrl: 'ghcr.io/livestreamsell/api', tag: '-bad' },
      '[test/Job] invalid "image.tag": got "-bad"; expected a Docker tag: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"'],
    [{ imageUrl: 'ghcr.io/livestreamsell/api', digest: 'sha256:abc' },
      '[test/Job] invalid "image.digest": got "sha256:abc"; expected a digest "sha256:" followed by 64 lowercase hex digits'],
  ])('refuses %p', (image, message) => {
    expect(errorOf(() => job(image))).toBe(message);
  });
});
