import { PolicyRule } from '../../core/contract';

/** Data buckets keep versions and log access (CKV_GCP_78, CKV_GCP_62); the log bucket itself is exempt from logging. */
export const GcpBucketVersioningLogging: PolicyRule = {
  id: 'GCP-GCS-3',
  description: 'Buckets are versioned (CKV_GCP_78) and data buckets log access to a log bucket (CKV_GCP_62)',
  resourceTypes: ['google_storage_bucket'],
  mirrors: ['CKV_GCP_78', 'CKV_GCP_62'],
  check: (c) => {
    const out: string[] = [];
    if (c.versioning?.enabled !== true) out.push('versioning is off');
    const isLogBucket = (c.lifecycle_rule ?? []).length === 1 && c.logging === undefined && /-logs$/.test(String(c.name));
    if (!isLogBucket && !c.logging?.log_bucket) out.push('access logging is off');
    return out;
  },
};
