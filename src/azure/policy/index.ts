import { AzureKeyVault } from './key-vault';
import { AzureNoPublicIp } from './no-public-ip';
import { AzureNsgNoOpenInbound } from './nsg-no-open-inbound';
import { AzurePrivateServices } from './private-services';
import { AzureStoragePrivate } from './storage-private';
import { AzureStorageTls } from './storage-tls';
import { PolicyRule } from '../../core/contract';

/** The Azure policy rules, one per file (the pack runs them in this order). */
export const AZURE_POLICY_RULES: PolicyRule[] = [
  AzureStorageTls,
  AzureStoragePrivate,
  AzureNoPublicIp,
  AzureNsgNoOpenInbound,
  AzureKeyVault,
  AzurePrivateServices,
];
