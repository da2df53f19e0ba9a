import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import {
  DeploymentV1SpecTemplateSpecContainerEnv,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
  DeploymentV1SpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformProvider } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { assertNoSecretByValue } from './literal-secrets';
import { CONFIG_KEY_PATTERN, ENV_NAME_PATTERN, PATH_PATTERN } from './names';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { assertNoLiteralSecret, isSecretName } from '../../core/private/secret-detection';
import { SecretValue } from '../../core/secrets';

/** The configuration props of one app, checked. */
export interface AppConfigValues {
  readonly variables: { [name: string]: string };
  readonly secrets: { [name: string]: SecretValue };
  readonly configFiles: { [file: string]: string };
  readonly secretFiles: { [file: string]: SecretValue };
  readonly configMountPath: string;
  readonly secretMountPath: string;
}

/** The configuration inputs of one app. */
export interface AppConfigInput extends AppConfigValues {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly provider: TerraformProvider;
}

/** What the pod template needs from the ConfigMap and Secret. */
export interface AppConfigWiring {
  readonly env: DeploymentV1SpecTemplateSpecContainerEnv[];
  readonly volumes: DeploymentV1SpecTemplateSpecVolume[];
  readonly mounts: DeploymentV1SpecTemplateSpecContainerVolumeMount[];
  /** Pod annotations that change when the configuration does, so pods roll. */
  readonly annotations: { [key: string]: string };
  readonly configMap?: ConfigMapV1;
  readonly secret?: SecretV1;
}

const ENV_NAME_ALLOWED = 'an environment variable name: letters, digits and "_", not starting with a digit';
const FILE_NAME_ALLOWED = 'a file name of letters, digits, "-", "_" or "." (a ConfigMap/Secret key)';

/**
 * Creates the app's ConfigMap ("Config") and Secret ("Secrets") when it has any
 * configuration, and returns the env entries, volumes and mounts that inject it.
 * Environment variables reference single keys (`valueFrom`) rather than
 * `envFrom`, so file keys never leak into the environment and a missing key
 * fails the pod instead of silently starting without it.
 */
export function createAppConfig(scope: Construct, input: AppConfigInput): AppConfigWiring {
  const env: DeploymentV1SpecTemplateSpecContainerEnv[] = [];
  const volumes: DeploymentV1SpecTemplateSpecVolume[] = [];
  const mounts: DeploymentV1SpecTemplateSpecContainerVolumeMount[] = [];
  const annotations: { [key: string]: string } = {};

  let configMap: ConfigMapV1 | undefined;
  const configData = { ...input.variables, ...input.configFiles };
  if (Object.keys(configData).length > 0) {
    const name = `${input.name}-config`;
    configMap = new ConfigMapV1(scope, 'Config', {
      provider: input.provider,
      metadata: { name, namespace: input.namespace, labels: input.labels },
      data: configData,
    });
    for (const key of Object.keys(input.variables)) {
      env.push({ name: key, valueFrom: { configMapKeyRef: { name: configMap.metadata.name, key } } });
    }
    if (Object.keys(input.configFiles).length > 0) {
      volumes.push({
        name: 'config',
        configMap: { name: configMap.metadata.name, defaultMode: '0444', items: Object.keys(input.configFiles).map((key) => ({ key, path: key })) },
      });
      mounts.push({ name: 'config', mountPath: input.configMountPath, readOnly: true });
    }
    annotations['checksum/config'] = configMap.metadata.resourceVersion;
  }

  let secret: SecretV1 | undefined;
  const secretData: { [key: string]: string } = {};
  for (const [key, value] of Object.entries({ ...input.secrets, ...input.secretFiles })) secretData[key] = value.value;
  if (Object.keys(secretData).length > 0) {
    const name = `${input.name}-secrets`;
    secret = new SecretV1(scope, 'Secrets', {
      provider: input.provider,
      metadata: { name, namespace: input.namespace, labels: input.labels },
      type: 'Opaque',
      data: secretData,
    });
    for (const key of Object.keys(input.secrets)) {
      env.push({ name: key, valueFrom: { secretKeyRef: { name: secret.metadata.name, key } } });
    }
    if (Object.keys(input.secretFiles).length > 0) {
      volumes.push({
        name: 'secrets',
        secret: { secretName: secret.metadata.name, defaultMode: '0400', items: Object.keys(input.secretFiles).map((key) => ({ key, path: key })) },
      });
      mounts.push({ name: 'secrets', mountPath: input.secretMountPath, readOnly: true });
    }
    // The resource version, not a hash of the values: a hash of a secret must not sit in a pod annotation.
    annotations['checksum/secrets'] = secret.metadata.resourceVersion;
  }
  return { env, volumes, mounts, annotations, configMap, secret };
}

