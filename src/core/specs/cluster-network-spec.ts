import { GpuFleetSpec } from './gpu-fleet-spec';
import { SubnetPlan, SubnetPlanOptions } from './subnet-plan';
import { Cloud } from '../catalog/cloud';
import { allocateBlocks, booleans, cidrsOverlap, formatCidr, parseCidr, wholeInRange } from '../internal/checks';
import { Validation, ValidationProblem } from '../validation';

/** Properties of a high-bandwidth cluster network, cloud-neutral. */
export interface ClusterNetworkSpecProps {
  /**
   * Address range of the network (a /16 to /24 IPv4 CIDR).
   * @default '10.40.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Give private subnets outbound internet through NAT. Off keeps GPU nodes without any route to the
   * internet; they reach the provider's services through private endpoints.
   * @default false
   */
  readonly internetEgress?: boolean;
  /**
   * Record flow logs.
   * @default true
   */
  readonly flowLogs?: boolean;
  /**
   * The fleet the cluster subnet is sized for, and whose GPU networks are created.
   * @default - a cluster subnet of /24 and no GPU networks
   */
  readonly fleet?: GpuFleetSpec;
  /**
   * Nodes the cluster subnet (and Google Cloud's GPU networks) are sized for, when more than the fleet's `maxNodes`:
   * the most the fleet may grow to. A subnet's range cannot change in place, so a fleet that grows within this
   * later keeps every CIDR. Without a fleet, one address per node.
   * @default - the fleet's `maxNodes`
   */
  readonly maxFleetNodes?: number;
  /**
   * On-premises ranges (hybrid): must not overlap the network.
   * @default - none
   */
  readonly onPremisesCidrs?: string[];
}

/** Most nodes one fleet may declare (GpuFleetSpec's limit). */
const MAX_FLEET_NODES = 1000;
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Subnets smaller than this cannot be created on some clouds (AWS: /28). */
const SMALLEST_PREFIX = 28;

/**
 * `zones`, which only AWS's props declare (`aws.ClusterNetworkProps`: Google Cloud and Azure subnets are regional and
 * span every zone). The spec spreads the private subnets over it when the props carry it; the other clouds refuse it
 * by name (their capability tables).
 */
function zonesOf(props: ClusterNetworkSpecProps): number | undefined {
  return (props as { readonly zones?: number } | undefined)?.zones;
}

/**
 * `gpuNetworkCidr`, which only Google Cloud's props declare (`gcp.ClusterNetworkProps`: the GPU networks are Google
 * Cloud's). The spec sizes and checks the GPU networks from it when the props carry it; the other clouds refuse it by
 * name (their capability tables).
 */
function gpuNetworkCidrOf(props: ClusterNetworkSpecProps): string | undefined {
  return (props as { readonly gpuNetworkCidr?: string } | undefined)?.gpuNetworkCidr;
}

/**
 * A cluster network with its defaults resolved, and the rules every cloud shares.
 */
export class ClusterNetworkSpec {
  /** Given properties. */
  public readonly props: ClusterNetworkSpecProps;

  constructor(props: ClusterNetworkSpecProps = {}) {
    this.props = props ?? {};
  }

  /** Network CIDR. */
  public get cidr(): string { return this.props.cidr ?? '10.40.0.0/16'; }
  /** Zones for private subnets. */
  public get zones(): number { return zonesOf(this.props) ?? 2; }
  /** Whether private subnets have NAT egress. */
  public get internetEgress(): boolean { return this.props.internetEgress ?? false; }
  /** Whether flow logs are on. */
  public get flowLogs(): boolean { return this.props.flowLogs ?? true; }
  /** GPU network range. */
  public get gpuNetworkCidr(): string { return gpuNetworkCidrOf(this.props) ?? '192.168.0.0/16'; }
  /** On-premises ranges. */
  public get onPremisesCidrs(): string[] { return this.props.onPremisesCidrs ?? []; }

