import { cidrsOverlap, parseCidr } from '../../src/core/internal/checks';

/**
 * A small update differ for stateful resources, read the way `cdk diff` and `terraform plan` decide a replacement:
 * each stateful resource of the document before an update must be in the document after it, under the same logical
 * ID (CloudFormation) or Terraform address, with the same type, and with the same value of every property whose
 * change forces a replacement. Returns one line per replacement (empty when the update keeps every identity).
 */

/**
 * CloudFormation: the properties whose change means "Update requires: Replacement", per stateful type. Source: the
 * `createOnlyProperties` of the CloudFormation registry schemas (as bundled with cfn-lint 1.51.0, us-east-1), which
 * the resource reference pages print as "Update requires: Replacement"; nested paths from the reference pages.
 */
export const CFN_REPLACING: Record<string, string[]> = {
  'AWS::EC2::VPC': ['CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength'],
  'AWS::EC2::Subnet': ['VpcId', 'AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'OutpostArn', 'Ipv6Native', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength'],
  // StorageCapacity and PerUnitStorageThroughput update without interruption on Lustre; DeploymentType, ImportPath
  // and ExportPath replace (AWS::FSx::FileSystem LustreConfiguration reference)
  'AWS::FSx::FileSystem': ['KmsKeyId', 'SecurityGroupIds', 'FileSystemType', 'SubnetIds', 'BackupId',
    'LustreConfiguration.DeploymentType', 'LustreConfiguration.ImportPath', 'LustreConfiguration.ExportPath'],
  'AWS::FSx::DataRepositoryAssociation': ['FileSystemId', 'FileSystemPath', 'DataRepositoryPath', 'BatchImportMetaDataOnCreate'],
  'AWS::S3::Bucket': ['BucketName', 'BucketNamePrefix', 'BucketNamespace'],
  'AWS::S3Express::DirectoryBucket': ['BucketName', 'LocationName', 'DataRedundancy'],
  // the schema lists none: a change of KeySpec, KeyUsage, Origin or MultiRegion fails the update (the AWS::KMS::Key
  // reference: it would otherwise delete the key), as breaking as a replacement
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'Origin', 'MultiRegion'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::EC2::CustomerGateway': ['CertificateArn', 'BgpAsn', 'BgpAsnExtended', 'Type', 'IpAddress', 'DeviceName'],
  'AWS::EC2::VPNGateway': ['AmazonSideAsn', 'Type'],
  'AWS::EC2::VPNConnection': ['Type', 'StaticRoutesOnly', 'LocalIpv4NetworkCidr', 'RemoteIpv4NetworkCidr', 'OutsideIpAddressType', 'TunnelInsideIpVersion'],
};

/**
 * Terraform: the top-level arguments the providers mark ForceNew, per stateful type, read from the provider source
 * at the versions the bindings were generated from (@cdktf/provider-google 16.12.0 = hashicorp/google v6.50.0,
 * @cdktf/provider-azurerm 14.23.0 = hashicorp/azurerm v4.55.0), checked on 2026-12-07: `ForceNew: true` in the
 * resource's schema, or a schema helper that sets it (azurerm `commonschema.ResourceGroupName()`, `Location()`,
 * `EdgeZoneOptionalForceNew()`, `ZonesMultipleOptionalForceNew()`, `ResourceIDReferenceRequiredForceNew()`, from
 * hashicorp/go-azure-helpers resourcemanager/commonschema). Arguments that force a new resource only on some changes
 * (`customdiff.ForceNewIfChange`) are in `CONDITIONAL`; subnet ranges in `EXPANDABLE`.
 */
