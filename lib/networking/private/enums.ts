import { IConstruct } from 'constructs';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input } from '../../core/private/input';

/** How each enum-like class of the area is named in messages. */
const EXAMPLES: { [typeName: string]: string } = {
  FirewallAction: 'FirewallAction.BLOCK, FirewallAction.MANAGED_CHALLENGE, FirewallAction.JS_CHALLENGE or FirewallAction.CHALLENGE',
  CacheBehavior: 'CacheBehavior.BYPASS, CacheBehavior.RESPECT_ORIGIN or CacheBehavior.overrideOrigin(seconds)',
  EdgePhase: 'EdgePhase.FIREWALL_MANAGED, EdgePhase.FIREWALL_CUSTOM, EdgePhase.RATE_LIMIT, EdgePhase.DYNAMIC_REDIRECT, EdgePhase.CACHE_SETTINGS, EdgePhase.LATE_TRANSFORM or EdgePhase.CONFIG_SETTINGS',
  TlsVersion: 'TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3',
  RedirectStatusCode: 'RedirectStatusCode.MOVED_PERMANENTLY, RedirectStatusCode.FOUND, RedirectStatusCode.TEMPORARY_REDIRECT or RedirectStatusCode.PERMANENT_REDIRECT',
  OwaspSensitivity: 'OwaspSensitivity.HIGH, OwaspSensitivity.MEDIUM or OwaspSensitivity.LOW',
  SecurityGroupProtocol: 'SecurityGroupProtocol.TCP, SecurityGroupProtocol.UDP, SecurityGroupProtocol.ICMP, SecurityGroupProtocol.ICMPV6 or SecurityGroupProtocol.ALL',
  FlowLogDestination: 'FlowLogDestination.CLOUD_WATCH_LOGS or FlowLogDestination.S3',
  LeakedCredentialMatch: 'LeakedCredentialMatch.PASSWORD or LeakedCredentialMatch.USERNAME_AND_PASSWORD',
  TurnstileMode: 'TurnstileMode.MANAGED, TurnstileMode.NON_INTERACTIVE or TurnstileMode.INVISIBLE',
  FlowLogTrafficType: 'FlowLogTrafficType.ALL, FlowLogTrafficType.ACCEPT or FlowLogTrafficType.REJECT',
};

/** Checks an enum-like value of class `typeName` (one of the area's). */
export function checkEnum<T>(scope: IConstruct, prop: string, value: unknown, typeName: string): T | undefined {
  return checkEnumLike<T>(scope, prop, value, typeName, EXAMPLES[typeName]);
}

/** Reads prop `name` of `input` as an enum-like of class `typeName`. */
export function readEnum<T>(input: Input, name: string, typeName: string): T | undefined {
  return checkEnum<T>(input.scope, input.path(name), input.raw(name), typeName);
}
