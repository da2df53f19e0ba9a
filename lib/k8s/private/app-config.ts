import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import {
  DeploymentV1SpecTemplateSpecContainerEnv,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
  DeploymentV1SpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CONFIG_KEY_PATTERN, ENV_NAME_PATTERN } from './names';
import { ValidationError } from '../../core/errors';
import { isSecretName } from '../../core/private/secret-detection';
import { assertMatches } from '../../core/private/validation';
import { SecretValue } from '../../core/secrets';

/** The configuration inputs of one app. */
export interface AppConfigInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly provider: TerraformProvider;
  readonly envVariables: { [name: string]: string };
  readonly secretEnvVariables: { [name: string]: SecretValue };
  readonly configFiles: { [file: string]: string };
  readonly secretFiles: { [file: string]: SecretValue };
  readonly configMountPath: string;
  readonly secretMountPath: string;
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

  for (const name of Object.keys(input.envVariables)) {
    assertMatches(scope, `envVariables.${name}`, name, ENV_NAME_PATTERN, ENV_NAME_ALLOWED);
    if (isSecretName(name)) {
      // Refused even for tokens: a token from a sensitive variable would land in a ConfigMap.
      throw new ValidationError(scope, `envVariables.${name}`, '<value redacted>', 'a non-secret value: secret-looking names go in "secretEnvVariables" (a Secret), never in the ConfigMap');
    }
  }
  for (const name of Object.keys(input.secretEnvVariables)) {
    assertMatches(scope, `secretEnvVariables.${name}`, name, ENV_NAME_PATTERN, ENV_NAME_ALLOWED);
    if (!SecretValue.isSecretValue(input.secretEnvVariables[name])) {
      throw new ValidationError(scope, `secretEnvVariables.${name}`, '<value redacted>', 'a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)');
    }
  }
  for (const file of Object.keys(input.configFiles)) assertMatches(scope, `configFiles.${file}`, file, CONFIG_KEY_PATTERN, FILE_NAME_ALLOWED);
  for (const file of Object.keys(input.secretFiles)) {
    assertMatches(scope, `secretFiles.${file}`, file, CONFIG_KEY_PATTERN, FILE_NAME_ALLOWED);
    if (!SecretValue.isSecretValue(input.secretFiles[file])) {
      throw new ValidationError(scope, `secretFiles.${file}`, '<value redacted>', 'a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)');
    }
  }
  assertDisjoint(scope, 'configFiles', Object.keys(input.envVariables), Object.keys(input.configFiles));
  assertDisjoint(scope, 'secretFiles', Object.keys(input.secretEnvVariables), Object.keys(input.secretFiles));

  let configMap: ConfigMapV1 | undefined;
  const configData = { ...input.envVariables, ...input.configFiles };
  if (Object.keys(configData).length > 0) {
    const name = `${input.name}-config`;
    configMap = new ConfigMapV1(scope, 'Config', {
      provider: input.provider,
      metadata: { name, namespace: input.namespace, labels: input.labels },
      data: configData,
    });
    for (const key of Object.keys(input.envVariables)) {
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
  for (const [key, value] of Object.entries({ ...input.secretEnvVariables, ...input.secretFiles })) secretData[key] = value.value;
  if (Object.keys(secretData).length > 0) {
    const name = `${input.name}-secrets`;
    secret = new SecretV1(scope, 'Secrets', {
      provider: input.provider,
      metadata: { name, namespace: input.namespace, labels: input.labels },
      type: 'Opaque',
      data: secretData,
    });
    for (const key of Object.keys(input.secretEnvVariables)) {
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

function assertDisjoint(scope: Construct, prop: string, envKeys: string[], fileKeys: string[]): void {
  const clash = fileKeys.find((k) => envKeys.includes(k));
  if (clash !== undefined) {
    throw new ValidationError(scope, `${prop}.${clash}`, clash, 'a key not also used by an environment variable (both share one ConfigMap/Secret)');
  }
}
