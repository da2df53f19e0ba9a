import { IConstruct } from 'constructs';
import { ValidationError, pathOf } from '../../core/errors';
import { Input } from '../../core/private/input';

/**
 * Where a construct reports bad input. Errors name the construct the user called
 * and the prop as the user spelt it there: `new NetworkingModule(..., { edge: {
 * rateLimit: { requestsPerMinute: 0 } } })` fails as `[stack/Networking] invalid
 * "edge.rateLimit.requestsPerMinute"`, not as a prop of the internal
 * `Networking/Edge` child. A parent hands its options to a child through
 * `childProps`, which attaches (under a symbol key, invisible to `Input.done`) the
 * parent's reader and the prop path; the child reads its props with `propsInput`.
 */
const REPORT_AS = Symbol.for('@livestreamsell/cdktf-constructs.networking.reportAs');

interface ReportAs {
  /** Reader of the parent's own props. */
  readonly parent: Input;
  /** Prop path of the child's options in the parent ("edge"; "" for props at the parent's own level). */
  readonly prefix: string;
  /** Props the parent adds to the options from its own props (already checked there). */
  readonly injected: string[];
}

/** A construct, and the path under which one argument or prop is reported. */
export interface Reporter {
  /** The construct errors are reported on. */
  readonly scope: IConstruct;
  /** Prop path of the value ("rule", "edge.firewallRules[2]"). */
  readonly prop: string;
}

/**
 * The child's props: the user's `options` (prop `prop` of `parent`, already
 * known to be a plain object or undefined; `prop` "" when the options are props of
 * the parent itself) plus `injected` values the parent computed or checked.
 */
export function childProps<T>(parent: Input, prop: string, options: unknown, injected: { [key: string]: unknown } = {}): T {
  const own = parent.path('').replace(/\.$/, '');
  const report: ReportAs = { parent, prefix: prop === '' ? own : parent.path(prop), injected: Object.keys(injected) };
  const given = (options ?? {}) as { [key: string]: unknown };
  for (const key of report.injected) {
    if (given[key] !== undefined) {
      throw new ValidationError(parent.scope, report.prefix ? `${report.prefix}.${key}` : key, given[key], `no such property here: ${pathOf(parent.scope)} sets it`);
    }
  }
  return { ...(options as object ?? {}), ...injected, [REPORT_AS]: report } as T;
}

/** The reader of a construct's props: its own, or the parent's prop path when built by `childProps`. */
export interface PropsInput {
  /** Reads the props (errors on the reporting construct and path). */
  readonly input: Input;
  /** True when a parent built the props (`childProps`): its own `environment` applies. */
  readonly nested: boolean;
  /**
   * An injected prop (one the parent set from its own props, such as the
   * module's `zoneName`): its value, and where it is reported (on the parent,
   * under the parent's name). Without a parent, the construct's own prop.
   */
  injected(name: string): InjectedProp;
  /** `input.done()`. */
  done(): void;
}

/** Reads `props` of `scope` (see `childProps`). */
export function propsInput(scope: IConstruct, props: unknown): PropsInput {
  const report = props !== null && typeof props === 'object' ? (props as { [REPORT_AS]?: ReportAs })[REPORT_AS] : undefined;
  if (report === undefined) {
    const input = Input.of(scope, props);
    return { input, nested: false, injected: (name) => ({ scope, prop: input.path(name), value: input.raw(name) }), done: () => input.done() };
  }
  // The injected props are not the user's: they are left out of the reader, so
  // "no such property" lists only what the user may set here.
  const all = props as { [key: string]: unknown };
  const own = Object.fromEntries(Object.entries(all).filter(([key]) => !report.injected.includes(key)));
  const input = Input.of(report.parent.scope, own, report.prefix);
  return {
    input,
    nested: true,
    injected: (name) => ({ scope: report.parent.scope, prop: report.parent.path(name), value: all[name] }),
    done: () => input.done(),
  };
}

/** A prop a parent injected, with where to report it. */
export interface InjectedProp extends Reporter {
  /** The raw value. */
  readonly value: unknown;
}

/** A reader for one object argument (`rule`, `service`) of a method. */
export function argumentInput(at: Reporter, value: unknown): Input {
  return Input.of(at.scope, value, at.prop);
}

/** The reporter of prop `name` of `input` (for checks outside `Input`'s readers). */
export function reporterOf(input: Input, name: string): Reporter {
  return { scope: input.scope, prop: input.path(name) };
}
