import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import type { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Construct } from 'constructs';
import { GCP_CLOUD } from './cloud';
import { Cloud } from '../core/catalog/cloud';
import { CloudRegions, regionProblems, zoneProblems } from '../core/catalog/regions';
import { unsupportedSettings } from '../core/contract';
import { parseCidr, requireProps } from '../core/internal/checks';
import { scopePrefix } from '../core/internal/names';
import { ClusterNetworkSpec, ClusterNetworkSpecProps } from '../core/specs/cluster-network-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { load } from '../lazy';
import { recordResources } from '../terraform/manifest';

/** Provider modules loaded on first use: only internetEgress needs them. */
const natModules = () => ({
  ComputeRouter: load<typeof import('@cdktf/provider-google/lib/compute-router')>('@cdktf/provider-google/lib/compute-router').ComputeRouter,
  ComputeRouterNat: load<typeof import('@cdktf/provider-google/lib/compute-router-nat')>('@cdktf/provider-google/lib/compute-router-nat').ComputeRouterNat,
});

/** Where Google Cloud resources go. */
export interface GcpLocation {
  /** Project id. */
  readonly project: string;
  /** Region, e.g. `us-east4`. */
  readonly region: string;
  /**
   * Zone of the fleet (GPU capacity is zonal).
   * @default - the region's first zone in the catalog (`CloudRegions.zones`), e.g. us-east4-a, us-east1-b
   */
  readonly zone?: string;
}

/** Properties of a Google Cloud cluster network. */
export interface ClusterNetworkProps extends ClusterNetworkSpecProps, GcpLocation {
  /**
   * Range the GPU networks (one VPC per GPU NIC) are carved from, one /24 each (a /20 or larger). Google Cloud only:
   * EFA (AWS) and InfiniBand (Azure) take no GPU networks, and those clouds refuse it by name.
   * @default '192.168.0.0/16'
   */
  readonly gpuNetworkCidr?: string;
  /**
   * Prefix of resource names (lower case letters, digits, dashes).
   * @default - derived from the path of the network's scope
   */
  readonly namePrefix?: string;
}

/** One network of the cluster: a VPC and its subnets. */
export interface GcpNetworkAttachment {
  /** The VPC. */
  readonly network: ComputeNetwork;
  /** Its subnets (RDMA: one per NIC). */
  readonly subnets: ComputeSubnetwork[];
}

const PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

/**
 * A Google Cloud cluster network: a host VPC and subnet with Private Google Access and flow logs, one
 * VPC per GPU NIC with the catalog's MTU (A3 High and Mega; their subnets with Private Google Access and sampled flow
 * logs too), or the RoCE VPC with its network profile
 * and a subnet per RDMA NIC (A3 Ultra, A4); firewall rules that allow traffic inside the cluster and
 * deny all other ingress; Cloud NAT when `internetEgress` is on.
 *
 * @example
 * const fleet = new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 4 });
 * // a host VPC plus one VPC per GPU NIC (eight for a3-megagpu-8g), MTU 8244
 * const network = new gcp.ClusterNetwork(this, 'Network', { project: 'my-ml-project', region: 'us-east4', zone: 'us-east4-a', fleet });
 */
