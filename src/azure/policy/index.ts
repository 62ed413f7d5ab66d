import { AzureContainerRegistry } from './container-registry';
import { AzureFlowLogRetention } from './flow-log-retention';
import { AzureKeyExpiry } from './key-expiry';
import { AzureKeyHsm } from './key-hsm';
import { AzureKeyVault } from './key-vault';
import { AzureLogRetention } from './log-retention';
import { AzureMlWorkspace } from './ml-workspace';
import { AzureNoPublicIp } from './no-public-ip';
import { AzureNsgNoOpenInbound } from './nsg-no-open-inbound';
import { AzurePrivateServices } from './private-services';
import { AzureRegistryPrivateEndpoint } from './registry-private-endpoint';
import { AzureScaleSetEncryption } from './scale-set-encryption';
import { AzureSecret } from './secret';
import { AzureStorageContainerPrivate } from './storage-container-private';
import { AzureStoragePrivate } from './storage-private';
import { AzureStorageSharedKey } from './storage-shared-key';
import { AzureStorageTls } from './storage-tls';
import { AzureSubnetFlowLogs } from './subnet-flow-logs';
import { AzureSubnetNsg } from './subnet-nsg';
import { PolicyRule } from '../../core/contract';

/** The Azure policy rules, one per file (the pack runs them in this order). */
export const AZURE_POLICY_RULES: PolicyRule[] = [
  AzureStorageTls,
  AzureStoragePrivate,
  AzureStorageSharedKey,
  AzureStorageContainerPrivate,
  AzureNoPublicIp,
  AzureScaleSetEncryption,
  AzureNsgNoOpenInbound,
  AzureSubnetNsg,
  AzureSubnetFlowLogs,
  AzureFlowLogRetention,
  AzureKeyVault,
  AzureKeyExpiry,
  AzureKeyHsm,
  AzureSecret,
  AzurePrivateServices,
  AzureMlWorkspace,
  AzureContainerRegistry,
  AzureRegistryPrivateEndpoint,
  AzureLogRetention,
];
