import { TerraformMetaArguments, TerraformResource, hashMapper, anyToTerraform } from 'cdktf';
import { Construct } from 'constructs';

/** Props of `TerraformData`. */
export interface TerraformDataProps extends TerraformMetaArguments {
  /**
   * Values whose change replaces the resource (and re-runs its provisioners).
   * @default - none
   */
  readonly triggersReplace?: { [key: string]: string };
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform >= 1.4).
 *
 * cdktf ships `DataResource` for it, but that class adds a validation that runs
 * `terraform version` during synth: synth would need a Terraform binary and pay a
 * process spawn per stack. The library documents Terraform >= 1.10 instead and keeps
 * synth free of external processes.
 */
export class TerraformData extends TerraformResource {
  private readonly triggersReplace?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: TerraformDataProps = {}) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      provider: props.provider,
      dependsOn: props.dependsOn,
      count: props.count,
      lifecycle: props.lifecycle,
      provisioners: props.provisioners,
      connection: props.connection,
      forEach: props.forEach,
    });
    this.triggersReplace = props.triggersReplace;
  }

  /** The id of the resource (a token). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }
}
