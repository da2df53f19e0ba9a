/**
 * The checks a security reviewer runs on a synthesized networking stack (the
 * checkov AWS network checks and the Cloudflare hardening guide), written against
 * the `cdk.tf.json` so they can run on any stack. Returns the findings; [] is a pass.
 */
export function reviewNetworking(json: any): string[] {
  const findings: string[] = [];
  const res = (type: string): Array<[string, any]> => Object.entries(json.resource?.[type] ?? {});
  const ADMIN = [22, 3389];
  const internet = (r: any) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0';

  // AWS: flow logs on every VPC (CKV2_AWS_11).
  for (const [id] of res('aws_vpc')) {
    if (!res('aws_flow_log').some(([, f]) => String(f.vpc_id).includes(`aws_vpc.${id}.`))) findings.push(`VPC ${id} has no flow log`);
  }
  // AWS: the default security group restricts all traffic (CKV2_AWS_12).
  for (const [id] of res('aws_vpc')) {
    const dsg = res('aws_default_security_group').find(([, g]) => String(g.vpc_id).includes(`aws_vpc.${id}.`));
    if (!dsg || !Array.isArray(dsg[1].ingress) || dsg[1].ingress.length > 0 || !Array.isArray(dsg[1].egress) || dsg[1].egress.length > 0) {
      findings.push(`VPC ${id}: default security group not restricted`);
    }
  }
  // AWS: every group and rule described (CKV_AWS_23); no SSH/RDP/all ports from the internet (CKV_AWS_24/25, CKV_AWS_277).
  for (const [id, g] of res('aws_security_group')) {
    if (!g.description) findings.push(`security group ${id} has no description`);
    if (g.ingress || g.egress) findings.push(`security group ${id} has inline rules`);
  }
  for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
    for (const [id, r] of res(type)) {
      if (!r.description) findings.push(`${type} ${id} has no description`);
      if (!internet(r)) continue;
      const all = r.ip_protocol === '-1' || (r.from_port === 0 && r.to_port === 65535);
      if (all) findings.push(`${type} ${id} opens every port to the internet`);
      if (type.includes('ingress') && ADMIN.some((p) => p >= r.from_port && p <= r.to_port)) findings.push(`${id} opens SSH/RDP to the internet`);
    }
  }
  // AWS: flow-log groups encrypted and retained (CKV_AWS_158, CKV_AWS_66).
  for (const [id, g] of res('aws_cloudwatch_log_group')) {
    if (!g.kms_key_id) findings.push(`log group ${id} not KMS-encrypted`);
    if (!g.retention_in_days) findings.push(`log group ${id} has no retention`);
  }

  // Cloudflare: TLS settings.
  const setting = (name: string) => res('cloudflare_zone_setting').find(([, s]) => s.setting_id === name)?.[1].value;
  if (res('cloudflare_dns_record').length > 0 || res('cloudflare_ruleset').length > 0) {
    if (setting('ssl') !== 'strict') findings.push('SSL mode is not strict');
    if (!['1.2', '1.3'].includes(setting('min_tls_version'))) findings.push('minimum TLS below 1.2');
    if (setting('always_use_https') !== 'on') findings.push('HTTP not redirected to HTTPS');
    const hsts = setting('security_header')?.strict_transport_security;
    if (!hsts?.enabled || hsts.max_age < 15552000) findings.push('HSTS off or shorter than 6 months');
    // Managed WAF executed.
    const managed = res('cloudflare_ruleset').find(([, r]) => r.phase === 'http_request_firewall_managed')?.[1];
    for (const rulesetId of ['efb7b8c949ac4650a09736fc376e9aee', '4814384a9e5d4991b9815dcfc25d2f1f']) {
      if (!managed?.rules?.some((r: any) => r.action === 'execute' && r.enabled !== false && r.action_parameters?.id === rulesetId)) findings.push(`managed ruleset ${rulesetId} not executed`);
    }
    // Rate limiting present.
    const limits = res('cloudflare_ruleset').find(([, r]) => r.phase === 'http_ratelimit')?.[1];
    if (!limits?.rules?.some((r: any) => r.ratelimit && r.enabled !== false && r.action === 'block')) findings.push('no blocking rate limit');
    // One entry point per phase.
    const phases = res('cloudflare_ruleset').map(([, r]) => `${r.zone_id}/${r.phase}`);
    if (new Set(phases).size !== phases.length) findings.push('two rulesets for the same zone and phase');
  }
  // Cloudflare: every web-facing record proxied.
  for (const [id, r] of res('cloudflare_dns_record')) {
    if (['A', 'AAAA', 'CNAME'].includes(r.type) && r.proxied !== true) findings.push(`DNS record ${id} (${r.name}) is not proxied`);
  }
  // No credentials in the configuration.
  for (const p of json.provider?.cloudflare ?? []) {
    if (p.api_token || p.api_key) findings.push('Cloudflare credentials in the configuration');
  }
  return findings;
}