  /** Nodes the subnets are sized for: the larger of the fleet's `maxNodes` and `maxFleetNodes` (0 with neither). */
  public get sizedForNodes(): number {
    const f = this.props.fleet instanceof GpuFleetSpec ? this.props.fleet : undefined;
    const declared = Number(this.props.maxFleetNodes);
    return Math.max(Number(f?.maxNodes) || 0, Number.isInteger(declared) && declared > 0 ? declared : 0);
  }

  /**
   * IP addresses the cluster subnet must hold: the addresses of `sizedForNodes` nodes (the fleet's per node, else
   * one), twice (room for a rolling replacement), plus 5 reserved.
   */
  public get clusterAddressesNeeded(): number {
    const nodes = this.sizedForNodes;
    if (nodes === 0) return 0;
    const f = this.props.fleet instanceof GpuFleetSpec ? this.props.fleet : undefined;
    return nodes * (f?.instanceType ? f.ipsPerNode : 1) * 2 + 5;
  }

  /**
   * Prefix length of the single-zone cluster subnet: what the fleet needs, but never smaller than a /24 (or a
   * quarter of a smaller network). A subnet's CIDR cannot change in place: CloudFormation and Terraform replace
   * the subnet, and the new one collides with the old. The floor lets a fleet grow without that (the emulated
   * deploy's update from 4 to 6 nodes once moved a /28 to a /27).
   */
  public get clusterSubnetPrefix(): number {
    const net = parseCidr(this.cidr);
    const floor = Math.min(SMALLEST_PREFIX, Math.max(24, (net?.prefix ?? 16) + 2));
    const need = this.clusterAddressesNeeded;
    if (need === 0) return floor;
    const bits = Math.ceil(Math.log2(need));
    return Math.min(floor, 32 - bits);
  }

  /**
   * The single-zone cluster subnet: the last block of `clusterSubnetPrefix` in the network, so it never
   * collides with the general subnets allocated from the start of the range.
   */
  public get clusterSubnetCidr(): string {
    const net = parseCidr(this.cidr)!;
    const size = 2 ** (32 - this.clusterSubnetPrefix);
    return formatCidr(net.base + 2 ** (32 - net.prefix) - size, this.clusterSubnetPrefix);
  }

  /** Prefix length of each general private subnet: a sixteenth of the network. */
  public get privateSubnetPrefix(): number {
    return parseCidr(this.cidr)!.prefix + 4;
  }

  /**
   * The network's subnets, allocated here for every cloud: public subnets (when asked), private subnets, an
   * optional gateway subnet, sequentially from the start of the range, each aligned to its size; the cluster
   * subnet is the last block. A cloud renders the subnets it has; none does its own arithmetic.
   *
   * @throws when the subnets asked for do not fit below the cluster subnet (the error names the network)
   */
  public subnetPlan(options: SubnetPlanOptions = {}): SubnetPlan {
    const zones = options.privateSubnets ?? this.zones;
    const pub = options.publicSubnets ? Array(this.zones).fill(Math.min(SMALLEST_PREFIX, this.privateSubnetPrefix + 2)) : [];
    const prefixes = [...pub, ...Array(zones).fill(this.privateSubnetPrefix), ...(options.gatewaySubnet ? [27] : [])];
    const clusterStart = parseCidr(this.clusterSubnetCidr)!.base;
    const blocks = allocateBlocks(this.cidr, prefixes, clusterStart);
    if (!blocks) {
      throw new Error(`[ai-infra] ClusterNetwork: cidr = ${this.cidr}: allowed: a range that holds ${pub.length} public, ${zones} private` +
        `${options.gatewaySubnet ? ' and a gateway' : ''} subnet(s) below the cluster subnet ${this.clusterSubnetCidr}`);
    }
    return {
      publicSubnets: blocks.slice(0, pub.length),
      privateSubnets: blocks.slice(pub.length, pub.length + zones),
      clusterSubnet: this.clusterSubnetCidr,
      gatewaySubnet: options.gatewaySubnet ? blocks[blocks.length - 1] : undefined,
    };
  }

