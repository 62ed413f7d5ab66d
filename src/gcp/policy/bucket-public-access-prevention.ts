import { PolicyRule } from '../../core/contract';

/** Public access prevention enforced (CKV_GCP_114, tfsec google-storage-no-public-access). */
export const GcpBucketPublicAccessPrevention: PolicyRule = {
  id: 'GCP-GCS-1',
  description: 'Buckets enforce public access prevention (CKV_GCP_114)',
  resourceTypes: ['google_storage_bucket'],
  mirrors: ['CKV_GCP_114', 'tfsec:google-storage-no-public-access'],
  check: (c) => (c.public_access_prevention === 'enforced' ? [] : ['public access prevention is not enforced']),
};
