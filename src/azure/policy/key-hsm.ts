import { PolicyRule } from '../../core/contract';

/** Key vault keys are HSM-backed (RSA-HSM or EC-HSM; a premium vault or a managed HSM holds them). */
export const AzureKeyHsm: PolicyRule = {
  id: 'AZ-KV-3',
  description: 'Key vault keys are backed by an HSM: key_type RSA-HSM or EC-HSM (CKV_AZURE_112)',
  mirrors: ['CKV_AZURE_112'],
  resourceTypes: ['azurerm_key_vault_key'],
  check: (c) => (c.key_type === 'RSA-HSM' || c.key_type === 'EC-HSM' ? [] : [`key_type is ${c.key_type ?? '(unset)'}, not RSA-HSM or EC-HSM`]),
};
