import { first } from './shared';
import { PolicyRule } from '../../core/contract';

/**
 * Whether a bucket receives another bucket's access logs in the same document (the log bucket itself is exempt from
 * logging: logging it to itself or to a third bucket only moves the question).
 */
function isLogTarget(c: any, document: any): boolean {
  const buckets: Record<string, any> = document?.resource?.google_storage_bucket ?? {};
  const address = Object.entries(buckets).find(([, b]) => b === c)?.[0];
  const names = [c.name, ...(address ? [`\${google_storage_bucket.${address}.name}`, `\${google_storage_bucket.${address}.id}`] : [])];
  return Object.values(buckets).some((b) => b !== c && names.includes(first(b.logging)?.log_bucket));
}

/** Buckets keep versions and log access; the bucket other buckets log to is exempt from logging. */
export const GcpBucketVersioningLogging: PolicyRule = {
  id: 'GCP-GCS-3',
  description: 'Buckets are versioned (CKV_GCP_78) and buckets other than a log target log access to a log bucket (CKV_GCP_62)',
  resourceTypes: ['google_storage_bucket'],
  mirrors: ['CKV_GCP_78', 'CKV_GCP_62'],
  check: (c, document) => {
    const out: string[] = [];
    if (first(c.versioning)?.enabled !== true) out.push('versioning is off');
    if (!first(c.logging)?.log_bucket && !isLogTarget(c, document)) out.push('access logging is off');
    return out;
  },
};
