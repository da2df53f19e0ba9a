import { Rule } from './rule';
import { DATA_RULES } from './rules/aws-data';
import { NETWORK_RULES } from './rules/aws-network';
import { S3_RULES } from './rules/aws-s3';
import { CLOUDFLARE_RULES } from './rules/cloudflare';
import { KUBERNETES_RULES } from './rules/kubernetes';
import { RENDER_RULES } from './rules/render';
import { TERRAFORM_RULES } from './rules/terraform';

/** Every rule SecurityChecks runs, in report order. */
export const ALL_RULES: Rule[] = [...S3_RULES, ...DATA_RULES, ...NETWORK_RULES, ...CLOUDFLARE_RULES, ...KUBERNETES_RULES, ...RENDER_RULES, ...TERRAFORM_RULES];
