import { BadInput } from './support';
import {
  Environment, EnvironmentStack, SecretValue,
} from '../../lib';

const env = (e: Environment): BadInput[1] => (app) => new EnvironmentStack(app, 'app', { environment: e });

export const CORE_BAD_INPUTS: BadInput[] = [
  // --- environments ---
  ['environment: no project', env(new Environment({ name: 'qa' } as any)), '[app] invalid "environment.project": got undefined; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit, naming your project (there is no default: resource names such as S3 buckets are global)'],
  ['environment: name not a DNS label', env(new Environment({ name: 'Dev Env', project: 'acme' })), '[app] invalid "environment.name": got "Dev Env"; expected a DNS label'],
  ['environment: malformed region', env(Environment.staging({ project: 'acme', region: 'useast1' })), '[app] invalid "environment.region": got "useast1"; expected an AWS region name such as "us-east-1"'],
  ['environment: project not a DNS label', env(Environment.staging({ project: 'Live Stream' })), '[app] invalid "environment.project": got "Live Stream"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
  ['environment: production as a string', env(new Environment({ name: 'live', project: 'acme', production: 'false' as any })), '[app] invalid "environment.production": got "false"; expected true or false (a boolean, not a string)'],
  ['environment: backup retention 0', env(Environment.production({ project: 'acme', protection: { backupRetentionDays: 0 } })), '[app] invalid "environment.protection.backupRetentionDays": got 0; expected a whole number from 1 to 3650'],
  ['environment: KMS window 45', env(Environment.production({ project: 'acme', protection: { kmsDeletionWindowDays: 45 } })), '[app] invalid "environment.protection.kmsDeletionWindowDays": got 45; expected a whole number from 7 to 30'],
  ['environment: log retention Infinity', env(Environment.production({ project: 'acme', protection: { logRetentionDays: Infinity } })), '[app] invalid "environment.protection.logRetentionDays": got Infinity; expected a whole number from 1 to 3653'],
  ['environment: module settings are not environment settings', env(Environment.production({ project: 'acme', network: { vpcCidr: '10.20.0.0/16' } } as any)), '[app] invalid "environment.network": got {"vpcCidr":"10.20.0.0/16"}; expected no such property'],
  // --- secrets ---
  ['secrets: literal token', () => SecretValue.fromToken('sk_live_123'), '[SecretValue.fromToken] invalid "token": got "<literal string redacted>"; expected a token (sensitive variable, generated password or secret-manager reference), never a literal'],
];