export class ClusterNetwork extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ClusterNetworkSpec;
  /** Project id. */
  public readonly project: string;
  /** Region. */
  public readonly region: string;
  /** Zone of the fleet. */
  public readonly zone: string;
  /** Name prefix. */
  public readonly namePrefix: string;
  /** The host VPC. */
  public readonly hostNetwork: ComputeNetwork;
  /** The host subnet. */
  public readonly hostSubnet: ComputeSubnetwork;
  /** Networks beyond the host one, by logical name (`gpu-0`, `host-1`, `rdma`). */
  public readonly fabricNetworks: Record<string, GcpNetworkAttachment>;
  /** Network tag carried by fleet nodes. */
  public readonly fleetTag: string;
  /** The Cloud NAT, when internetEgress is on. */
  public readonly nat?: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    requireProps('ClusterNetwork', this.node.path, props);
    this.spec = new ClusterNetworkSpec(props);
    const problems = [...this.spec.validate(Cloud.GCP), ...unsupportedSettings(GCP_CLOUD, 'ClusterNetwork', props)];
    if (problems.length === 0) problems.push(...this.gpuNetworkProblems());
    if (typeof props.project !== 'string' || !PROJECT.test(props.project)) {
      problems.push(Validation.problem('project', props.project, 'a Google Cloud project id: 6-30 lower case letters, digits and dashes, starting with a letter'));
    }
    // the catalog's regions and zones (src/core/catalog/regions.ts); tokens are left to deploy time
    problems.push(...regionProblems(Cloud.GCP, 'region', props.region));
    if (props.zone !== undefined) problems.push(...zoneProblems(Cloud.GCP, 'zone', props.zone, props.region));
    if (props.namePrefix !== undefined && !/^[a-z][-a-z0-9]{0,29}$/.test(props.namePrefix)) {
      problems.push(Validation.problem('namePrefix', props.namePrefix, 'lower case letters, digits and dashes, 1-30 characters, starting with a letter'));
    }
    Validation.throwIfAny('ClusterNetwork', this.node.path, problems);
    const spec = this.spec;

    this.project = props.project;
    this.region = props.region;
    // the region's first zone: not every region has an -a (us-east1 and europe-west1 start at -b)
    this.zone = props.zone ?? CloudRegions.zones(Cloud.GCP, props.region)[0] ?? `${props.region}-a`;
    // default: the path of the scope the network sits in (the stack, usually), so names read `<stack>-host`
    this.namePrefix = props.namePrefix ?? scopePrefix(this.node.path, id, this.node.scopes.length, 30);
    this.fleetTag = `${this.namePrefix}-node`;
    const p = this.namePrefix;

    const layout = spec.props.fleet?.instanceType?.network;
    this.hostNetwork = new ComputeNetwork(this, 'HostNetwork', {
      project: this.project,
      name: `${p}-host`,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      // the catalog's host MTU for the fleet's type, as Google's blueprints set it on the system network
      // (GoogleCloudPlatform/cluster-toolkit examples/machine-learning: 8244 for A3 High and Mega, 8896 for A3 Ultra, A4, A4X);
      // Google's default (1460) for types without GPU NICs
      mtu: layout?.hostNicMtu ? layout.hostNicMtu : undefined,
    });
    this.hostSubnet = new ComputeSubnetwork(this, 'HostSubnet', {
      project: this.project,
      region: this.region,
      name: `${p}-host`,
      network: this.hostNetwork.id,
      ipCidrRange: spec.cidr,
      privateIpGoogleAccess: true,
      logConfig: spec.flowLogs ? { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' } : undefined,
    });
    new ComputeFirewall(this, 'AllowInternal', {
      project: this.project,
      name: `${p}-allow-internal`,
      network: this.hostNetwork.id,
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [spec.cidr],
      allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    new ComputeFirewall(this, 'DenyIngress', {
      project: this.project,
      name: `${p}-deny-ingress`,
      network: this.hostNetwork.id,
      direction: 'INGRESS',
      priority: 65534,
      sourceRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    if (spec.onPremisesCidrs.length > 0) {
      // hybrid: the site reaches the cluster over the VPN as the cluster reaches itself; everything else stays denied
      new ComputeFirewall(this, 'AllowOnPremises', {
        project: this.project,
        name: `${p}-allow-on-premises`,
        network: this.hostNetwork.id,
        direction: 'INGRESS',
        priority: 1000,
        sourceRanges: spec.onPremisesCidrs,
        allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
        logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      });
    }

    this.fabricNetworks = {};
    const fleet = spec.props.fleet;
    const mtu = fleet?.instanceType.network.gpuNicMtu || 8896;
    spec.gpuNetworks().forEach((name, i) => {
      const cid = name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
      const rdma = name === 'rdma';
      const network = new ComputeNetwork(this, `${cid}Network`, {
        project: this.project,
        name: `${p}-${name}`,
        autoCreateSubnetworks: false,
        mtu: rdma || name.startsWith('host') ? 8896 : mtu,
        // the zonal RoCE profile the catalog names (`vpc-roce`; bare metal `vpc-roce-metal`): cluster-toolkit gpu-rdma-vpc blueprints;
        // network_profile is an argument of google_compute_network in @cdktf/provider-google 16.12 (hashicorp/google 6.50.0)
        networkProfile: rdma ? `https://www.googleapis.com/compute/beta/projects/${this.project}/global/networkProfiles/${this.zone}-${layout?.rdmaNetworkProfile || 'vpc-roce'}` : undefined,
      });
      const subnets = this.gpuSubnetBlocks(name, i).map((block, j) => new ComputeSubnetwork(this, `${cid}Subnet${rdma ? j : ''}`, {
        project: this.project,
        region: this.region,
        name: `${p}-${name}${rdma ? `-${j}` : ''}`,
        network: network.id,
        ipCidrRange: spec.gpuNetworkSubnet(block),
        // the RDMA network profile supports neither Private Google Access nor flow logs; GPU subnets carry both like
        // the host subnet, sampled at 10% over 10 minutes without metadata (collective traffic is heavy and repetitive)
        privateIpGoogleAccess: rdma ? undefined : true,
        logConfig: !rdma && spec.flowLogs ? { aggregationInterval: 'INTERVAL_10_MIN', flowSampling: 0.1, metadata: 'EXCLUDE_ALL_METADATA' } : undefined,
      }));
      if (!rdma) {
        // RoCE VPCs take no firewall rules; GPU VPCs admit only their own range
        new ComputeFirewall(this, `${cid}AllowInternal`, {
          project: this.project,
          name: `${p}-${name}-allow-internal`,
          network: network.id,
          direction: 'INGRESS',
          priority: 1000,
          sourceRanges: [spec.gpuNetworkSubnet(i)],
          allow: [{ protocol: 'all' }],
        });
      }
      this.fabricNetworks[name] = { network, subnets };
    });

    if (spec.internetEgress) {
      const { ComputeRouter, ComputeRouterNat } = natModules();
      const router = new ComputeRouter(this, 'Router', { project: this.project, region: this.region, name: `${p}-router`, network: this.hostNetwork.id });
      this.nat = new ComputeRouterNat(this, 'Nat', {
        project: this.project,
        region: this.region,
        name: `${p}-nat`,
        router: router.name,
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
        logConfig: { enable: true, filter: 'ERRORS_ONLY' },
      });
    }
    recordResources(this, Cloud.GCP, 'ClusterNetwork', {
      hostNetwork: this.hostNetwork,
      hostSubnet: this.hostSubnet,
      nat: this.nat,
      fabricNetworks: Object.values(this.fabricNetworks).map((a) => a.network),
      fabricSubnets: Object.values(this.fabricNetworks).flatMap((a) => a.subnets),
      firewalls: this.node.children.filter((c): c is ComputeFirewall => c instanceof ComputeFirewall),
    });
  }

  /** The blocks of `gpuNetworkCidr` the subnets of GPU network `name` (at position `i`) take: RDMA one per NIC. */
  private gpuSubnetBlocks(name: string, i: number): number[] {
    if (name !== 'rdma') return [i];
    const count = this.spec.props.fleet!.nicPlan().filter((a) => a.network === 'rdma').length;
    return Array.from({ length: count }, (_, j) => i + j);
  }

  /**
   * The GPU networks' problems: `gpuNetworkCidr` set without a fleet that has GPU networks (it would be dropped), or
   * subnets sized for the fleet's maximum that do not all fit in it.
   */
  private gpuNetworkProblems(): ValidationProblem[] {
    const spec = this.spec;
    const names = spec.gpuNetworks();
    if (names.length === 0) {
      const p: ValidationProblem[] = [];
      if ((this.spec.props as ClusterNetworkProps).gpuNetworkCidr !== undefined) {
        p.push(Validation.problem('gpuNetworkCidr', (this.spec.props as ClusterNetworkProps).gpuNetworkCidr,
          'unset without a fleet whose type has GPU NICs (fleet: a GpuFleetSpec of an A3 or A4 type); no GPU network is created'));
      }
      if (this.spec.props.maxFleetNodes !== undefined) {
        // the host subnet is the whole network range: only GPU subnets are sized for a number of nodes
        p.push(Validation.problem('maxFleetNodes', this.spec.props.maxFleetNodes, `on ${GCP_CLOUD.displayName}: unset without a fleet whose type has GPU NICs ` +
          '(an A3 or A4 type): the host subnet spans the whole cidr, and only GPU subnets are sized for the fleet'));
      }
      return p;
    }
    const blocks = names.reduce((n, name, i) => Math.max(n, ...this.gpuSubnetBlocks(name, i).map((b) => b + 1)), 0);
    const range = parseCidr(spec.gpuNetworkCidr)!;
    const prefix = spec.gpuNetworkSubnetPrefix;
    if (blocks * 2 ** (32 - prefix) <= 2 ** (32 - range.prefix)) return [];
    const fleet = spec.props.fleet!;
    return [Validation.problem('gpuNetworkCidr', spec.gpuNetworkCidr,
      `a range of at least /${prefix - Math.ceil(Math.log2(blocks))}: ${fleet.instanceType.name} needs ${blocks} GPU subnets of /${prefix} ` +
      `(${spec.sizedForNodes} nodes, one address each, plus 4 reserved per subnet)`)];
  }
}
