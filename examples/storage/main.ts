// Example: the storage module on its own, for a production environment.
// Backups (Object Lock, lifecycle, replica in us-west-2), private product images
// with CORS for the app origins, one access-log bucket, and least-privilege
// identities whose keys are sensitive outputs only.
import { App, Aspects, TerraformOutput } from 'cdktf';
import { Environment, EnvironmentStack, SecurityChecks, ServiceIdentity, StorageBuckets } from '../../lib';

const app = new App();
const stack = new EnvironmentStack(app, 'storage-example', { environment: Environment.production({ project: 'example-shop' }) });

const storage = new StorageBuckets(stack, 'Storage', {
  backups: { replicationRegion: 'us-west-2', objectLockMode: 'GOVERNANCE' },
  productImages: { corsOrigins: ['https://app.example.com'] },
  sensitiveOutputs: true,
});

// A reporting job that may only read the exports prefix of the backups bucket.
const reports = new ServiceIdentity(stack, 'ReportsIdentity', { serviceName: 'reports' });
storage.backups.grantRead(reports, 'exports/');

new TerraformOutput(stack, 'product_images_bucket', { value: storage.productImages.bucketName });
// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
