import { Testing, TerraformStack } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';

/** Parsed `cdk.tf.json` of one stack, with small query helpers. */
export class Template {
  /** Synthesizes `stack` with validations on (Testing.synth skips them by default). */
  public static of(stack: TerraformStack): Template {
    return new Template(JSON.parse(Testing.synth(stack, true)));
  }

  constructor(public readonly json: any) {}

  /** All resources of a Terraform type, keyed by their logical id. */
  public resources(type: string): { [id: string]: any } {
    return this.json.resource?.[type] ?? {};
  }

  /** All data sources of a Terraform type. */
  public dataSources(type: string): { [id: string]: any } {
    return this.json.data?.[type] ?? {};
  }

  /** The resources of a type as an array. */
  public resourceList(type: string): any[] {
    return Object.values(this.resources(type));
  }

  /** The single resource of a type (fails when there is not exactly one). */
  public only(type: string): any {
    const list = this.resourceList(type);
    if (list.length !== 1) throw new Error(`expected exactly one ${type}, found ${list.length}`);
    return list[0];
  }

  /** Number of resources of a type. */
  public count(type: string): number {
    return this.resourceList(type).length;
  }

  /** Every resource of a type whose `bucket` (or other attribute) refers to `ref`. */
  public referencing(type: string, attr: string, target: string): any[] {
    return this.resourceList(type).filter((r) => typeof r[attr] === 'string' && r[attr].includes(target));
  }
}

/** A fresh app with a stack bound to an environment (staging unless given). */
export function environmentStack(environment: Environment = Environment.staging({ project: 'livestreamsell' }), id = 'test'): EnvironmentStack {
  const app = Testing.app();
  return new EnvironmentStack(app, id, { environment });
}

/** `${aws_s3_bucket.x.id}` style reference to a resource's attribute. */
export function ref(type: string, id: string, attr = 'id'): string {
  return `\${${type}.${id}.${attr}}`;
}
