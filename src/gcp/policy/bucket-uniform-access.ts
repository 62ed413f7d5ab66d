import { PolicyRule } from '../../core/contract';

/** Uniform bucket-level access (CKV_GCP_29, tfsec google-storage-enable-ubla). */
export const GcpBucketUniformAccess: PolicyRule = {
  id: 'GCP-GCS-2',
  description: 'Buckets use uniform bucket-level access (CKV_GCP_29)',
  resourceTypes: ['google_storage_bucket'],
  mirrors: ['CKV_GCP_29', 'tfsec:google-storage-enable-ubla'],
  check: (c) => (c.uniform_bucket_level_access === true ? [] : ['uniform bucket-level access is off']),
};
