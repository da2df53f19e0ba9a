import { Construct } from 'constructs';
import { renderProviderFor } from './render-provider';
import { RENDER_REGISTRIES } from './render-values';
import { markLibraryConstruct } from '../core/private/escape';
import { assertNotEmpty, assertOneOf } from '../core/private/validation';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { RegistryCredential } from '../providers/render/gen/registry-credential';

/** Props of `RenderRegistryCredential`. */
export interface RenderRegistryCredentialProps {
  /**
   * Registry kind: one of RENDER_REGISTRIES ("GITHUB" is GHCR).
   * @default "GITHUB"
   */
  readonly registry?: string;
  /**
   * Registry user name (for GHCR, the GitHub user or organization of the token).
   * @default - the Terraform variable `ghcr_username` (`registry_username` for other registries)
   */
  readonly username?: string;
  /**
   * Access token with read-only package scope (GHCR: a PAT with `read:packages`).
   * @default - the sensitive Terraform variable `ghcr_token` (`registry_token` for other registries)
   */
  readonly authToken?: SecretValue;
  /**
   * Credential name in Render (unique per workspace).
   * @default - "<project>-<environment>-ghcr" ("-registry" for other registries)
   */
  readonly name?: string;
  /**
   * The environment whose names apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * A `render_registry_credential` that lets Render pull private images. The token
 * comes from a sensitive variable (or another SecretValue), never from a literal.
 *
 * @example
 * const credential = new RenderRegistryCredential(this, 'Ghcr');
 */
export class RenderRegistryCredential extends Construct {
  /** The `render_registry_credential`. */
  public readonly resource: RegistryCredential;

  constructor(scope: Construct, id: string, props: RenderRegistryCredentialProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const registry = props.registry ?? 'GITHUB';
    assertOneOf(this, 'registry', registry, RENDER_REGISTRIES);
    const ghcr = registry === 'GITHUB';
    const name = props.name ?? env.resourceName(ghcr ? 'ghcr' : 'registry');
    assertNotEmpty(this, 'name', name);
    const username = props.username ?? stringInput(this, ghcr ? 'ghcr_username' : 'registry_username',
      ghcr ? 'GitHub user or organization that owns the GHCR read token' : 'Container registry user name').stringValue;
    assertNotEmpty(this, 'username', username);
    const token = props.authToken ?? SecretValue.fromVariable(this, ghcr ? 'ghcr_token' : 'registry_token',
      ghcr ? 'GitHub token with read:packages, used by Render to pull images from GHCR' : 'Container registry read token');

    renderProviderFor(this);
    this.resource = new RegistryCredential(this, 'Resource', {
      name,
      registry,
      username,
      authToken: token.value,
    });
  }

  /** Credential id (a token) for `registry_credential_id`. */
  public get credentialId(): string {
    return this.resource.id;
  }
}
