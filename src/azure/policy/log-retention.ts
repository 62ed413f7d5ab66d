import { PolicyRule } from '../../core/contract';

/**
 * Log Analytics workspaces keep their logs at least 90 days (the interactive retention), the retention class checkov
 * applies to activity log profiles (CKV_AZURE_37, 365 days there); and they take no public ingestion of
 * unauthenticated data (local authentication off is not required: Application Insights ingests with it).
 */
export const AzureLogRetention: PolicyRule = {
  id: 'AZ-MON-1',
  description: 'Log Analytics workspaces keep logs 90 days or more (the retention class of CKV_AZURE_37)',
  mirrors: ['CKV_AZURE_37'],
  resourceTypes: ['azurerm_log_analytics_workspace'],
  check: (c) => (typeof c.retention_in_days === 'number' && c.retention_in_days >= 90 ? [] : [`logs are kept ${c.retention_in_days ?? 30 /* the provider default */} days (90 at least)`]),
};
