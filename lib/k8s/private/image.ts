import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { isToken } from '../../core/private/validation';

/**
 * Container image references. Every image the library deploys is pinned by a tag
 * or a digest: `latest` and untagged references are refused because they are
 * mutable, so two nodes (or a rollback) could run different code under one spec.
 */

const REPOSITORY_PATTERN = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

const PINNED = 'an image pinned by tag or digest, such as "ghcr.io/org/api:1.4.2" or "ghcr.io/org/api@sha256:<64 hex>" ("latest" and untagged images are refused: they are mutable)';

/** The parts of an image reference. */
interface ImageParts {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits `repo[:tag][@digest]`; a `:` before the last `/` is a registry port, not a tag. */
function splitImage(ref: string): ImageParts {
  const [nameAndTag, digest] = ref.split('@', 2);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  if (colon > slash) {
    return { repository: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), digest };
  }
  return { repository: nameAndTag, digest };
}

function assertTag(scope: IConstruct, prop: string, tag: string, value: string): void {
  if (!TAG_PATTERN.test(tag) || tag.toLowerCase() === 'latest') {
    throw new ValidationError(scope, prop, value, PINNED);
  }
}

/**
 * Returns the full image reference for `image` (which may carry its own tag or
 * digest) and an optional separate `tag`, or throws when it is not pinned.
 * Unresolved tokens (a Terraform variable holding the tag) are not checked.
 */
export function resolveImage(scope: IConstruct, imageProp: string, image: string, tagProp: string, tag?: string): string {
  if (isToken(image)) return tag === undefined ? image : `${image}:${tag}`;
  const parts = splitImage(image);
  if (!REPOSITORY_PATTERN.test(parts.repository)) {
    throw new ValidationError(scope, imageProp, image, 'an image repository such as "ghcr.io/org/api" (lowercase, optional registry host and port)');
  }
  if (parts.digest !== undefined && !DIGEST_PATTERN.test(parts.digest)) {
    throw new ValidationError(scope, imageProp, image, PINNED);
  }
  if (parts.tag !== undefined) assertTag(scope, imageProp, parts.tag, image);
  const pinnedInImage = parts.tag !== undefined || parts.digest !== undefined;
  if (tag === undefined) {
    if (!pinnedInImage) throw new ValidationError(scope, imageProp, image, PINNED);
    return image;
  }
  if (pinnedInImage) {
    throw new ValidationError(scope, tagProp, tag, `no separate tag: "${imageProp}" already pins one`);
  }
  if (!isToken(tag)) assertTag(scope, tagProp, tag, tag);
  return `${image}:${tag}`;
}

/** The repository part of a literal image reference (for the canary, which swaps the tag). */
export function imageRepository(image: string): string {
  return isToken(image) ? image : splitImage(image).repository;
}