export const TF_REPLACING: Record<string, string[]> = {
  // google/services/compute/resource_compute_network.go
  google_compute_network: ['name', 'project', 'auto_create_subnetworks', 'description', 'enable_ula_internal_ipv6', 'internal_ipv6_range', 'network_profile', 'params'],
  // google/services/compute/resource_compute_subnetwork.go (ip_cidr_range: ForceNewIfChange on shrinkage, see EXPANDABLE)
  google_compute_subnetwork: ['name', 'project', 'network', 'region', 'ip_cidr_range', 'description', 'enable_flow_logs', 'external_ipv6_prefix', 'ip_collection', 'params', 'reserved_internal_range'],
  // google/services/storage/resource_storage_bucket.go
  google_storage_bucket: ['name', 'project', 'location', 'enable_object_retention', 'hierarchical_namespace'],
  // google/services/kms/resource_kms_key_ring.go
  google_kms_key_ring: ['name', 'project', 'location'],
  // google/services/kms/resource_kms_crypto_key.go (skip_initial_version_creation is create-only but not ForceNew: a
  // change is no replacement, so it is not listed)
  google_kms_crypto_key: ['name', 'key_ring', 'purpose', 'import_only', 'crypto_key_backend', 'destroy_scheduled_duration'],
  // google/services/bigquery/resource_bigquery_dataset.go
  google_bigquery_dataset: ['dataset_id', 'project', 'location', 'external_dataset_reference'],
  // google/services/artifactregistry/resource_artifact_registry_repository.go
  google_artifact_registry_repository: ['repository_id', 'project', 'location', 'format', 'mode', 'kms_key_name', 'remote_repository_config'],
  // google/services/compute/resource_compute_external_vpn_gateway.go
  google_compute_external_vpn_gateway: ['name', 'project', 'redundancy_type', 'interface', 'description'],
  // google/services/compute/resource_compute_router.go
  google_compute_router: ['name', 'project', 'region', 'network', 'encrypted_interconnect_router'],
  // internal/services/resource/resource_group_resource.go
  azurerm_resource_group: ['name', 'location'],
  // internal/services/network/virtual_network_resource.go
  azurerm_virtual_network: ['name', 'resource_group_name', 'location', 'edge_zone'],
  // internal/services/network/subnet_resource.go (address_prefixes is not ForceNew: updated in place, see EXPANDABLE)
  azurerm_subnet: ['name', 'resource_group_name', 'virtual_network_name', 'address_prefixes'],
  // internal/services/storage/storage_account_resource.go (account_replication_type: see CONDITIONAL)
  azurerm_storage_account: ['name', 'resource_group_name', 'location', 'account_tier', 'is_hns_enabled', 'infrastructure_encryption_enabled',
    'nfsv3_enabled', 'dns_endpoint_type', 'edge_zone', 'immutability_policy', 'provisioned_billing_model_version', 'queue_encryption_key_type',
    'table_encryption_key_type'],
  // internal/services/storage/storage_container_resource.go (storage_account_name: deprecated, ForceNew through
  // CustomizeDiff on a change of the name)
  azurerm_storage_container: ['name', 'storage_account_name', 'storage_account_id', 'default_encryption_scope', 'encryption_scope_override_enabled'],
  // internal/services/keyvault/key_vault_resource.go
  azurerm_key_vault: ['name', 'resource_group_name', 'location'],
  // internal/services/keyvault/key_vault_key_resource.go (expiration_date: ForceNewIfChange when it is removed or moved
  // earlier, not modelled: the library sets none)
  azurerm_key_vault_key: ['name', 'key_vault_id', 'key_type', 'key_size', 'curve'],
  // internal/services/containers/container_registry_resource.go
  azurerm_container_registry: ['name', 'resource_group_name', 'location', 'zone_redundancy_enabled'],
  // internal/services/loganalytics/log_analytics_workspace_resource.go
  azurerm_log_analytics_workspace: ['name', 'resource_group_name', 'location'],
  // internal/services/machinelearning/machine_learning_workspace_resource.go
  azurerm_machine_learning_workspace: ['name', 'resource_group_name', 'location', 'storage_account_id', 'key_vault_id', 'application_insights_id',
    'container_registry_id', 'encryption', 'high_business_impact', 'service_side_encryption_enabled'],
  // internal/services/network/public_ip_resource.go (domain_name_label_scope: ForceNewIfChange, the library sets none)
  azurerm_public_ip: ['name', 'resource_group_name', 'location', 'sku', 'sku_tier', 'edge_zone', 'ip_tags', 'ip_version', 'public_ip_prefix_id', 'zones'],
};

/** The zone-redundant storage replication types (azurerm storage_account_resource.go ForceNewIfChange). */
const ZONE_REDUNDANT = ['ZRS', 'GZRS', 'RAGZRS'];

/**
 * Arguments that force a new resource only on some changes (`customdiff.ForceNewIfChange` in the provider source):
 * a storage account moving between the zone-redundant (ZRS, GZRS, RA-GZRS) and the other (LRS, GRS, RA-GRS)
 * replication types is replaced; within one family it is updated in place.
 */
export const TF_CONDITIONAL: Record<string, Record<string, (before: unknown, after: unknown) => boolean>> = {
  azurerm_storage_account: {
    account_replication_type: (a, b) => typeof a === 'string' && typeof b === 'string'
      && ZONE_REDUNDANT.includes(a.toUpperCase()) !== ZONE_REDUNDANT.includes(b.toUpperCase()),
  },
};

/**
 * Subnet ranges that may grow in place: google `ip_cidr_range` is ForceNew only when the new range does not contain
 * the old one (`IsShrinkageIpCidr`, google/services/compute/resource_compute_subnetwork.go: a range that holds the
 * old start and end is expanded by the update method); an Azure subnet's `address_prefixes` is updated in place,
 * which Azure refuses while addresses in use fall outside the new range, so only a range holding the old one is safe.
 */
