import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertMatches, isToken } from '../core/private/validation';

/** A container image (GHCR by default) that a Render service runs. */
export interface ContainerImage {
  /**
   * Repository without tag or digest, for example "ghcr.io/livestreamsell/api".
   * Render refuses a URL that contains a tag: give it in `tag` or `digest`.
   */
  readonly imageUrl: string;
  /**
   * Image tag, for example "1.4.2" or a Terraform variable. Exactly one of `tag` and `digest`.
   * @default - none: give `digest`
   */
  readonly tag?: string;
  /**
   * Image digest "sha256:<64 hex>" (immutable). Exactly one of `tag` and `digest`.
   * @default - none: give `tag`
   */
  readonly digest?: string;
}

/** The provider's own rule: the last path segment has no ":" (tag) and no "@" (digest). */
const IMAGE_URL_PATTERN = /^(([^/:@]+)|(.+\/[^/:@]+))$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/**
 * Checks an image: a URL without tag or digest, and exactly one of a well-formed
 * tag or digest. Leaving both out would deploy whatever "latest" points at, so it
 * is refused: every deploy must name the image it runs.
 */
export function validateImage(scope: IConstruct, prop: string, image: ContainerImage): void {
  if (!isToken(image.imageUrl) && (image.imageUrl.trim() === '' || !IMAGE_URL_PATTERN.test(image.imageUrl))) {
    throw new ValidationError(scope, `${prop}.imageUrl`, image.imageUrl, 'a repository without tag or digest, such as "ghcr.io/livestreamsell/api": put the tag in "tag" or the digest in "digest"');
  }
  if (image.tag !== undefined && image.digest !== undefined) {
    throw new ValidationError(scope, `${prop}.digest`, image.digest, `no digest when "tag" is set (got tag ${JSON.stringify(image.tag)}): give exactly one of "tag" or "digest"`);
  }
  if (image.tag === undefined && image.digest === undefined) {
    throw new ValidationError(scope, `${prop}.tag`, undefined, 'exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at');
  }
  assertMatches(scope, `${prop}.tag`, image.tag, TAG_PATTERN, 'a Docker tag: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"');
  assertMatches(scope, `${prop}.digest`, image.digest, DIGEST_PATTERN, 'a digest "sha256:" followed by 64 lowercase hex digits');
  if (image.tag === 'latest') {
    // "latest" moves: the same configuration would deploy different code on every apply.
    Annotations.of(scope).addWarning(`[lss:render:mutable-tag] ${prop}.tag is "latest": pin a version tag or a digest so that every deploy is reproducible`);
  }
}

/** The `runtime_source` block of an image-backed service. */
export function renderImageSource(image: ContainerImage, registryCredentialId?: string) {
  return {
    image: {
      imageUrl: image.imageUrl,
      tag: image.tag,
      digest: image.digest,
      registryCredentialId,
    },
  };
}
