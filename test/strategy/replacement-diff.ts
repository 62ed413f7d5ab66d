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
 * Terraform: the arguments the providers mark ForceNew ("Changing this forces a new resource to be created" in the
 * registry docs of hashicorp/google 6.x and hashicorp/azurerm 4.x), per stateful type. A subnet's range is in
 * `EXPANDABLE`: it may grow in place from the same base (`gcloud compute networks subnets expand-ip-range`; an Azure
 * subnet keeps the addresses in use), any other change replaces it or fails while instances hold addresses.
 */
export const TF_REPLACING: Record<string, string[]> = {
  google_compute_network: ['name', 'project', 'auto_create_subnetworks'],
  google_compute_subnetwork: ['name', 'project', 'network', 'region', 'ip_cidr_range'],
  google_storage_bucket: ['name', 'project', 'location'],
  google_kms_key_ring: ['name', 'project', 'location'],
  google_kms_crypto_key: ['name', 'key_ring', 'purpose', 'import_only', 'skip_initial_version_creation'],
  google_bigquery_dataset: ['dataset_id', 'project', 'location'],
  google_artifact_registry_repository: ['repository_id', 'project', 'location', 'format', 'mode'],
  google_compute_external_vpn_gateway: ['name', 'project', 'redundancy_type', 'interface'],
  google_compute_router: ['name', 'project', 'region', 'network'],
  azurerm_resource_group: ['name', 'location'],
  azurerm_virtual_network: ['name', 'resource_group_name', 'location'],
  azurerm_subnet: ['name', 'resource_group_name', 'virtual_network_name', 'address_prefixes'],
  azurerm_storage_account: ['name', 'resource_group_name', 'location', 'account_tier', 'is_hns_enabled', 'infrastructure_encryption_enabled', 'nfsv3_enabled'],
  azurerm_storage_container: ['name', 'storage_account_name', 'storage_account_id'],
  azurerm_key_vault: ['name', 'resource_group_name', 'location'],
  azurerm_key_vault_key: ['name', 'key_vault_id', 'key_type', 'key_size', 'curve'],
  azurerm_container_registry: ['name', 'resource_group_name', 'location'],
  azurerm_log_analytics_workspace: ['name', 'resource_group_name', 'location'],
  azurerm_machine_learning_workspace: ['name', 'resource_group_name', 'location', 'storage_account_id', 'key_vault_id', 'application_insights_id'],
  azurerm_public_ip: ['name', 'resource_group_name', 'location', 'sku'],
};

/** Subnet ranges that may grow in place (same base address, shorter prefix), per type and argument. */
const EXPANDABLE: Record<string, string> = { google_compute_subnetwork: 'ip_cidr_range', azurerm_subnet: 'address_prefixes' };

function at(o: any, path: string): unknown {
  return path.split('.').reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), o);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `after` holds `before` from the same base address (a range grown in place). */
function expands(before: unknown, after: unknown): boolean {
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map((c) => parseCidr(c));
  const [b, a] = [list(before), list(after)];
  return b.length === a.length && b.every((r, i) => r !== undefined && a[i] !== undefined && a[i]!.base === r.base && a[i]!.prefix <= r.prefix && cidrsOverlap(r, a[i]!));
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
