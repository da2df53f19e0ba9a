import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * An app-wide registry of names that must be unique (zones, Worker names, VPC
 * names, security-group names), kept on the App, the root of the construct tree,
 * under a `Symbol.for` key: two copies of the library in one app share it, and two
 * apps in one process (tests) never do.
 */
export function appRegistry<V>(scope: IConstruct, name: string): Map<string, V> {
  const root = scope.node.root as unknown as { [key: symbol]: Map<string, V> | undefined };
  const key = Symbol.for(`@livestreamsell/cdktf-constructs.networking.${name}`);
  let registry = root[key];
  if (registry === undefined) {
    registry = new Map<string, V>();
    Object.defineProperty(root, key, { value: registry });
  }
  return registry;
}

/**
 * `value` resolved in `scope`'s stack, as text: a reference becomes its Terraform
 * expression (`${aws_vpc.x.id}`), so two references to one attribute compare equal.
 * Only for synth-time validations.
 */
export function resolvedText(scope: IConstruct, value: unknown): string {
  const resolved = Tokenization.resolve(value, { scope: TerraformStack.of(scope), preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
}
