import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { errorMessage } from '../support';
import { imageRepository, resolveImage } from '../../../lib/k8s/private/image';

const PINNED = 'an image pinned by tag or digest, such as "ghcr.io/org/api:1.4.2" or "ghcr.io/org/api@sha256:<64 hex>" ("latest" and untagged images are refused: they are mutable)';
const scope = new TerraformStack(Testing.app(), 's');
const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('resolveImage', () => {
  test.each([
    ['ghcr.io/livestreamsell/api:1.4.2', undefined, 'ghcr.io/livestreamsell/api:1.4.2'],
    [`ghcr.io/livestreamsell/api@${digest}`, undefined, `ghcr.io/livestreamsell/api@${digest}`],
    [`ghcr.io/livestreamsell/api:1.4.2@${digest}`, undefined, `ghcr.io/livestreamsell/api:1.4.2@${digest}`],
    ['registry.local:5000/team/api:v2', undefined, 'registry.local:5000/team/api:v2'],
    ['ghcr.io/livestreamsell/api', 'sha-4f2a9c1', 'ghcr.io/livestreamsell/api:sha-4f2a9c1'],
  ])('accepts %s (tag %s)', (image, tag, expected) => {
    expect(resolveImage(scope, 'image', image, 'imageTag', tag)).toBe(expected);
  });

  test.each([
    ['ghcr.io/livestreamsell/api:latest', undefined, 'image', '"ghcr.io/livestreamsell/api:latest"'],
    ['ghcr.io/livestreamsell/api:LATEST', undefined, 'image', '"ghcr.io/livestreamsell/api:LATEST"'],
    ['ghcr.io/livestreamsell/api', undefined, 'image', '"ghcr.io/livestreamsell/api"'],
    ['registry.local:5000/team/api', undefined, 'image', '"registry.local:5000/team/api"'],
    ['ghcr.io/livestreamsell/api@sha256:abc', undefined, 'image', '"ghcr.io/livestreamsell/api@sha256:abc"'],
    ['ghcr.io/livestreamsell/api', 'latest', 'imageTag', '"latest"'],
    ['ghcr.io/livestreamsell/api', 'has space', 'imageTag', '"has space"'],
  ])('refuses %s (tag %s)', (image, tag, prop, got) => {
    expect(errorMessage(() => resolveImage(scope, 'image', image, 'imageTag', tag))).toBe(`[s] invalid "${prop}": got ${got}; expected ${PINNED}`);
  });

  test('refuses a repository with uppercase letters', () => {
    expect(errorMessage(() => resolveImage(scope, 'image', 'ghcr.io/LiveStreamSell/api:1.0.0', 'imageTag'))).toBe(
      '[s] invalid "image": got "ghcr.io/LiveStreamSell/api:1.0.0"; expected an image repository such as "ghcr.io/org/api" (lowercase, optional registry host and port)',
    );
  });

  test('refuses a second tag when the image already pins one', () => {
    expect(errorMessage(() => resolveImage(scope, 'image', 'ghcr.io/o/api:1.0.0', 'imageTag', '2.0.0'))).toBe(
      '[s] invalid "imageTag": got "2.0.0"; expected no separate tag: "image" already pins one',
    );
  });

  test('skips tokens', () => {
    const tag = new TerraformVariable(scope, 'tag', { type: 'string' });
    expect(resolveImage(scope, 'image', 'ghcr.io/o/api', 'imageTag', tag.stringValue)).toMatch(/^ghcr.io\/o\/api:\$\{TfToken/);
  });

  test('imageRepository strips tag and digest', () => {
    expect(imageRepository(`ghcr.io/o/api:1.0.0@${digest}`)).toBe('ghcr.io/o/api');
    expect(imageRepository('localhost:5000/api')).toBe('localhost:5000/api');
  });
});
