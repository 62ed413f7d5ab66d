import { Cloud } from './catalog/cloud';
import { InstanceType } from './catalog/instance-type';
import { ServingType } from './catalog/serving-type';
import { StorageTierClass } from './catalog/storage-class';
import { isEmail, requireProps } from './internal/checks';
import { DataResidency } from './requirements';
import { ClusterNetworkSpec, ClusterNetworkSpecProps } from './specs/cluster-network-spec';
import { GpuFleetSpec, GpuFleetSpecProps } from './specs/gpu-fleet-spec';
import { ModelEndpointSpecProps } from './specs/model-endpoint-spec';
import { PurchaseOption } from './specs/purchase';
import { HighThroughputTier, StorageEncryption, TieredStorageSpecProps } from './specs/tiered-storage-spec';
import { Selection, StrategyKind } from './strategy';
import { Validation, ValidationProblem } from './validation';

/** The on-premises side of a hybrid platform. */
export interface OnPremisesSite {
  /** Address ranges of the site (routed over the VPN). */
  readonly cidrs: string[];
  /** Public IPv4 address of the site's VPN device. */
  readonly peerAddress: string;
  /**
   * BGP ASN of the site (64512-65534 private range, or a public ASN).
   * @default 65010
   */
  readonly bgpAsn?: number;
  /**
   * IPv4 address of the BGP speaker on the site's VPN device, when the cloud takes one. Azure: the local network
   * gateway's `bgp_peering_address`; an APIPA address (169.254.0.1-169.254.255.254) makes Azure's VPN gateway peer
   * from its custom APIPA address (169.254.21.1, or 169.254.21.2 when the site takes 169.254.21.1), and the site
   * device must open the session. AWS and Google Cloud refuse it: they assign the BGP addresses of each of their
   * two tunnels (AWS: an inside /30 per tunnel; Google Cloud: 169.254.0.2 and 169.254.1.2).
   * @default - Azure: 169.254.21.2 (the gateway peers from 169.254.21.1); AWS and Google Cloud: per tunnel, as above
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly bgpPeerAddress?: string;
  /**
   * Google Cloud: id of the Secret Manager secret holding the tunnels' pre-shared key (create it first;
   * the key never appears in code). AWS generates its keys; Azure generates one when none is given.
   * @default - `<project>-vpn-psk`
   */
  readonly sharedSecretName?: string;
}

/** Options of a platform, beyond what the selection decides. */
export interface PlatformOptions {
  /** Project name, for cost-allocation tags and resource names. */
  readonly project: string;
  /** Workload name, for cost-allocation tags. */
  readonly workload: string;
  /**
   * The on-premises site: required for hybrid.
   * @default - none
   */
  readonly onPremises?: OnPremisesSite;
  /**
   * Training instance type (must belong to the platform's cloud).
   * @default - per cloud and strategy: p5.48xlarge / a3-megagpu-8g / Standard_ND96isr_H100_v5; for edge-centric
   *   g6e.xlarge / g2-standard-4 / Standard_NC24ads_A100_v4
   */
  readonly trainingInstanceType?: InstanceType;
  /**
   * Google Cloud edge-centric: the Distributed Cloud Edge node location (a zone of the site's racks, such as
   * `us-central1-edge-<site>`), which only exists once Google has installed the hardware.
   * @default - required for an edge-centric Google Cloud platform
   */
  readonly edgeNodeLocation?: string;
  /**
   * Email address alarms are sent to (SNS subscription, Cloud Monitoring channel, action group receiver).
   * @default - the notification target is created without a subscriber
   */
  readonly alertEmail?: string;
  /**
   * Network range of the platform.
   * @default '10.40.0.0/16'
   */
  readonly cidr?: string;
  /**
   * The most training GPUs the platform may grow to (cloud-first and hybrid): the cluster network's `maxFleetNodes`,
   * the nodes the cluster subnet and the GPU networks are sized for once, at creation. A subnet's range cannot change in
   * place, so raising `trainingGpus` up to this maximum later changes no CIDR; past it, the subnet is replaced.
   * @default - the requirements' `trainingGpus` (no headroom)
   */
  readonly maxTrainingGpus?: number;
  /**
   * The serving endpoint's model, once it exists (the endpoint's `modelArtifact`: an `s3://` URI or a key in the
   * platform's bucket on AWS, a `gs://` URI on Google Cloud, a registered model id on Azure). The first deploy
   * leaves it unset: the endpoint is pending (no model, nothing billed) and the stack deploys from empty; upload the
   * artifact, set this, and deploy again.
   * @default - the endpoint is pending: no model is deployed
   */
  readonly modelArtifact?: string;
}