/**
 * Reads `variables`, `secrets`, `configFiles`, `secretFiles` and the mount paths.
 * Plain values are judged by name (`DATABASE_URL` never goes into a ConfigMap,
 * even as a token from a sensitive variable) and by value (an API key, a token or
 * a URL with a password is refused whatever its name).
 */
export function readAppConfig(scope: IConstruct, input: Input, name: string, writableDirectories: string[]): AppConfigValues {
  const envKeys = { key: { pattern: ENV_NAME_PATTERN, allowed: ENV_NAME_ALLOWED } };
  const fileKeys = { key: { pattern: CONFIG_KEY_PATTERN, allowed: FILE_NAME_ALLOWED } };
  const variables = input.stringMap('variables', envKeys) ?? {};
  for (const [key, value] of Object.entries(variables)) {
    if (isSecretName(key)) {
      // Refused even for tokens: a token from a sensitive variable would land in a ConfigMap.
      throw new ValidationError(scope, `variables.${key}`, '<value redacted>', 'a non-secret value: secret-looking names go in "secrets" (a Secret), never in the ConfigMap');
    }
    assertNoLiteralSecret(scope, 'variables', key, value);
  }
  const secrets = input.secretMap('secrets', envKeys) ?? {};
  const configFiles = input.stringMap('configFiles', fileKeys) ?? {};
  for (const [file, content] of Object.entries(configFiles)) assertNoSecretByValue(scope, `configFiles.${file}`, content);
  const secretFiles = input.secretMap('secretFiles', fileKeys) ?? {};
  assertDisjoint(scope, 'configFiles', Object.keys(variables), Object.keys(configFiles));
  assertDisjoint(scope, 'secretFiles', Object.keys(secrets), Object.keys(secretFiles));
  assertDisjoint(scope, 'secrets', Object.keys(variables), Object.keys(secrets), 'a name not also in "variables" (the container would get one of the two values)');
  const mountPath = { pattern: PATH_PATTERN, allowed: 'an absolute path such as "/etc/app/config"' };
  const configMountPath = input.string('configMountPath', mountPath) ?? `/etc/${name}/config`;
  const secretMountPath = input.string('secretMountPath', mountPath) ?? `/etc/${name}/secrets`;
  if (Object.keys(secretFiles).length > 0 && Object.keys(configFiles).length > 0 && secretMountPath === configMountPath) {
    throw new ValidationError(scope, 'secretMountPath', secretMountPath, 'a path other than "configMountPath": two volumes cannot mount at one path');
  }
  for (const [prop, path, used] of [['configMountPath', configMountPath, configFiles], ['secretMountPath', secretMountPath, secretFiles]] as const) {
    if (Object.keys(used).length > 0 && writableDirectories.includes(path)) {
      throw new ValidationError(scope, prop, path, 'a path that is not also in "writableDirectories": two volumes cannot mount at one path');
    }
  }
  return { variables, secrets, configFiles, secretFiles, configMountPath, secretMountPath };
}

function assertDisjoint(scope: IConstruct, prop: string, envKeys: string[], fileKeys: string[],
  allowed = 'a key not also used by an environment variable (both share one ConfigMap/Secret)'): void {
  const clash = fileKeys.find((k) => envKeys.includes(k));
  if (clash !== undefined) {
    throw new ValidationError(scope, `${prop}.${clash}`, clash, allowed);
  }
}
