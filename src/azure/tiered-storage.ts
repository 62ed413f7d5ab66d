import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy, StorageManagementPolicyRule, StorageManagementPolicyRuleActionsBaseBlob } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { AZURE_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable, principalKey, principalOf } from './grant';
import { AzureLocation } from './location';
import { Cloud } from '../core/catalog/cloud';
import { regionProblems } from '../core/catalog/regions';
import { StorageClasses, StorageTierClass } from '../core/catalog/storage-class';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { alnumName, shortHash } from '../core/internal/names';
import { StorageEncryption, StorageRedundancy, TieredStorageSpec, TieredStorageSpecProps } from '../core/specs/tiered-storage-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { recordResources } from '../terraform/manifest';

/** Properties of Azure tiered storage. */
export interface TieredStorageProps extends TieredStorageSpecProps, AzureLocation {
  /**
   * Storage account name (3-24 lower case letters and digits, globally unique).
   * @default - derived from the construct path
   */
  readonly accountName?: string;
  /**
   * The cluster network: its compute subnet is the only network allowed in.
   * @default - no network is allowed in; trusted Azure services only
   */
  readonly network?: ClusterNetwork;
  /**
   * Azure replication type (LRS, ZRS, GRS, RAGRS, GZRS or RAGZRS), honoured as given.
   * @default - from `redundancy`: ZRS
   * @deprecated use `redundancy` (`StorageRedundancy.LOCAL` is LRS, `ZONE` ZRS, `GEO` GZRS); kept for one release
   */
  readonly replication?: string;
  /**
   * Soft-delete retention for blobs and containers, days (1 to 365).
   * @default 7
   */
  readonly softDeleteDays?: number;
  /**
   * Public IP ranges allowed to reach the key vault of a customer-managed key. The vault denies network access by
   * default (policy rule AZ-KV-1) and Terraform creates the key through the vault's data plane, so on the first
   * `terraform apply` (from an empty subscription) the machine that runs Terraform must reach the vault: name its
   * egress IP here, or run Terraform from the network's compute subnet (let in through its `Microsoft.KeyVault`
   * service endpoint). Otherwise creating the key fails with 403 ForbiddenByFirewall. Terraform's identity also needs
   * the right to assign roles on the resource group (it grants itself Key Vault Crypto Officer on the vault).
   * @default - none: Terraform must run from the compute subnet
   */
  readonly keyVaultAllowedIps?: string[];
}

const REPLICATION = ['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'];
/** The account replication type of each neutral redundancy. */
const REPLICATION_OF: Record<StorageRedundancy, string> = {
  [StorageRedundancy.LOCAL]: 'LRS',
  [StorageRedundancy.ZONE]: 'ZRS',
  [StorageRedundancy.GEO]: 'GZRS',
};
/**
 * Replication types that support the Archive tier: "Only storage accounts that are configured for LRS, GRS, or RA-GRS
 * support moving blobs to the archive tier. The archive tier isn't supported for ZRS, GZRS, or RA-GZRS accounts."
 * @see https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview
 */
const ARCHIVE_REPLICATION = ['LRS', 'GRS', 'RAGRS'];

/**
 * Azure tiered storage: a StorageV2 account replicated as `redundancy` says (LOCAL: LRS, ZONE: ZRS, GEO: GZRS)
 * (HTTPS only, TLS 1.2, no public nested items, no shared
 * keys, infrastructure encryption, network rules that deny by default, blob versioning, blob and
 * container soft delete, last-access tracking when a rule needs it), a private `data` container, and a
 * management policy per prefix (cool 30, cold 90, archive 180 minimums validated); optional
 * customer-managed key in a purge-protected key vault with rotation; `prevent_destroy`.
 *
 * Azure has no Archive tier on ZRS, GZRS or RA-GZRS accounts, so a tier that moves blobs to Archive
 * (`ARCHIVE` or `DEEP_ARCHIVE`, as the default tiers do at 365 days) needs `redundancy: StorageRedundancy.LOCAL`
 * (or the deprecated `replication` LRS, GRS or RAGRS); with ZONE or GEO it is refused at synthesis.
 * Uploads: Azure discards uncommitted blocks after a week, so `abortIncompleteUploadsAfterDays` can only be 7.
 *
 * @example
 * declare const network: azure.ClusterNetwork;
 * declare const fleet: azure.GpuFleet;
 * // LRS keeps the default tiers' Archive step: Azure has no Archive tier on ZRS (the default) or GZRS accounts
 * const data = new azure.TieredStorage(this, 'Data', {
 *   resourceGroupName: 'training-rg',
 *   location: 'eastus',
 *   network,
 *   redundancy: StorageRedundancy.LOCAL,
 * });
 * data.grantReadWrite(fleet);
 */
