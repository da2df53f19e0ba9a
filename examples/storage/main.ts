// Example: the storage module on its own, for a production environment.
// Backups (Object Lock, lifecycle, replica in us-west-2), private product images
// with CORS for the app origins, one access-log bucket, a write-only identity for
// the backup job (its keys are sensitive outputs only), and grants for a reporting
// job on the backups bucket and on an imported bucket of a partner.
import { App, Aspects, TerraformOutput } from 'cdktf';
import { Environment, EnvironmentStack, ObjectLockMode, SecureBucket, SecurityChecks, ServiceIdentity, StorageBuckets } from '../../lib';

const app = new App();
const stack = new EnvironmentStack(app, 'storage-example', { environment: Environment.production({ project: 'example-shop' }) });

const storage = new StorageBuckets(stack, 'Storage', {
  backups: { replicationRegion: 'us-west-2', objectLockMode: ObjectLockMode.GOVERNANCE },
  productImages: { corsOrigins: ['https://app.example.com'] },
  // Identities (IAM users with one access key) exist only when asked for.
  identities: { backupWriter: 'backup-job' },
  sensitiveOutputs: true,
});

// A reporting job that may only read the exports prefix of the backups bucket...
const reports = new ServiceIdentity(stack, 'ReportsIdentity', { serviceName: 'reports' });
const readExports = storage.backups.grantRead(reports, 'exports/');
// ...and drop its reports into a partner's existing bucket (statements on its ARN and key).
const partner = SecureBucket.fromBucketAttributes(stack, 'PartnerDrop', {
  bucketName: 'partner-drop-example-com',
  encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
});
partner.grantWrite(reports, 'example-shop/');

new TerraformOutput(stack, 'product_images_bucket', { value: storage.productImages.bucketName });
new TerraformOutput(stack, 'reports_read_sids', { value: readExports.sids.join(',') });
// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