  /** The GPU networks the fleet needs beyond the host network (Google Cloud): `gpu-0`..`gpu-n`, `host-1`, `rdma`. */
  public gpuNetworks(): string[] {
    const f = this.props.fleet;
    if (!f || f.instanceType.cloud !== Cloud.GCP) return [];
    return [...new Set(f.nicPlan().map((a) => a.network).filter((n) => n !== 'host'))];
  }

  /**
   * Prefix length of each GPU network subnet: one address per node of the fleet's maximum (every GPU NIC takes
   * one; the group never surges) plus the 4 Google Cloud reserves in a primary range, never smaller than a /24, so
   * the ranges of fleets up to 252 nodes keep their CIDRs (a subnet's range cannot change in place).
   */
  public get gpuNetworkSubnetPrefix(): number {
    const nodes = this.sizedForNodes;
    return Math.min(24, 32 - Math.ceil(Math.log2(nodes + 4)));
  }

  /**
   * The block carved for GPU subnet `i` from `gpuNetworkCidr`, of `gpuNetworkSubnetPrefix` (a /24 up to 252 nodes).
   * Whether the blocks fit in the range is the renderer's to check (only Google Cloud has GPU networks).
   */
  public gpuNetworkSubnet(i: number): string {
    const r = parseCidr(this.gpuNetworkCidr)!;
    const prefix = this.gpuNetworkSubnetPrefix;
    return formatCidr(r.base + i * 2 ** (32 - prefix), prefix);
  }

  /**
   * Problems with one more subnet a stack adds to this network beside the planned ones (an AWS Local Zone subnet):
   * an IPv4 CIDR with no host bits set, from /16 to /28, inside `cidr`, overlapping none of `plan`'s subnets (the
   * cloud refuses a subnet outside its network or overlapping another when the stack deploys).
   *
   * @param property the property the problems name
   * @param value the subnet's CIDR
   * @param plan the network's subnets (`subnetPlan` with the options the network renders)
   */
  public extraSubnetProblems(property: string, value: unknown, plan: SubnetPlan): ValidationProblem[] {
    const r = parseCidr(value);
    if (!r || r.prefix < 16 || r.prefix > SMALLEST_PREFIX) {
      return [Validation.problem(property, value, `an IPv4 CIDR from /16 to /${SMALLEST_PREFIX} with no host bits set, inside cidr ${this.cidr}`)];
    }
    const net = parseCidr(this.cidr);
    if (net && (r.prefix < net.prefix || !cidrsOverlap(net, r))) {
      return [Validation.problem(property, value, `a range inside the network's cidr ${this.cidr}`)];
    }
    const taken = [...plan.publicSubnets, ...plan.privateSubnets, plan.clusterSubnet, ...(plan.gatewaySubnet ? [plan.gatewaySubnet] : [])];
    const hit = taken.find((c) => cidrsOverlap(parseCidr(c)!, r));
    if (hit) {
      return [Validation.problem(property, value, `a range inside ${this.cidr} that overlaps none of the network's subnets (${taken.join(', ')}; ${hit} overlaps)`)];
    }
    return [];
  }