export class TieredStorage extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: TieredStorageSpec;
  /** The storage account. */
  public readonly account: StorageAccount;
  /** The `data` container. */
  public readonly container: StorageContainer;
  /** The management policy. */
  public readonly managementPolicy: StorageManagementPolicy;
  /** The key, when customer-managed. */
  public readonly key?: KeyVaultKey;
  /** The key vault, when customer-managed. */
  public readonly keyVault?: KeyVault;

  constructor(scope: Construct, id: string, props: TieredStorageProps) {
    super(scope, id);
    requireProps('TieredStorage', this.node.path, props, {
      network: [(v) => v === undefined || v instanceof ClusterNetwork, 'unset, or a ClusterNetwork of this cloud'],
    });
    const replication = props?.replication ?? REPLICATION_OF[props?.redundancy ?? StorageRedundancy.ZONE] ?? 'ZRS';
    // the default tiers stop at cold where the account has no Archive tier (ZRS, GZRS): a default every account honours
    this.spec = new TieredStorageSpec(props, ARCHIVE_REPLICATION.includes(replication));
    const problems = [...this.spec.validate(Cloud.AZURE), ...unsupportedSettings(AZURE_CLOUD, 'TieredStorage', props)];
    const accountName = props.accountName ?? alnumName(`${id}${this.node.path}`, 24);
    problems.push(...regionProblems(Cloud.AZURE, 'location', props.location));
    if (!/^[a-z0-9]{3,24}$/.test(accountName)) problems.push(Validation.problem('accountName', accountName, '3-24 lower case letters and digits'));
    if (props.replication !== undefined && !REPLICATION.includes(props.replication)) problems.push(Validation.problem('replication', props.replication, REPLICATION.join(', ')));
    if (props.replication !== undefined && props.redundancy !== undefined) {
      problems.push(Validation.problem('replication', props.replication, 'unset when redundancy is given (replication is its deprecated Azure form)'));
    }
    if (problems.length === 0) problems.push(...archiveProblems(this.spec, props, replication));
    if (props.softDeleteDays !== undefined && !(Number.isInteger(props.softDeleteDays) && props.softDeleteDays >= 1 && props.softDeleteDays <= 365)) {
      problems.push(Validation.problem('softDeleteDays', props.softDeleteDays, 'a whole number from 1 to 365'));
    }
    Validation.throwIfAny('TieredStorage', this.node.path, problems);
    const spec = this.spec;
    const rg = { resourceGroupName: props.resourceGroupName, location: props.location };
    const softDelete = props.softDeleteDays ?? 7;

    let identity: UserAssignedIdentity | undefined;
    if (spec.encryption === StorageEncryption.CUSTOMER_MANAGED) {
      const client = new DataAzurermClientConfig(this, 'Client', {});
      identity = new UserAssignedIdentity(this, 'KeyIdentity', { ...rg, name: `${accountName}-key-identity` });
      this.keyVault = new KeyVault(this, 'KeyVault', {
        ...rg,
        name: `kv${shortHash(this.node.path)}${accountName}`.slice(0, 24),
        tenantId: client.tenantId,
        skuName: 'premium',
        purgeProtectionEnabled: true,
        softDeleteRetentionDays: 90,
        rbacAuthorizationEnabled: true,
        publicNetworkAccessEnabled: true,
        networkAcls: {
          defaultAction: 'Deny',
          bypass: 'AzureServices',
          ipRules: props.keyVaultAllowedIps,
          virtualNetworkSubnetIds: props.network ? [props.network.computeSubnet.id] : undefined,
        },
        lifecycle: { preventDestroy: true },
      });
      const officer = new RoleAssignment(this, 'DeployerIsCryptoOfficer', {
        scope: this.keyVault.id, roleDefinitionName: 'Key Vault Crypto Officer', principalId: client.objectId,
      });
      new RoleAssignment(this, 'StorageUsesKey', {
        scope: this.keyVault.id, roleDefinitionName: 'Key Vault Crypto Service Encryption User', principalId: identity.principalId,
      });
      this.key = new KeyVaultKey(this, 'Key', {
        name: `${accountName}-data`,
        keyVaultId: this.keyVault.id,
        keyType: 'RSA-HSM',
        keySize: 3072,
        keyOpts: ['wrapKey', 'unwrapKey'],
        rotationPolicy: { automatic: { timeBeforeExpiry: 'P30D' }, expireAfter: 'P365D', notifyBeforeExpiry: 'P29D' },
        dependsOn: [officer],
        lifecycle: { preventDestroy: true },
      });
    }

    this.account = new StorageAccount(this, 'Account', {
      ...rg,
      name: accountName,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: replication,
      accessTier: 'Hot',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      networkRules: {
        defaultAction: 'Deny',
        bypass: ['AzureServices', 'Logging', 'Metrics'],
        virtualNetworkSubnetIds: props.network ? [props.network.computeSubnet.id] : [],
      },
      blobProperties: {
        versioningEnabled: spec.versioned,
        changeFeedEnabled: spec.versioned,
        lastAccessTimeEnabled: spec.autoTiering,
        deleteRetentionPolicy: { days: softDelete },
        containerDeleteRetentionPolicy: { days: softDelete },
      },
      identity: identity ? { type: 'UserAssigned', identityIds: [identity.id] } : undefined,
      customerManagedKey: this.key ? { keyVaultKeyId: this.key.versionlessId, userAssignedIdentityId: identity!.id } : undefined,
      tags: { 'ai-infra-storage': id },
      lifecycle: { preventDestroy: true },
    });

    this.container = new StorageContainer(this, 'DataContainer', {
      name: 'data', storageAccountId: this.account.id, containerAccessType: 'private',
    });

    const rules: StorageManagementPolicyRule[] = [];
    for (const r of spec.lifecycleRules()) {
      const base: Record<string, number | boolean> = {};
      if (spec.autoTiering) {
        base.tierToCoolAfterDaysSinceLastAccessTimeGreaterThan = 30;
        base.autoTierToHotFromCoolEnabled = true;
      }
      for (const t of r.tiers) {
        const key = t.storageClass === StorageTierClass.INFREQUENT ? 'tierToCoolAfterDaysSinceModificationGreaterThan'
          : t.storageClass === StorageTierClass.COLD ? 'tierToColdAfterDaysSinceModificationGreaterThan'
            : 'tierToArchiveAfterDaysSinceModificationGreaterThan';
        base[key] = t.afterDays;
      }
      if (r.expireAfterDays !== undefined) base.deleteAfterDaysSinceModificationGreaterThan = r.expireAfterDays;
      if (Object.keys(base).length === 0) continue;
      rules.push({
        name: r.id,
        enabled: true,
        filters: { blobTypes: ['blockBlob'], prefixMatch: [`data/${r.prefix}`] },
        actions: { baseBlob: base as StorageManagementPolicyRuleActionsBaseBlob },
      });
    }
    if (spec.versioned) {
      rules.push({
        name: 'noncurrent-versions',
        enabled: true,
        filters: { blobTypes: ['blockBlob'] },
        actions: { version: { deleteAfterDaysSinceCreation: spec.noncurrentVersionExpireDays } },
      });
    }
    this.managementPolicy = new StorageManagementPolicy(this, 'Lifecycle', { storageAccountId: this.account.id, rule: rules });
    recordResources(this, Cloud.AZURE, 'TieredStorage', {
      account: this.account, container: this.container, managementPolicy: this.managementPolicy, keyVault: this.keyVault, key: this.key,
    }, { expectedDataTiB: this.spec.expectedDataTiB });
  }

  /**
   * Lets a principal read blobs of this account (`Storage Blob Data Reader`).
   *
   * @param grantee an `azure.GpuFleet`, or `azure.Grantee.principal(objectId)`
   */
  public grantRead(grantee: IGrantable): RoleAssignment {
    return this.grant('Read', grantee, 'Storage Blob Data Reader');
  }

  /**
   * Lets a principal read and write blobs of this account (`Storage Blob Data Contributor`).
   *
   * @param grantee an `azure.GpuFleet`, or `azure.Grantee.principal(objectId)`
   */
  public grantReadWrite(grantee: IGrantable): RoleAssignment {
    return this.grant('ReadWrite', grantee, 'Storage Blob Data Contributor');
  }

  private grant(kind: string, grantee: IGrantable, roleDefinitionName: string): RoleAssignment {
    const { principalId, principalType } = principalOf(grantee, 'TieredStorage', this.node.path);
    return new RoleAssignment(this, `${kind}${principalKey(this, principalId)}`, { scope: this.account.id, roleDefinitionName, principalId, principalType });
  }
}

