import { IConstruct } from 'constructs';
import { checkString, isPlainObject } from './input';
import { ContainerImage } from '../container-image';
import { ValidationError } from '../errors';

/** Lowercase repository path with an optional registry host and port (OCI distribution spec). */
const REPOSITORY_PATTERN = /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9]+([._-][a-z0-9]+)*)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/**
 * The one image policy of the library: a repository without tag or digest, and
 * exactly one of a well-formed tag (never "latest") or a digest. Tokens (a tag
 * from a Terraform variable) pass; Terraform variables can carry a validation.
 */
export function checkContainerImage(scope: IConstruct, prop: string, value: unknown): ContainerImage {
  if (!isPlainObject(value)) {
    throw new ValidationError(scope, prop, value, 'a ContainerImage { repository, tag } or { repository, digest }');
  }
  const repository = checkString(scope, `${prop}.repository`, value.repository, {
    nonEmpty: true,
    pattern: REPOSITORY_PATTERN,
    allowed: 'an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")',
  });
  if (repository === undefined) throw new ValidationError(scope, `${prop}.repository`, undefined, 'an image repository such as "ghcr.io/acme/api"');
  const tag = checkString(scope, `${prop}.tag`, value.tag, { pattern: TAG_PATTERN, allowed: 'a Docker tag: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"' });
  const digest = checkString(scope, `${prop}.digest`, value.digest, { pattern: DIGEST_PATTERN, allowed: 'a digest "sha256:" followed by 64 lowercase hex digits' });
  if (tag !== undefined && digest !== undefined) {
    throw new ValidationError(scope, `${prop}.digest`, digest, `no digest when "tag" is set (got tag ${JSON.stringify(tag)}): give exactly one of "tag" or "digest"`);
  }
  if (tag === undefined && digest === undefined) {
    throw new ValidationError(scope, `${prop}.tag`, undefined, 'exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at');
  }
  if (tag?.toLowerCase() === 'latest') {
    throw new ValidationError(scope, `${prop}.tag`, tag, 'a version tag or a digest: "latest" moves, so the same configuration would deploy different code on every apply');
  }
  for (const key of Object.keys(value)) {
    if (!['repository', 'tag', 'digest'].includes(key) && value[key] !== undefined) {
      throw new ValidationError(scope, `${prop}.${key}`, value[key], 'no such property: a ContainerImage has "repository", "tag" and "digest"');
    }
  }
  return { repository, tag, digest };
}

/** `repository:tag` or `repository@digest`, for platforms that take one reference string. */
export function imageReference(image: ContainerImage): string {
  return image.digest !== undefined ? `${image.repository}@${image.digest}` : `${image.repository}:${image.tag}`;
}
