import { TerraformResource } from 'cdktf';

/**
 * Marks a stateful resource with `lifecycle { prevent_destroy = true }` so that a
 * plan that would delete it fails. The flag is merged with any lifecycle the
 * resource already has.
 */
export function protectFromDestroy(resource: TerraformResource, enabled: boolean): void {
  if (!enabled) return;
  resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
}