/**
 * The Archive tier on an account that cannot hold it: one problem naming the redundancy (or the deprecated
 * replication) and the first tier that moves blobs to Archive. Refused at synthesis: Azure rejects such a management
 * policy only at apply (hashicorp/terraform-provider-azurerm#6031, #19814).
 */
function archiveProblems(spec: TieredStorageSpec, props: TieredStorageProps, replication: string): ValidationProblem[] {
  if (ARCHIVE_REPLICATION.includes(replication)) return [];
  const archive = (t: { storageClass: StorageTierClass }) => StorageClasses.of(Cloud.AZURE, t.storageClass).providerName === 'Archive';
  const where = [
    ...(props.tiers ?? (props.autoTiering ? [] : spec.tiers)).map((t, i) => ({ t, at: `${props.tiers ? '' : 'default '}tiers[${i}]` })),
    ...spec.prefixes.flatMap((r, j) => (r.tiers ?? []).map((t, i) => ({ t, at: `prefixes[${j}].tiers[${i}]` }))),
  ].find((x) => archive(x.t) && spec.lifecycleRules().some((r) => r.tiers.includes(x.t)));
  if (!where) return [];
  const why = `Azure has no Archive tier on ZRS, GZRS or RA-GZRS accounts, and ${where.at} moves blobs to Archive (${where.t.storageClass} after ${where.t.afterDays} days); ` +
    'or keep this redundancy and end the tiers at cold';
  return props.replication !== undefined
    ? [Validation.problem('replication', replication, `LRS, GRS or RAGRS: ${why}`)]
    : [Validation.problem('redundancy', props.redundancy ?? `${spec.redundancy} (default)`, `local (LRS): ${why}`)];
}
