import { PROJECT_IAM_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

const IMPERSONATION = ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'];

/**
 * Service Account User and Token Creator are not granted at project level: there they let the member act as every
 * service account of the project. Grant them on the one service account instead (`google_service_account_iam_member`).
 */
export const GcpIamNoProjectImpersonation: PolicyRule = {
  id: 'GCP-IAM-3',
  description: 'Service Account User and Service Account Token Creator are not granted at project level (CKV_GCP_41, CKV_GCP_49)',
  resourceTypes: PROJECT_IAM_TYPES,
  mirrors: ['CKV_GCP_41', 'CKV_GCP_49', 'tfsec:google-iam-no-project-level-service-account-impersonation'],
  check: (c) => (IMPERSONATION.includes(String(c.role)) ? [`grants ${c.role} at project level (every service account of the project)`] : []),
};