const EXPANDABLE: Record<string, string> = { google_compute_subnetwork: 'ip_cidr_range', azurerm_subnet: 'address_prefixes' };

function at(o: any, path: string): unknown {
  return path.split('.').reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), o);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether each range of `after` holds the range of `before` at its position (a range grown in place). */
function expands(before: unknown, after: unknown): boolean {
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map((c) => parseCidr(c));
  const [b, a] = [list(before), list(after)];
  return b.length === a.length && b.every((r, i) => r !== undefined && a[i] !== undefined && a[i]!.prefix <= r.prefix && cidrsOverlap(r, a[i]!));
}

/** The logical IDs a CloudFormation value refers to (`Ref`, `Fn::GetAtt`). */
function cfnRefs(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) {
    v.forEach((x) => cfnRefs(x, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Ref' && typeof x === 'string') out.add(x);
      else if (k === 'Fn::GetAtt') out.add(Array.isArray(x) ? String(x[0]) : String(x).split('.')[0]);
      else cfnRefs(x, out);
    }
  }
  return out;
}

/**
 * The replacements a CloudFormation update from `before` to `after` would make to stateful resources, including the
 * cascade: a resource whose replacing property refers to a replaced resource (a file system's `SubnetIds` naming a
 * replaced subnet) is replaced with it, though its template text is unchanged.
 */
export function cfnReplacements(before: any, after: any): string[] {
  const out: string[] = [];
  const replaced = new Set<string>();
  for (const [id, r] of Object.entries<any>(before.Resources ?? {})) {
    const props = CFN_REPLACING[r.Type];
    if (!props) continue;
    const next = after.Resources?.[id];
    if (!next) {
      out.push(`${r.Type} ${id}: removed (logical ID gone)`);
    } else if (next.Type !== r.Type) {
      out.push(`${r.Type} ${id}: type changed to ${next.Type}`);
    } else {
      for (const p of props) {
        const [a, b] = [at(r.Properties, p), at(next.Properties, p)];
        if (!same(a, b)) {
          out.push(`${r.Type} ${id}: ${p} ${JSON.stringify(a)} -> ${JSON.stringify(b)} (replacement)`);
          replaced.add(id);
        }
      }
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, r] of Object.entries<any>(after.Resources ?? {})) {
      const props = CFN_REPLACING[r.Type];
      if (!props || replaced.has(id) || !before.Resources?.[id]) continue;
      for (const p of props) {
        const hit = [...cfnRefs(at(r.Properties, p))].find((ref) => replaced.has(ref));
        if (hit) {
          out.push(`${r.Type} ${id}: ${p} refers to ${hit}, which is replaced (replacement)`);
          replaced.add(id);
          grew = true;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The replacements a Terraform apply from `before` to `after` would make to stateful resources, with the cascade
 * (a ForceNew argument that interpolates a replaced resource's attribute, `${type.name.id}`, is replaced with it).
 */
export function terraformReplacements(before: any, after: any): string[] {
  const out: string[] = [];
  const replaced = new Set<string>();
  for (const [type, props] of Object.entries(TF_REPLACING)) {
    for (const [name, r] of Object.entries<any>(before.resource?.[type] ?? {})) {
      const next = after.resource?.[type]?.[name];
      if (!next) {
        out.push(`${type}.${name}: removed (address gone)`);
        continue;
      }
      for (const p of props) {
        const [a, b] = [r[p], next[p]];
        if (same(a, b)) continue;
        if (EXPANDABLE[type] === p && expands(a, b)) continue;
        out.push(`${type}.${name}: ${p} ${JSON.stringify(a)} -> ${JSON.stringify(b)} (replacement)`);
        replaced.add(`${type}.${name}`);
      }
      for (const [p, replaces] of Object.entries(TF_CONDITIONAL[type] ?? {})) {
        const [a, b] = [r[p], next[p]];
        if (same(a, b) || !replaces(a, b)) continue;
        out.push(`${type}.${name}: ${p} ${JSON.stringify(a)} -> ${JSON.stringify(b)} (replacement)`);
        replaced.add(`${type}.${name}`);
      }
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [type, props] of Object.entries(TF_REPLACING)) {
      for (const [name, r] of Object.entries<any>(after.resource?.[type] ?? {})) {
        const address = `${type}.${name}`;
        if (replaced.has(address) || !before.resource?.[type]?.[name]) continue;
        const hit = props.map((p) => JSON.stringify(r[p] ?? null)).flatMap((text) => [...replaced].filter((x) => text.includes(`\${${x}.`)))[0];
        if (hit) {
          out.push(`${address}: refers to ${hit}, which is replaced (replacement)`);
          replaced.add(address);
          grew = true;
        }
      }
    }
  }
  return out;
}