/** Cost-allocation tags every platform stack carries. */
export interface CostTags {
  readonly project: string;
  readonly strategy: string;
  readonly workload: string;
}

const TRAINING: Record<Cloud, { full: InstanceType; edge: InstanceType }> = {
  [Cloud.AWS]: { full: InstanceType.P5_48XLARGE, edge: InstanceType.G6E_XLARGE },
  [Cloud.GCP]: { full: InstanceType.A3_MEGAGPU_8G, edge: InstanceType.G2_STANDARD_4 },
  [Cloud.AZURE]: { full: InstanceType.STANDARD_ND96ISR_H100_V5, edge: InstanceType.STANDARD_NC24ADS_A100_V4 },
};
/** Most nodes one fleet may declare (GpuFleetSpec's limit). */
const MAX_FLEET_NODES = 1000;
/**
 * BGP ASN of the cloud side of the site-to-site VPN each platform stack creates: the AWS virtual private gateway's
 * `amazonSideAsn`, the Google Cloud router's `bgp.asn`, Azure's VPN gateway (Azure fixes 65515).
 */
const CLOUD_SIDE_ASN: Record<Cloud, number> = { [Cloud.AWS]: 64512, [Cloud.GCP]: 64514, [Cloud.AZURE]: 65515 };
/**
 * ASNs a site cannot use: IANA's reserved ones (0, AS_TRANS 23456, the documentation ranges 64496-64511 and
 * 65536-65551, 65535, 4294967295), and per cloud those its gateways reserve (Azure VPN gateway: 8074, 8075, 12076,
 * 65515, 65517-65520, "BGP with Azure VPN Gateway", learn.microsoft.com).
 */
const RESERVED_ASN: Array<[number, number]> = [[0, 0], [23456, 23456], [64496, 64511], [65535, 65551], [4294967295, 4294967295]];
const CLOUD_RESERVED_ASN: Record<Cloud, Array<[number, number]>> = {
  [Cloud.AWS]: [],
  [Cloud.GCP]: [],
  [Cloud.AZURE]: [[8074, 8075], [12076, 12076], [65515, 65515], [65517, 65520]],
};
/** AWS::EC2::CustomerGateway BgpAsn takes 1 to 2,147,483,647 (larger 4-byte ASNs need BgpAsnExtended, which ec2.VpnConnection does not set). */
const MAX_ASN: Record<Cloud, number> = { [Cloud.AWS]: 2147483647, [Cloud.GCP]: 4294967294, [Cloud.AZURE]: 4294967294 };
/**
 * IPv4 ranges that are not a public address a cloud's VPN can reach (RFC 6890): this network, private, shared
 * (carrier-grade NAT), loopback, link local, IETF protocol assignments, benchmarking, multicast and reserved.
 */
const NON_PUBLIC_IPV4: Array<[string, number, number]> = [
  ['0.0.0.0/8', 0x00000000, 8], ['10.0.0.0/8', 0x0a000000, 8], ['100.64.0.0/10', 0x64400000, 10], ['127.0.0.0/8', 0x7f000000, 8],
  ['169.254.0.0/16', 0xa9fe0000, 16], ['172.16.0.0/12', 0xac100000, 12], ['192.0.0.0/24', 0xc0000000, 24], ['192.168.0.0/16', 0xc0a80000, 16],
  ['198.18.0.0/15', 0xc6120000, 15], ['224.0.0.0/4', 0xe0000000, 4], ['240.0.0.0/4', 0xf0000000, 4],
];
/**
 * Clouds that refuse the site's own BGP address (`onPremises.bgpPeerAddress`), with what they do instead: AWS assigns
 * each of its two tunnels an inside /30 (the site's address is the second of it; `ec2.VpnConnection` takes one per
 * tunnel, not one per site), Google Cloud's platform peers with the site at 169.254.0.2 and 169.254.1.2, one per tunnel.
 */
