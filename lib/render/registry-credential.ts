import { Construct } from 'constructs';
import { contextOf } from './private/context';
import { checkRenderEnum } from './private/enums';
import { claimRenderName } from './private/names';
import { renderProviderFor } from './private/provider';
import { RenderRegistry } from './render-enums';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { secretValueKind } from '../core/private/secret-detection';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { RegistryCredential } from '../providers/render/gen/registry-credential';

/** Props of `RenderRegistryCredential`. */
export interface RenderRegistryCredentialProps {
  /**
   * Registry kind (`RenderRegistry.GITHUB` is GHCR).
   * @default RenderRegistry.GITHUB
   */
  readonly registry?: RenderRegistry;
  /**
   * Registry user name (for GHCR, the GitHub user or organization of the token).
   * @default - the Terraform variable `ghcr_username` (`registry_username` for other registries)
   */
  readonly username?: string;
  /**
   * Access token with read-only package scope (GHCR: a token with `read:packages`).
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

const CREDENTIAL_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.RenderRegistryCredential');

/**
 * A `render_registry_credential` that lets Render pull private images. The token
 * comes from a sensitive variable (or another SecretValue), never from a literal.
 *
 * @example
 * const credential = new RenderRegistryCredential(this, 'Ghcr');
 * const hub = new RenderRegistryCredential(this, 'DockerHub', {
 *   registry: RenderRegistry.DOCKER,
 *   username: 'acme-bot',
 *   authToken: SecretValue.fromVariable(this, 'dockerhub_token'),
 * });
 */
export class RenderRegistryCredential extends Construct {
  /** True when `x` is a RenderRegistryCredential (works across copies of the library). */
  public static isRenderRegistryCredential(x: unknown): x is RenderRegistryCredential {
    return x !== null && typeof x === 'object' && CREDENTIAL_SYMBOL in (x as object);
  }

  /** The `render_registry_credential`. */
  public readonly resource: RegistryCredential;

  constructor(scope: Construct, id: string, props: RenderRegistryCredentialProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, CREDENTIAL_SYMBOL, { value: true });
    const context = contextOf(props);
    const input = Input.of(context?.reportScope ?? this, props, context?.prefix ?? '');
    const env = environmentOf(this, context ? undefined : input.raw('environment'));
    const registry = checkRenderEnum(input.scope, input.path('registry'), input.raw('registry'), 'RenderRegistry') ?? 'GITHUB';
    const ghcr = registry === 'GITHUB';
    const name = input.string('name', { nonEmpty: true, maxLength: 255 }) ?? env.resourceName(ghcr ? 'ghcr' : 'registry');
    claimRenderName('registry credential', name, { owner: this, reportScope: input.scope, prop: input.path('name'), value: name });
    const explicitUser = input.string('username', { nonEmpty: true });
    if (explicitUser !== undefined && secretValueKind(explicitUser)) {
      throw new ValidationError(input.scope, input.path('username'), '<literal string redacted>', `a user name: the value looks like ${secretValueKind(explicitUser)}; the token goes in "authToken" (a SecretValue)`);
    }
    const username = explicitUser ?? stringInput(this, ghcr ? 'ghcr_username' : 'registry_username',
      ghcr ? 'GitHub user or organization that owns the GHCR read token' : 'Container registry user name').stringValue;
    const token = input.secret('authToken') ?? SecretValue.fromVariable(this, ghcr ? 'ghcr_token' : 'registry_token',
      ghcr ? 'GitHub token with read:packages, used by Render to pull images from GHCR' : 'Container registry read token');
    input.done(...(context?.alsoKnown ?? []));

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