  /** Every problem with the properties (empty when valid). */
  public validate(cloud?: Cloud): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const props = this.props;
    booleans(p, props, ['internetEgress', 'flowLogs']);
    const net = parseCidr(this.cidr);
    if (!net || net.prefix < 16 || net.prefix > 24) {
      p.push(Validation.problem('cidr', props.cidr, 'an IPv4 CIDR from /16 to /24 with no host bits set, e.g. 10.40.0.0/16'));
    }
    const zones = zonesOf(props);
    if (zones !== undefined) wholeInRange(p, 'zones', zones, 1, 6);
    const f = props.fleet;
    if (f !== undefined && !(f instanceof GpuFleetSpec)) {
      p.push(Validation.problem('fleet', f, 'a GpuFleetSpec'));
    } else if (f && cloud !== undefined && f.instanceType?.cloud !== cloud) {
      p.push(Validation.problem('fleet.instanceType', f.instanceType?.name, `a ${cloud} type`));
    } else if (f && f.instanceType && sizingProblems(f, cloud).length > 0) {
      // a node count that is itself invalid (Infinity, NaN, a token) is reported as the fleet's, not as a CIDR too small for it;
      // the fleet's other problems are its own construct's to report
      p.push(...sizingProblems(f, cloud).map((x) => ({ ...x, property: `fleet.${x.property}` })));
    }
    const fleetOk = f === undefined || (f instanceof GpuFleetSpec && (cloud === undefined || f.instanceType?.cloud === cloud) && f.instanceType !== undefined
      && sizingProblems(f, cloud).length === 0);
    if (props.maxFleetNodes !== undefined) {
      wholeInRange(p, 'maxFleetNodes', props.maxFleetNodes, 1, MAX_FLEET_NODES);
      if (f instanceof GpuFleetSpec && isWhole(props.maxFleetNodes) && props.maxFleetNodes < f.maxNodes) {
        p.push(Validation.problem('maxFleetNodes', props.maxFleetNodes, `unset, or at least the fleet's maxNodes (${f.maxNodes})`));
      }
    }
    if (fleetOk && net && (props.maxFleetNodes === undefined || isWhole(props.maxFleetNodes))) {
      const need = this.clusterAddressesNeeded;
      if (need > 2 ** (32 - net.prefix) / 2) {
        p.push(Validation.problem('cidr', this.cidr,
          `a range of at least /${32 - Math.ceil(Math.log2(need * 2))}: the cluster subnet needs ${need} addresses ` +
          `(${this.sizedForNodes} nodes x ${f ? f.ipsPerNode : 1} addresses x 2 for rolling replacement + 5 reserved) and must be at most half the network`));
      }
    }
    const gpu = parseCidr(this.gpuNetworkCidr);
    if (!gpu || gpu.prefix > 20) {
      p.push(Validation.problem('gpuNetworkCidr', gpuNetworkCidrOf(props), 'an IPv4 CIDR of /20 or larger (16 GPU networks of /24)'));
    } else if (net && cidrsOverlap(net, gpu) && this.gpuNetworks().length > 0) {
      p.push(Validation.problem('gpuNetworkCidr', this.gpuNetworkCidr, `a range that does not overlap cidr ${this.cidr}`));
    }
    if (props.onPremisesCidrs !== undefined) {
      if (!Array.isArray(props.onPremisesCidrs)) {
        p.push(Validation.problem('onPremisesCidrs', props.onPremisesCidrs, 'a list of IPv4 CIDRs'));
      } else {
        props.onPremisesCidrs.forEach((c, i) => {
          const r = parseCidr(c);
          if (!r || r.prefix < 8) {
            p.push(Validation.problem(`onPremisesCidrs[${i}]`, c, 'an IPv4 CIDR of /8 or smaller with no host bits set'));
          } else if (net && cidrsOverlap(net, r)) {
            p.push(Validation.problem(`onPremisesCidrs[${i}]`, c, `a range that does not overlap cidr ${this.cidr}`));
          }
        });
      }
    }
    return p;
  }

  /** Validates and throws an Error naming the construct and every problem. */
  public assertValid(path: string, cloud?: Cloud): void {
    Validation.throwIfAny('ClusterNetwork', path, this.validate(cloud));
  }
}

/** The fleet's problems with the node counts the cluster subnet is sized from. */
function sizingProblems(f: GpuFleetSpec, cloud?: Cloud) {
  return f.validate(cloud).filter((x) => ['nodes', 'minNodes', 'maxNodes'].includes(x.property));
}
