import { PolicyRule } from '../../core/contract';

/** No dataset access entry opens the dataset to everyone or to every Google account. */
export const GcpBigqueryNoPublicAccess: PolicyRule = {
  id: 'GCP-BQ-1',
  description: 'BigQuery datasets grant no access to allUsers or allAuthenticatedUsers (CKV_GCP_15)',
  resourceTypes: ['google_bigquery_dataset'],
  mirrors: ['CKV_GCP_15', 'tfsec:google-bigquery-no-public-access'],
  check: (c) => ((c.access ?? []) as any[])
    .filter((a) => a?.special_group === 'allAuthenticatedUsers' || a?.iam_member === 'allUsers' || a?.iam_member === 'allAuthenticatedUsers')
    .map((a) => `an access entry opens the dataset to ${a.special_group ?? a.iam_member}`),
};
