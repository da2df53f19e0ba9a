import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Testing } from 'cdktf';
import { userStack } from './support';
import { RenderProvider } from '../../lib/providers/render/gen/provider';
import { WebService } from '../../lib/providers/render/gen/web-service';

/** The "done when": a user's unsafe stack fails synth, naming rule, resource and fix. */
test('a public bucket, an unencrypted lock table, a privileged container and a literal API key fail cdktf synth', () => {
  const { stack } = userStack();
  new KubernetesProvider(stack, 'k8s', {});
  new RenderProvider(stack, 'render', { ownerId: 'tea-123' });
  const bucket = new S3Bucket(stack, 'Uploads', { bucket: 'user-uploads' });
  new S3BucketPublicAccessBlock(stack, 'UploadsPab', { bucket: bucket.id, blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false });
  new DynamodbTable(stack, 'Locks', { name: 'locks', hashKey: 'LockID', billingMode: 'PAY_PER_REQUEST', attribute: [{ name: 'LockID', type: 'S' }] });
  new DeploymentV1(stack, 'Worker', {
    metadata: { name: 'worker', namespace: 'apps' },
    spec: { selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { container: [{ name: 'w', image: 'ghcr.io/acme/w:1.0.0', securityContext: { privileged: true } }] } } },
  });
  new WebService(stack, 'Api', {
    name: 'api',
    plan: 'starter',
    region: 'virginia',
    healthCheckPath: '/health',
    runtimeSource: { image: { imageUrl: 'ghcr.io/acme/api', tag: '1.0.0' } },
    envVars: { STRIPE_API_KEY: { value: 'sk_live_literal' } },
  });

  let message = '';
  try {
    Testing.synth(stack, true);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('[LSS-S3-001] user/Uploads (aws_s3_bucket.Uploads): public access is not blocked');
  expect(message).toContain('Fix: Use SecureBucket, or add an aws_s3_bucket_public_access_block with all four settings true.');
  expect(message).toContain('[LSS-DDB-002] user/Locks (aws_dynamodb_table.Locks): not encrypted with a customer-managed KMS key. Fix:');
  expect(message).toContain('[LSS-K8S-004] user/Worker (kubernetes_deployment_v1.Worker): container "w": privileged or may escalate privileges. Fix:');
  expect(message).toContain('[LSS-SEC-001] user/Api (render_web_service.Api): "env_vars.STRIPE_API_KEY.value" holds a literal value. Fix: Pass secrets as SecretValue');
});