const SITE_BGP_ADDRESS_REFUSED: Partial<Record<Cloud, string>> = {
  [Cloud.AWS]: 'unset on aws: AWS assigns the BGP addresses of each of the two tunnels (an inside /30 per tunnel; see the VPN connection\'s device configuration)',
  [Cloud.GCP]: 'unset on gcp: the two tunnels peer with the site at 169.254.0.2 and 169.254.1.2, one address per tunnel',
};
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** A concrete region name (an unresolved token, such as an environment-agnostic AWS stack's, is not one). */
const REGION_NAME = /^[a-z][a-z0-9-]{2,30}[a-z0-9]$/;
const GIB = 1024 ** 3;
/**
 * Training state per parameter with mixed precision and Adam: bf16 weights (2) and gradients (2), fp32 master
 * weights (4) and Adam's two moments (4 + 4), sharded across the fleet's accelerators (ZeRO-3 / FSDP).
 */
const TRAINING_BYTES_PER_PARAM = 16;
/** Serving: bf16 weights. */
const SERVING_BYTES_PER_PARAM = 2;
/** Serving: room for activations and the KV cache on top of the weights. */
const SERVING_OVERHEAD = 1.2;
/** A full checkpoint: fp32 master weights (4), Adam's two moments (4 + 4) and bf16 weights (2). */
const CHECKPOINT_BYTES_PER_PARAM = 14;

function gib(billionParams: number, bytesPerParam: number): number {
  return (billionParams * 1e9 * bytesPerParam) / GIB;
}
function figure(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}

/**
 * What a platform is made of, decided once for every cloud: the strategy's rules turned into the props
 * of the four neutral specs. The platform stacks of each cloud only translate a plan.
 *
 * - cloud-first: elastic training fleet (spot when the type has it, scale to zero off hours), tiered data
 *   lake with a high-throughput tier where the cloud has one, autoscaled private endpoint.
 * - hybrid: no internet egress, the site's ranges routed over a VPN, customer-managed keys, on-demand
 *   training (a steady, reserved-style fleet), private-only endpoint.
 * - edge-centric: a small training fleet that scales to zero, model artifact storage, a private endpoint
 *   in the cloud for fallback; devices get models through the cloud's edge service.
 */
export class PlatformPlan {
  /**
   * Plans a platform for one cloud.
   *
   * @param scopePath the construct path of the platform stack, named in errors (default: `<cloud>/<strategy>`)
   * @param region the platform's region (AWS `Stack.region`, Google Cloud `region`, Azure `location`), checked
   *   against the requirements' `allowedRegions`; where regions are restricted, a plan without a concrete region
   *   (none given, or an unresolved token such as an environment-agnostic AWS stack's) is refused
   * @throws an Error naming every problem (a hybrid plan without its site, a type of another cloud, a cloud or
   *   region the requirements do not allow, a model that does not fit)
   */
  public static of(cloud: Cloud, selection: Selection, options: PlatformOptions, scopePath?: string, region?: string): PlatformPlan {
    // the shapes the plan reads, before it reads them: a missing selection or props is the library's error, not a TypeError
    requireProps('PlatformPlan', scopePath ?? cloud, options);
    requireProps('PlatformPlan', scopePath ?? cloud, { selection }, {
      selection: [(v) => {
        const s = v as Selection | null;
        return typeof s === 'object' && s !== null && Object.values(StrategyKind).includes(s.strategy) && typeof s.requirements === 'object' && s.requirements !== null;
      }, 'the Selection from StrategySelector.select(requirements)'],
    });
    const plan = new PlatformPlan(cloud, selection, options, region);
    Validation.throwIfAny('PlatformPlan', scopePath ?? `${cloud}/${selection.strategy}`, plan.validate());
    return plan;
  }

  /** The cloud. */
  public readonly cloud: Cloud;
  /** The strategy. */
  public readonly strategy: StrategyKind;
  /** The selection this plan comes from. */
  public readonly selection: Selection;
  /** The options. */
  public readonly options: PlatformOptions;
  /**
   * The platform's region, as given to `PlatformPlan.of`.
   * @default - not given
   */
  public readonly region?: string;

  private constructor(cloud: Cloud, selection: Selection, options: PlatformOptions, region?: string) {
    this.cloud = cloud;
    this.selection = selection;
    this.strategy = selection.strategy;
    this.options = options;
    this.region = region;
  }

  /** Cost-allocation tags (labels on Google Cloud). */
  public get tags(): CostTags {
    return { project: this.options.project, strategy: this.strategy, workload: this.options.workload };
  }

  /** The training instance type. */
  public get trainingInstanceType(): InstanceType {
    return this.options.trainingInstanceType ?? (this.strategy === StrategyKind.EDGE_CENTRIC ? TRAINING[this.cloud].edge : TRAINING[this.cloud].full);
  }

  /** Nodes the requirements' training scale needs (at least one) of the training instance type. */
  public get trainingNodes(): number {
    return Math.max(1, Math.ceil(this.selection.requirements.trainingGpus / this.trainingInstanceType.acceleratorCount));
  }

  /**
   * The training fleet's declared maximum: `maxTrainingGpus` in nodes of the training type (at least the nodes).
   * @default - the training nodes (no `maxTrainingGpus`), 1 for edge-centric
   */
  public get maxTrainingNodes(): number {
    if (this.edge) return 1;
    const max = this.options.maxTrainingGpus;
    return Math.max(this.trainingNodes, max === undefined ? 0 : Math.ceil(max / this.trainingInstanceType.acceleratorCount));
  }

  /** BGP ASN of the cloud side of the site-to-site VPN (AWS 64512, Google Cloud 64514, Azure 65515). */
  public get cloudSideBgpAsn(): number {
    return CLOUD_SIDE_ASN[this.cloud];
  }

  /** Props of the training fleet. */
  public get fleet(): GpuFleetSpecProps {
    const type = this.trainingInstanceType;
    // never reduced to a cap: a fleet larger than its fabric domain is refused by validate() with the reason
    const nodes = this.strategy === StrategyKind.EDGE_CENTRIC ? 1 : this.trainingNodes;
    const elastic = this.strategy !== StrategyKind.HYBRID;
    return {
      instanceType: type,
      nodes,
      purchase: this.strategy === StrategyKind.CLOUD_FIRST && type.spec.spotSupported ? PurchaseOption.spot() : PurchaseOption.onDemand(),
      scaleToZero: elastic ? { scaleUpCron: '0 7 * * 1-5', scaleDownCron: '0 20 * * 1-5', timeZone: 'UTC' } : undefined,
    };
  }

  /** Props of the cluster network. */
  public get network(): ClusterNetworkSpecProps {
    const fleet = new GpuFleetSpec(this.fleet);
    // the subnets are sized for the declared maximum once, so growing trainingGpus within it keeps every CIDR; on
    // Google Cloud the host subnet is the whole range and only GPU subnets (A3, A4) are sized for nodes
    const sized = this.options.maxTrainingGpus !== undefined && !this.edge &&
      (this.cloud !== Cloud.GCP || new ClusterNetworkSpec({ fleet }).gpuNetworks().length > 0);
    return {
      cidr: this.options.cidr ?? '10.40.0.0/16',
      internetEgress: false,
      flowLogs: true,
      fleet,
      ...(sized ? { maxFleetNodes: this.maxTrainingNodes } : {}),
      onPremisesCidrs: this.strategy === StrategyKind.HYBRID ? this.options.onPremises?.cidrs : undefined,
    };
  }

  /** Props of the tiered storage. */
  public get storage(): TieredStorageSpecProps {
    const edge = this.strategy === StrategyKind.EDGE_CENTRIC;
    return {
      expectedDataTiB: this.selection.requirements.expectedDataTiB,
      encryption: this.strategy === StrategyKind.HYBRID ? StorageEncryption.CUSTOMER_MANAGED : StorageEncryption.PROVIDER_MANAGED,
      highThroughput: this.strategy === StrategyKind.CLOUD_FIRST && this.cloud === Cloud.AWS ? HighThroughputTier.LUSTRE : HighThroughputTier.NONE,
      tiers: edge ? [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }] : undefined,
    };
  }

  /** Props of the endpoint. */
  public get endpoint(): ModelEndpointSpecProps {
    const serving = this.servingInstanceType;
    return {
      ...(serving ? { instanceType: serving.name } : {}),
      privateOnly: true,
      minInstances: 1,
      maxInstances: this.strategy === StrategyKind.CLOUD_FIRST ? 8 : 4,
      latencyAlarmMs: Math.max(1, Math.round(this.selection.requirements.latencyBudgetMs)),
    };
  }

  /**
   * The endpoint's serving type, sized from `modelSizeBillionParams`: the smallest serving type of the cloud whose
   * accelerators hold the bf16 weights (2 bytes per parameter) plus 20% for activations and the KV cache.
   * @default - undefined without a model size (the endpoint's default type), or when no serving type fits (the plan fails)
   */
  public get servingInstanceType(): ServingType | undefined {
    const b = this.selection.requirements.modelSizeBillionParams;
    return b === undefined ? undefined : ServingType.smallestFitting(this.cloud, this.servingMemoryGiB!);
  }

  /**
   * Accelerator memory one serving replica needs, GiB: bf16 weights plus 20% for activations and the KV cache.
   * @default - undefined without `modelSizeBillionParams`
   */
  public get servingMemoryGiB(): number | undefined {
    const b = this.selection.requirements.modelSizeBillionParams;
    return b === undefined ? undefined : gib(b, SERVING_BYTES_PER_PARAM) * SERVING_OVERHEAD;
  }

  /**
   * Accelerator memory training needs across the fleet, GiB: weights, gradients and Adam state, 16 bytes per
   * parameter, sharded across the accelerators.
   * @default - undefined without `modelSizeBillionParams`
   */
  public get trainingMemoryGiB(): number | undefined {
    const b = this.selection.requirements.modelSizeBillionParams;
    return b === undefined ? undefined : gib(b, TRAINING_BYTES_PER_PARAM);
  }

  /**
   * Size of one full training checkpoint, GiB (rounded up): fp32 master weights, Adam's two moments and bf16
   * weights, about 14 bytes per parameter. What a training data tier is sized to write.
   * @default - undefined without `modelSizeBillionParams`
   */
  public get checkpointSizeGiB(): number | undefined {
    const b = this.selection.requirements.modelSizeBillionParams;
    return b === undefined ? undefined : Math.ceil(gib(b, CHECKPOINT_BYTES_PER_PARAM));
  }

  /** Whether the platform connects an on-premises site. */
  public get hybrid(): boolean { return this.strategy === StrategyKind.HYBRID; }
  /** Whether the platform ships models to edge devices. */
  public get edge(): boolean { return this.strategy === StrategyKind.EDGE_CENTRIC; }

  /** Every problem with the plan (empty when valid). */
  public validate(): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const o = this.options ?? ({} as PlatformOptions);
    if (!this.edge && (o.trainingInstanceType === undefined || o.trainingInstanceType.cloud === this.cloud)) {
      const type = this.trainingInstanceType;
      const limit = type.spec.maxNodesPerFabricDomain ?? MAX_FLEET_NODES;
      if (this.trainingNodes > limit) {
        const gpus = this.selection.requirements.trainingGpus;
        p.push(Validation.problem('selection.requirements.trainingGpus', gpus,
          `at most ${limit * type.acceleratorCount} on ${this.cloud} with ${type.name} (${gpus} GPUs need ${this.trainingNodes} nodes; ` +
          (type.spec.maxNodesPerFabricDomain !== undefined
            ? `${type.name} shares its fabric only inside one placement group of at most ${limit} VMs: split the training into several platforms or fleets`
            : `a fleet holds at most ${limit} nodes`) + '); the library never reduces a fleet to a cap'));
      } else if (o.maxTrainingGpus !== undefined && Number.isInteger(o.maxTrainingGpus) && this.maxTrainingNodes > limit) {
        p.push(Validation.problem('maxTrainingGpus', o.maxTrainingGpus,
          `at most ${limit * type.acceleratorCount} on ${this.cloud} with ${type.name} (a fleet of ${type.name} holds at most ${limit} nodes)`));
      }
    }
    if (o.maxTrainingGpus !== undefined) {
      const gpus = this.selection.requirements.trainingGpus;
      if (this.edge) {
        p.push(Validation.problem('maxTrainingGpus', o.maxTrainingGpus, 'unset for an edge-centric platform (its training fleet is one node)'));
      } else if (!Number.isInteger(o.maxTrainingGpus) || o.maxTrainingGpus < gpus) {
        p.push(Validation.problem('maxTrainingGpus', o.maxTrainingGpus, `a whole number of at least requirements.trainingGpus (${gpus})`));
      }
    }
    if (typeof o.project !== 'string' || !/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/.test(o.project)) {
      p.push(Validation.problem('project', o.project, 'lower case letters, digits and dashes, 3-30 characters, starting with a letter'));
    }
    if (typeof o.workload !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(o.workload)) {
      p.push(Validation.problem('workload', o.workload, 'lower case letters, digits and dashes, starting with a letter'));
    }
    if (o.alertEmail !== undefined && !isEmail(o.alertEmail)) p.push(Validation.problem('alertEmail', o.alertEmail, 'an email address'));
    if (o.trainingInstanceType !== undefined && o.trainingInstanceType.cloud !== this.cloud) {
      p.push(Validation.problem('trainingInstanceType', o.trainingInstanceType.name, `a ${this.cloud} type`));
    }
    if (this.hybrid) {
      const site = o.onPremises;
      if (!site) {
        p.push(Validation.problem('onPremises', undefined, 'the on-premises site ({ cidrs, peerAddress }) for a hybrid platform'));
      } else {
        p.push(...peerAddressProblems(site.peerAddress));
        if (!Array.isArray(site.cidrs) || site.cidrs.length === 0) p.push(Validation.problem('onPremises.cidrs', site.cidrs, 'at least one IPv4 CIDR'));
        if (site.bgpAsn !== undefined) p.push(...this.asnProblems(site.bgpAsn));
        if (site.bgpPeerAddress !== undefined) {
          const m = IPV4.exec(String(site.bgpPeerAddress));
          const refused = SITE_BGP_ADDRESS_REFUSED[this.cloud];
          if (refused) {p.push(Validation.problem('onPremises.bgpPeerAddress', site.bgpPeerAddress, refused));} else if (typeof site.bgpPeerAddress !== 'string' || !m || m.slice(1).some((x) => Number(x) > 255)) {
            p.push(Validation.problem('onPremises.bgpPeerAddress', site.bgpPeerAddress, 'an IPv4 address (the BGP speaker of the site\'s VPN device)'));
          }
        }
      }
    } else if (o.onPremises !== undefined) {
      p.push(Validation.problem('onPremises', 'set', `unset for a ${this.strategy} platform (only hybrid connects a site)`));
    }
    if (this.edge && this.cloud === Cloud.GCP && !/^[a-z]+-[a-z]+\d+-edge-[a-z0-9-]+$/.test(String(o.edgeNodeLocation))) {
      p.push(Validation.problem('edgeNodeLocation', o.edgeNodeLocation, 'the Distributed Cloud Edge zone of the site, e.g. us-central1-edge-den25349'));
    }
    p.push(...this.placeProblems());
    if (o.trainingInstanceType === undefined || (o.trainingInstanceType instanceof InstanceType && o.trainingInstanceType.cloud === this.cloud)) {
      p.push(...this.modelProblems());
    }
    return p;
  }

  /**
   * The site's ASN: a whole number the cloud's customer gateway takes, not IANA-reserved, not one the cloud's gateway
   * reserves, and not the cloud side's own (eBGP needs two ASNs: with the same one the session never comes up).
   */
  private asnProblems(asn: number): ValidationProblem[] {
    const max = MAX_ASN[this.cloud];
    const ownAsn = this.cloudSideBgpAsn;
    if (!Number.isInteger(asn) || asn < 1 || asn > max) {
      return [Validation.problem('onPremises.bgpAsn', asn, `a whole number from 1 to ${max} on ${this.cloud}`)];
    }
    if (asn === ownAsn) {
      return [Validation.problem('onPremises.bgpAsn', asn, `an ASN other than the ${this.cloud} side's own, ${ownAsn} (eBGP peers need different ASNs)`)];
    }
    const reserved = [...RESERVED_ASN, ...CLOUD_RESERVED_ASN[this.cloud]].find(([a, b]) => asn >= a && asn <= b);
    if (reserved) {
      const range = reserved[0] === reserved[1] ? `${reserved[0]}` : `${reserved[0]}-${reserved[1]}`;
      return [Validation.problem('onPremises.bgpAsn', asn, `an ASN outside the reserved ${range} (IANA or ${this.cloud} reserved)`)];
    }
    return [];
  }

  /** The requirements bind: the cloud must be allowed, and the region too where regions are restricted. */
  private placeProblems(): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const req = this.selection.requirements;
    if (!req.allowedClouds.includes(this.cloud)) {
      p.push(Validation.problem('cloud', this.cloud, `one of requirements.allowedClouds: ${req.allowedClouds.join(', ')}`));
    }
    if (req.allowedRegions.length > 0) {
      const allowed = req.allowedRegions.join(', ');
      const why = req.dataResidency === DataResidency.IN_REGION ? 'data residency is in-region: ' : '';
      const region = this.region;
      if (typeof region !== 'string' || !REGION_NAME.test(normalRegion(region))) {
        p.push(Validation.problem('region', region,
          `${why}a concrete region of requirements.allowedRegions (${allowed}): set the stack's region (AWS: env.region; an ` +
          'environment-agnostic stack cannot be checked)'));
      } else if (!req.allowedRegions.some((r) => normalRegion(r) === normalRegion(region))) {
        p.push(Validation.problem('region', region, `${why}one of requirements.allowedRegions: ${allowed}`));
      }
    }
    return p;
  }

  /** A model size binds: the fleet holds its training state, one serving instance holds its weights. */
  private modelProblems(): ValidationProblem[] {
    const b = this.selection.requirements.modelSizeBillionParams;
    if (b === undefined) return [];
    const p: ValidationProblem[] = [];
    const type = this.trainingInstanceType;
    const nodes = this.fleet.nodes ?? 1;
    const have = nodes * type.acceleratorCount * type.accelerator.memoryGiB;
    const need = this.trainingMemoryGiB!;
    if (need > have) {
      p.push(Validation.problem('modelSizeBillionParams', b,
        `a model whose training state fits the fleet: ${b}B parameters x ${TRAINING_BYTES_PER_PARAM} bytes (weights, gradients, ` +
        `Adam state) = ${figure(need)} GiB, but ${nodes} x ${type.name} (${type.acceleratorCount} x ${type.accelerator.model}, ` +
        `${type.accelerator.memoryGiB} GiB each) hold ${figure(have)} GiB: raise trainingGpus or choose a larger trainingInstanceType`));
    }
    if (this.servingInstanceType === undefined) {
      const largest = ServingType.all(this.cloud).slice(-1)[0];
      p.push(Validation.problem('modelSizeBillionParams', b,
        `a model that fits one ${this.cloud} serving instance: ${b}B parameters x ${SERVING_BYTES_PER_PARAM} bytes (bf16) + ` +
        `${Math.round((SERVING_OVERHEAD - 1) * 100)}% for activations and KV cache = ${figure(this.servingMemoryGiB!)} GiB, but the largest, ` +
        `${largest.name} (${largest.acceleratorCount} x ${largest.accelerator.model}), holds ${figure(largest.totalMemoryGiB)} GiB`));
    }
    return p;
  }
}

/** The site's VPN device: a public, unicast IPv4 address (a private or unspecified one is unreachable from the cloud's VPN). */
function peerAddressProblems(address: unknown): ValidationProblem[] {
  const m = IPV4.exec(String(address));
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return [Validation.problem('onPremises.peerAddress', address, 'a public IPv4 address')];
  const ip = m.slice(1).reduce((acc, x) => acc * 256 + Number(x), 0);
  const hit = NON_PUBLIC_IPV4.find(([, base, prefix]) => Math.floor(ip / 2 ** (32 - prefix)) === Math.floor(base / 2 ** (32 - prefix)));
  if (hit) {
    return [Validation.problem('onPremises.peerAddress', address,
      `a public IPv4 address of the site's VPN device (not in ${hit[0]}: the cloud's VPN gateways reach the device over the internet)`)];
  }
  return [];
}

/** Region names compare without case and spaces (Azure accepts `West Europe` for `westeurope`). */
function normalRegion(r: string): string {
  return String(r).toLowerCase().replace(/\s+/g, '');
}
