/**
 * What the diagram needs to know about each cloud's resources beyond the neutral facts: which resource types are
 * networks and subnets (the boxes resources are grouped in), where their names and address ranges are, which types
 * are site-to-site VPN links, which manifest roles hold a pillar's main resource, and how a fleet's interfaces are
 * counted (the same counting as the cloud's facts reader, `src/<cloud>/facts.ts`, which gives only the Gbps).
 * Internal: not part of the jsii API.
 */
import { DocResource } from './document';
import { InterconnectKind } from '../core/catalog/network-layout';
import { catalogTypeOf, identities, ManifestEntry } from '../core/facts';

/** A fleet's interfaces per node, as synthesized. */
export interface FleetInterfaces {
  host: number;
  fabric: number;
}

/** One cloud's reading of network boxes, VPN links, pillar roles and fleet interfaces. */
export interface DiagramProfile {
  readonly networkTypes: string[];
  readonly subnetTypes: string[];
  /** Resource types that are one site-to-site VPN link (connection or tunnel), or a VPN gateway where links are not resources. */
  readonly vpnTypes: string[];
  /** Manifest roles of a storage entry that hold the data (object storage). */
  readonly storageRoles: string[];
  /** Manifest roles of a storage entry that hold a high-throughput tier (file system, directory bucket). */
  readonly fastTierRoles: string[];
  name(r: DocResource): string;
  cidr(r: DocResource): string | undefined;
  interfaces(entry: ManifestEntry, resource: (id: string) => DocResource | undefined): FleetInterfaces | undefined;
}

const first = (v: unknown): any => (Array.isArray(v) ? v[0] : v);
const literal = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);

const AWS: DiagramProfile = {
  networkTypes: ['AWS::EC2::VPC'],
  subnetTypes: ['AWS::EC2::Subnet'],
  vpnTypes: ['AWS::EC2::VPNConnection'],
  storageRoles: ['bucket'],
  fastTierRoles: ['lustre', 'expressBucket'],
  // the Name tag, else the construct path below the stack
  name: (r) => literal((r.props.Tags ?? []).find((t: any) => t?.Key === 'Name')?.Value) ?? (r.path.replace(/\/Resource$/, '').split('/').slice(1).join('/') || r.id),
  cidr: (r) => [literal(r.props.CidrBlock), literal(r.props.AvailabilityZone)].filter((x) => x !== undefined).join(' ') || undefined,
  // as src/aws/facts.ts: EFA (and EFA-only) interfaces are the fabric, the others host interfaces
  interfaces: (entry, resource) => {
    const lt = resource(identities(entry, 'launchTemplate')[0] ?? '');
    if (lt?.type !== 'AWS::EC2::LaunchTemplate') return undefined;
    const nics: any[] = lt.props.LaunchTemplateData?.NetworkInterfaces ?? [];
    const fabric = nics.filter((n) => n?.InterfaceType === 'efa' || n?.InterfaceType === 'efa-only').length;
    const host = nics.filter((n) => n?.InterfaceType === undefined || n?.InterfaceType === 'interface').length || (nics.length === 0 ? 1 : 0);
    return { host, fabric };
  },
};

const GCP: DiagramProfile = {
  networkTypes: ['google_compute_network'],
  subnetTypes: ['google_compute_subnetwork'],
  vpnTypes: ['google_compute_vpn_tunnel'],
  storageRoles: ['bucket'],
  fastTierRoles: [],
  name: (r) => literal(r.props.name) ?? r.path,
  cidr: (r) => literal(r.props.ip_cidr_range),
  // as src/gcp/facts.ts: on RDMA types MRDMA NICs are the fabric and gVNICs the host; otherwise the first NIC is the host's
  interfaces: (entry, resource) => {
    const t = resource(identities(entry, 'instanceTemplate')[0] ?? '');
    if (t?.type !== 'google_compute_instance_template') return undefined;
    const nics: any[] = t.props.network_interface ?? [];
    if (catalogTypeOf(t.props.machine_type)?.network.kind === InterconnectKind.RDMA) {
      return { host: nics.filter((n) => n?.nic_type === 'GVNIC').length, fabric: nics.filter((n) => n?.nic_type === 'MRDMA').length };
    }
    return { host: Math.min(1, nics.length), fabric: Math.max(0, nics.length - 1) };
  },
};

const AZURE: DiagramProfile = {
  networkTypes: ['azurerm_virtual_network'],
  subnetTypes: ['azurerm_subnet'],
  // the connection is an ARM deployment (not a typed resource): the gateway stands for the link
  vpnTypes: ['azurerm_virtual_network_gateway'],
  storageRoles: ['account'],
  fastTierRoles: [],
  name: (r) => literal(r.props.name) ?? r.path,
  cidr: (r) => literal(first(r.props.address_prefixes)) ?? literal(first(r.props.address_space)),
  // as src/azure/facts.ts: the scale set's NICs are host NICs; InfiniBand links count when the set is one placement group
  interfaces: (entry, resource) => {
    const vmss = resource(identities(entry, 'scaleSet')[0] ?? '');
    if (vmss?.type !== 'azurerm_linux_virtual_machine_scale_set') return undefined;
    const type = catalogTypeOf(vmss.props.sku);
    const fabric = type?.network.kind === InterconnectKind.INFINIBAND && vmss.props.single_placement_group === true ? type.network.fabricNics : 0;
    return { host: (vmss.props.network_interface ?? []).length, fabric };
  },
};

const PROFILES: Record<string, DiagramProfile> = { aws: AWS, gcp: GCP, azure: AZURE };

/**
 * The diagram profile of a cloud.
 *
 * @throws naming the cloud and the clouds that have one
 */
export function diagramProfile(cloud: string, context: string): DiagramProfile {
  if (!Object.prototype.hasOwnProperty.call(PROFILES, cloud)) {
    throw new Error(`[ai-infra] ${context}: cloud = '${cloud}': no diagram profile; allowed: ${Object.keys(PROFILES).join(', ')}`);
  }
  return PROFILES[cloud];
}
