import { Construct } from 'constructs';
import { EnvironmentStack } from '../lib';
import { AppConfig, environmentFromConfig } from './config';

/**
 * The Kubernetes-ready path of the PRD (11.5): the same application on an existing
 * cluster, kept ready for a move off Render.
 */
export class KubernetesStack extends EnvironmentStack {
  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id, {
      environment: environmentFromConfig(config, 'production'),
      awsProvider: false,
    });
  }
}
