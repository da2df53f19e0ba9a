/**
 * A container image every platform of the library runs (Render services and
 * cron jobs, Kubernetes apps, the database backup job), always pinned: by a tag
 * that is not `latest`, or by a digest. A mutable reference would let two
 * instances, or a rollback, run different code under one configuration.
 *
 * @example
 * declare const apiTag: TerraformVariable;
 * const api: ContainerImage = { repository: 'ghcr.io/acme/api', tag: apiTag.stringValue };
 * const pinned: ContainerImage = { repository: 'ghcr.io/acme/worker', digest: 'sha256:<64 hex digits>' };
 */
export interface ContainerImage {
  /**
   * Repository without tag or digest, with its registry host, for example
   * "ghcr.io/acme/api" (lowercase; an optional registry port).
   */
  readonly repository: string;
  /**
   * Image tag, for example "1.4.2" or a Terraform variable. Exactly one of
   * `tag` and `digest`; "latest" is refused.
   * @default - none: give `digest`
   */
  readonly tag?: string;
  /**
   * Image digest "sha256:<64 hex digits>" (immutable). Exactly one of `tag` and `digest`.
   * @default - none: give `tag`
   */
  readonly digest?: string;
}
