import { IAM_GRANT_TYPES, membersOf } from './shared';
import { PolicyRule } from '../../core/contract';

/** No IAM grant names `allUsers` or `allAuthenticatedUsers` (public or any-Google-account access). */
export const GcpIamNoPublicMembers: PolicyRule = {
  id: 'GCP-IAM-1',
  description: 'IAM grants on projects, buckets, keys, datasets, secrets and repositories do not name allUsers or allAuthenticatedUsers (CKV_GCP_28, CKV_GCP_112)',
  resourceTypes: IAM_GRANT_TYPES,
  mirrors: ['CKV_GCP_28', 'CKV_GCP_112', 'tfsec:google-storage-no-public-access'],
  check: (c) => membersOf(c).filter((m) => m === 'allUsers' || m === 'allAuthenticatedUsers').map((m) => `grants ${c.role} to ${m}`),
};
