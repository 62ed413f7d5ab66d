import { PROJECT_IAM_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

const BASIC = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** No basic (primitive) role is granted at project level: they span every service of the project. */
export const GcpIamNoBasicRoles: PolicyRule = {
  id: 'GCP-IAM-2',
  description: 'Basic roles (owner, editor, viewer) are not granted at project level (CKV_GCP_117)',
  resourceTypes: PROJECT_IAM_TYPES,
  mirrors: ['CKV_GCP_117', 'tfsec:google-iam-no-privileged-service-accounts'],
  check: (c) => (BASIC.includes(String(c.role)) ? [`grants the basic role ${c.role} at project level`] : []),
};
