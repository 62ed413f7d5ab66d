import { INSTANCE_TYPES, first } from './shared';
import { PolicyRule } from '../../core/contract';

/**
 * Instances run as a service account of their own: none given means the Compute Engine default service account
 * (`PROJECT_NUMBER-compute@developer.gserviceaccount.com`, Editor on the project by default), and that account with
 * the `cloud-platform` scope can call every API its roles allow.
 */
export const GcpNoDefaultServiceAccount: PolicyRule = {
  id: 'GCP-VM-4',
  description: 'Instances and instance templates do not run as the Compute Engine default service account (CKV_GCP_30, CKV_GCP_31)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_30', 'CKV_GCP_31', 'tfsec:google-compute-no-default-service-account'],
  check: (c) => {
    const sa = first(c.service_account);
    if (!sa?.email) return ['no service_account email: the instance runs as the Compute Engine default service account'];
    return /-compute@developer\.gserviceaccount\.com$/.test(String(sa.email)) ? ['runs as the Compute Engine default service account'] : [];
  },
};
