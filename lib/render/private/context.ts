import { IConstruct } from 'constructs';

const CONTEXT = Symbol.for('@livestreamsell/cdktf-constructs.renderChildContext');

/**
 * What `RenderCompute` hands the constructs it creates, next to the user's own
 * options: where errors are reported (the compute and the prop path the user
 * wrote, `webServices.Api`), and the placement it already resolved. It travels
 * under a `Symbol.for` key, which `Object.keys` (and so `Input.done`) never
 * sees: a user who writes `region` inside `webServices.Api` gets "no such
 * property" instead of having it silently replaced.
 */
export interface ChildContext {
  /** The construct the user called (errors are reported on it). */
  readonly reportScope: IConstruct;
  /** The prop path of the options on `reportScope` ("webServices.Api"). */
  readonly prefix: string;
  /** Render region, already checked against the database region. */
  readonly region?: string;
  /** Project environment id. */
  readonly projectEnvironmentId?: string;
  /** Registry credential id of the images, if any. */
  readonly registryCredentialId?: string;
  /** Keys of the options that the compute itself reads (`services`, `variableName`). */
  readonly alsoKnown?: string[];
}

/** `options` with `context` attached (a shallow copy; `options` must be a plain object). */
export function withContext<T>(options: T, context: ChildContext): T {
  return { ...(options as object), [CONTEXT]: context } as T;
}

/** The context attached to `props`, if any. */
export function contextOf(props: unknown): ChildContext | undefined {
  return props !== null && typeof props === 'object' ? (props as any)[CONTEXT] : undefined;
}
