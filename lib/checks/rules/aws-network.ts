import { isAllPorts, isInternetWide, parseAnyCidr, sensitivePortsIn } from '../../core/private/address-space';
import { FindingLevel, Rule, RuleFinding, StackResource, StackView, perResource } from '../rule';

/** An ingress or egress rule in any of the three ways Terraform can declare one. */
interface SgRule {
  readonly owner: StackResource;
  readonly direction: 'ingress' | 'egress';
  readonly description?: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
}

const cidrsOf = (r: any): string[] => [...(r.cidr_blocks ?? []), ...(r.ipv6_cidr_blocks ?? [])];

function sgRules(stack: StackView): SgRule[] {
  const rules: SgRule[] = [];
  for (const sg of stack.ofType('aws_security_group')) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const r of [sg.config[direction] ?? []].flat()) {
        rules.push({ owner: sg, direction, description: r.description, protocol: String(r.protocol), fromPort: r.from_port, toPort: r.to_port, cidrs: cidrsOf(r) });
      }
    }
  }
  for (const r of stack.ofType('aws_security_group_rule')) {
    const c = r.config;
    rules.push({ owner: r, direction: c.type, description: c.description, protocol: String(c.protocol), fromPort: c.from_port, toPort: c.to_port, cidrs: cidrsOf(c) });
  }
  for (const direction of ['ingress', 'egress'] as const) {
    for (const r of stack.ofType(`aws_vpc_security_group_${direction}_rule`)) {
      const c = r.config;
      const cidrs = [c.cidr_ipv4, c.cidr_ipv6].filter(Boolean);
      rules.push({ owner: r, direction, description: c.description, protocol: String(c.ip_protocol), fromPort: c.from_port, toPort: c.to_port, cidrs });
    }
  }
  return rules;
}

/** The internet-wide source ranges of a rule, judged by address space (0.0.0.0/1, a public /8 and 2000::/3 count, not only /0). */
const internetWide = (r: SgRule) => r.cidrs.filter((c) => {
  const parsed = typeof c === 'string' ? parseAnyCidr(c) : undefined;
  return parsed !== undefined && isInternetWide(parsed);
});

function findings(stack: StackView, select: (r: SgRule) => string | undefined): RuleFinding[] {
  return sgRules(stack).flatMap((r) => {
    const message = select(r);
    return message ? [{ path: r.owner.path, address: r.owner.address, message }] : [];
  });
}

/** VPC and security-group rules. */
export const NETWORK_RULES: Rule[] = [
  {
    id: 'LSS-VPC-001',
    checkov: 'CKV2_AWS_11',
    description: 'VPCs have flow logs',
    fix: 'Add an aws_flow_log for the VPC (NetworkingModule does, to KMS-encrypted CloudWatch Logs).',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_vpc', (v, s) => (s.referencing('aws_flow_log', 'vpc_id', v.address).length === 0 ? 'no flow log' : undefined)),
  },
  {
    id: 'LSS-VPC-002',
    checkov: 'CKV2_AWS_12',
    description: 'The default security group of every VPC is managed and has no rules',
    fix: 'Add aws_default_security_group for the VPC with no ingress and no egress.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_vpc', (v, s) => {
      const dsg = s.referencing('aws_default_security_group', 'vpc_id', v.address)[0]?.config;
      if (!dsg) return 'the default security group is not managed (it allows all traffic between members)';
      return [dsg.ingress ?? [], dsg.egress ?? []].flat().length ? 'the default security group has rules' : undefined;
    }),
  },
  {
    id: 'LSS-SG-001',
    checkov: 'CKV_AWS_23',
    description: 'Every security group rule has a description',
    fix: 'Give each ingress/egress rule a description that says why it exists.',
    level: FindingLevel.ERROR,
    evaluate: (stack) => findings(stack, (r) => (!r.description?.trim() ? `${r.direction} rule ${r.protocol}:${r.fromPort ?? '*'}-${r.toPort ?? '*'} has no description` : undefined)),
  },
  {
    id: 'LSS-SG-002',
    checkov: 'CKV_AWS_24, CKV_AWS_25, CKV_AWS_277',
    description: 'No security group opens all ports, or a sensitive service (SSH, RDP, databases, caches, cluster APIs), to an internet-wide range (judged by address space, IPv4 and IPv6)',
    fix: 'Restrict the source CIDR to known ranges, or use SSM Session Manager instead of SSH/RDP.',
    level: FindingLevel.ERROR,
    evaluate: (stack) => findings(stack, (r) => {
      const wide = internetWide(r);
      if (r.direction !== 'ingress' || wide.length === 0) return undefined;
      if (isAllPorts(r.fromPort, r.toPort, r.protocol)) return `ingress from ${wide.join(', ')} on all ports`;
      const exposed = sensitivePortsIn(r.fromPort, r.toPort, r.protocol);
      return exposed.length ? `${exposed.join(', ')} open to ${wide.join(', ')}` : undefined;
    }),
  },
];
