import { Accelerator } from './accelerator';
import { Cloud } from './cloud';
import { InterconnectKind, NetworkLayout, PublishedBandwidth } from './network-layout';
import { Price } from './price';
import { closestNames } from '../internal/text';
import { Validation, ValidationProblem } from '../validation';

/** The host CPU architecture of an instance type: it picks the machine image. */
export enum CpuArchitecture {
  /** x86-64 (Intel, AMD EPYC). */
  X86_64 = 'x86_64',
  /** 64-bit Arm (NVIDIA Grace on GB200 types). */
  ARM64 = 'arm64',
}

/**
 * How capacity of an instance type can be obtained from its cloud. A fleet's `purchase` must be one of the
 * type's options; the default (on-demand) is refused for a type not sold on demand.
 */
export enum ConsumptionOption {
  /** Pay by the hour, no commitment (`PurchaseOption.onDemand()`). */
  ON_DEMAND = 'on-demand',
  /** Spare capacity, may be reclaimed (`PurchaseOption.spot()`). */
  SPOT = 'spot',
  /** A capacity reservation (AWS ODCR, Google Cloud reservation, Azure capacity reservation group: `PurchaseOption.reservation(id)`). */
  RESERVATION = 'reservation',
  /** AWS EC2 Capacity Blocks for ML (`PurchaseOption.capacityBlock(id)`). */
  CAPACITY_BLOCK = 'capacity-block',
  /** Google Cloud flex-start (Dynamic Workload Scheduler): up to 7 days. The fleets do not render it yet. */
  FLEX_START = 'flex-start',
}

/**
 * Everything the catalog records about one instance type.
 */
export interface InstanceTypeSpec {
  /** Provider's name, e.g. `p5.48xlarge`, `a3-megagpu-8g`, `Standard_ND96isr_H100_v5`. */
  readonly name: string;
  /** The cloud that sells it. */
  readonly cloud: Cloud;
  /** Family, e.g. `p5`, `a3`, `ndh100v5`. */
  readonly family: string;
  /** The accelerator model. */
  readonly accelerator: Accelerator;
  /** Accelerators per instance. */
  readonly acceleratorCount: number;
  /** vCPUs per instance. */
  readonly vcpus: number;
  /** Memory per instance, GiB. */
  readonly memoryGiB: number;
  /** NIC layout: the interfaces a renderer configures, and the Gbps each carries. */
  readonly network: NetworkLayout;
  /** The provider's published maximum network bandwidth, with its source; the layout must add up to it. */
  readonly publishedBandwidth: PublishedBandwidth;
  /**
   * On-demand price per hour.
   * @default - not sold on demand, or no trustworthy price was found
   */
  readonly onDemandPrice?: Price;
  /** Whether spot / preemptible capacity exists for the type (dated spot prices: `SpotPrices.of(name)`). */
  readonly spotSupported: boolean;
  /** AWS: the type can be bought as an EC2 Capacity Block for ML. */
  readonly capacityBlocks: boolean;
  /** AWS: the type is sold only as Capacity Blocks (no on-demand, no spot). */
  readonly capacityBlocksOnly: boolean;
  /** Google Cloud: the machine type implies its GPUs (no `guest_accelerator` block needed). */
  readonly acceleratorImplied: boolean;
  /**
   * Largest number of nodes that share one fabric domain (Azure: one scale set placement group).
   * @default - no limit recorded
   */
  readonly maxNodesPerFabricDomain?: number;
  /**
   * Google Cloud compact placement: the smallest `max_distance` the family accepts.
   * @default 1
   */
  readonly minCompactPlacementDistance?: number;
  /** Host CPU architecture (picks the default machine image on every cloud). */
  readonly architecture: CpuArchitecture;
  /** How the type can be obtained, with the source in `consumptionSource`. */
  readonly consumptionOptions: ConsumptionOption[];
  /** Where the consumption options were checked. */
  readonly consumptionSource: string;
  /**
   * Google Cloud: a reservation of the type places its VMs densely itself, and Google's blueprints add no compact
   * placement policy with one (A3 Ultra, A4: `enable_placement: false`).
   */
  readonly reservationPlacesNodes: boolean;
  /**
   * Google Cloud: the GPU slice shape the compact placement policy asks for (`gpu_topology`, A4X: `1x72`).
   * @default - none
   */
  readonly gpuTopology?: string;
  /**
   * Azure: the most nodes one fabric domain holds once the provider raises the limit on request (300).
   * @default - the limit cannot be raised
   */
  readonly maxNodesPerFabricDomainOnRequest?: number;
  /** Facts still to verify, and other remarks. */
  readonly notes: string[];
}

const AWS_PRICE_SOURCE = 'skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv';
const GCP_PRICE_SOURCE = 'Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml (generated 2026-02-12)';
const AZURE_PRICE_SOURCE = 'Azure retail price as recorded in docs/reference/cloud-facts.md (Nov 2026)';

const KARPENTER_PRICE_SOURCE = 'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (generated 2026-07-20, us-east-1)';
function awsPrice(usd: number, source = AWS_PRICE_SOURCE, asOf = '2026-11-01'): Price {
  return { usd, unit: 'hour', region: 'us-east-1', asOf, source };
}
function gcpPrice(usd: number, region = 'us-central1'): Price {
  return { usd, unit: 'hour', region, asOf: '2026-02-12', source: GCP_PRICE_SOURCE };
}
function azurePrice(usd: number): Price {
  return { usd, unit: 'hour', region: 'eastus', asOf: '2026-11-01', source: AZURE_PRICE_SOURCE };
}
/** When the published bandwidth figures were checked (docs/reference/catalog-audit-2026-12.md). */
const BANDWIDTH_AUDIT = '2026-12';
const AWS_BANDWIDTH_SOURCE = 'aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.bandwidth.go (AWS DescribeInstanceTypes output)';
const AWS_BURST_UNVERIFIED = 'UNVERIFIED: the "up to" burst figure from docs/reference/cloud-facts.md; aws/karpenter-provider-aws ' +
  'pkg/providers/instancetype/zz_generated.bandwidth.go gives only the baseline';
const GCP_BANDWIDTH_SOURCE = 'https://cloud.google.com/compute/docs/gpus/gpu-network-bandwidth';
const GCP_SMALL_UNVERIFIED = 'UNVERIFIED: https://cloud.google.com/compute/docs/gpus/gpu-network-bandwidth gives only "up to 100 Gbps based on machine type" for the family';

function published(gbps: number, source: string): PublishedBandwidth {
  return { gbps, source, asOf: BANDWIDTH_AUDIT };
}
const NO_CARDS = { hostOnlyCards: 0, fabricNicsPerCard: 0, hostNicMtu: 0, rdmaNetworkProfile: '' };
/** EFA on every card, card 0 included (p4d, p5, p5en, p6-b200, trn1). */
function efa(cards: number, gbpsPerCard: number): NetworkLayout {
  return efaCards(cards, 0, gbpsPerCard);
}
/** `cards` network cards, the first `hostOnly` of them ENA only, one EFA on each of the others. */
function efaCards(cards: number, hostOnly: number, gbpsPerEfa: number): NetworkLayout {
  return {
    kind: InterconnectKind.EFA,
    hostNics: 0,
    hostNicGbps: 0,
    fabricNics: cards - hostOnly,
    fabricNicGbps: gbpsPerEfa,
    networkCards: cards,
    gpuNicMtu: 0,
    frontEndGbps: 0,
    hostOnlyCards: hostOnly,
    fabricNicsPerCard: 1,
    hostNicMtu: 0,
    rdmaNetworkProfile: '',
  };
}
function ethernet(gbps: number): NetworkLayout {
  return {
    kind: InterconnectKind.ETHERNET,
    hostNics: 1,
    hostNicGbps: gbps,
    fabricNics: 0,
    fabricNicGbps: 0,
    networkCards: 1,
    gpuNicMtu: 0,
    frontEndGbps: 0,
    ...NO_CARDS,
  };
}
/**
 * Google Cloud GPU NICs. MTUs from Google's cluster-toolkit blueprints (GoogleCloudPlatform/cluster-toolkit
 * examples/machine-learning/*): A3 High and Mega set 8244 on the system (host) network and xpk creates the GPU VPCs
 * with --mtu=8244; A3 Ultra, A4 and A4X set 8896 on both gVNIC networks and the RoCE VPC (gpu-rdma-vpc default).
 */
function gpuNics(kind: InterconnectKind, host: number, hostGbps: number, nics: number, nicGbps: number, mtu: number): NetworkLayout {
  return {
    kind,
    hostNics: host,
    hostNicGbps: hostGbps,
    fabricNics: nics,
    fabricNicGbps: nicGbps,
    networkCards: 0,
    gpuNicMtu: mtu,
    frontEndGbps: 0,
    ...NO_CARDS,
    hostNicMtu: mtu,
    rdmaNetworkProfile: kind === InterconnectKind.RDMA ? 'vpc-roce' : '',
  };
}
function infiniband(links: number, linkGbps: number, frontEndGbps: number): NetworkLayout {
  return {
    kind: InterconnectKind.INFINIBAND,
    hostNics: 0,
    hostNicGbps: 0,
    fabricNics: links,
    fabricNicGbps: linkGbps,
    networkCards: 0,
    gpuNicMtu: 0,
    frontEndGbps,
    ...NO_CARDS,
  };
}

type Defaulted = 'notes' | 'acceleratorImplied' | 'architecture' | 'consumptionOptions' | 'consumptionSource' | 'reservationPlacesNodes';
type Row = Omit<InstanceTypeSpec, Defaulted | 'spotSupported' | 'capacityBlocks' | 'capacityBlocksOnly'> & Partial<Pick<InstanceTypeSpec, Defaulted>>;

const O = ConsumptionOption;
/** The options a type has when the catalog records nothing else: on-demand, spot and reservations. */
const USUAL = [O.ON_DEMAND, O.SPOT, O.RESERVATION];
const USUAL_SOURCE = 'the cloud\'s general purchase options (no type-specific restriction recorded)';
const AWS_CB_SOURCE = 'AWS SDK SageMaker ReservedCapacityInstanceType enum (Capacity Blocks); skypilot-org/skypilot-catalog ' +
  'catalogs/v8/aws/vms.csv (on-demand Price and SpotPrice columns); docs/reference/catalog-audit-2026-12.md';

/**
 * A catalog record. `spotSupported`, `capacityBlocks` and `capacityBlocksOnly` follow from the consumption
 * options, so the flags and the options cannot disagree.
 */
function row(r: Row): InstanceTypeSpec {
  const options = r.consumptionOptions ?? USUAL;
  return {
    acceleratorImplied: r.cloud === Cloud.GCP,
    architecture: CpuArchitecture.X86_64,
    consumptionSource: USUAL_SOURCE,
    reservationPlacesNodes: false,
    notes: [],
    ...r,
    consumptionOptions: options,
    spotSupported: options.includes(O.SPOT),
    capacityBlocks: options.includes(O.CAPACITY_BLOCK),
    capacityBlocksOnly: options.length === 1 && options[0] === O.CAPACITY_BLOCK,
  };
}

/**
 * An instance type (AWS), machine type (Google Cloud) or VM size (Azure) from the catalog.
 *
 * Enum-like class: use the constants (`InstanceType.P5_48XLARGE`) or `InstanceType.of('p5.48xlarge')`.
 * Facts come from docs/reference/cloud-facts.md with their sources.
 */
export class InstanceType {
  // ---- AWS (EFA: one interface per network card) ----
  /** 8 x NVIDIA H100 80GB, 32 network cards, 3200 Gbps EFA. */
  public static readonly P5_48XLARGE = new InstanceType(row({
    name: 'p5.48xlarge',
    cloud: Cloud.AWS,
    family: 'p5',
    accelerator: Accelerator.NVIDIA_H100,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(32, 100),
    publishedBandwidth: published(3200, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(55.04),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
    notes: ['price after the June 2025 cut (98.32 before)', 'spot 53-68% off; some zones have none'],
  }));
  /** 8 x NVIDIA H200, 32 network cards, 3200 Gbps EFA; no on-demand: spot or Capacity Blocks. */
  public static readonly P5E_48XLARGE = new InstanceType(row({
    name: 'p5e.48xlarge',
    cloud: Cloud.AWS,
    family: 'p5e',
    accelerator: Accelerator.NVIDIA_H200,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(32, 100),
    publishedBandwidth: published(3200, AWS_BANDWIDTH_SOURCE),
    // no on-demand price (karpenter pricing, skypilot Price column empty), but EC2 spot price history exists:
    // us-east-2 18.74, us-west-2 19.54, ap-southeast-3 19.43 $/h (skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @00148f2a)
    consumptionOptions: [O.SPOT, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
    notes: ['no on-demand price: spot or Capacity Blocks'],
  }));
  /** 8 x NVIDIA H200, 16 network cards, 3200 Gbps EFA. */
  public static readonly P5EN_48XLARGE = new InstanceType(row({
    name: 'p5en.48xlarge',
    cloud: Cloud.AWS,
    family: 'p5en',
    accelerator: Accelerator.NVIDIA_H200,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(16, 200),
    publishedBandwidth: published(3200, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(63.296),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
    notes: ['Capacity Blocks rose about 15% in January 2026 (36.18 -> 41.61 $/h)'],
  }));
  /** 8 x NVIDIA A100 40GB, 4 network cards, 400 Gbps EFA. */
  public static readonly P4D_24XLARGE = new InstanceType(row({
    name: 'p4d.24xlarge',
    cloud: Cloud.AWS,
    family: 'p4d',
    accelerator: Accelerator.NVIDIA_A100_40GB,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 1152,
    network: efa(4, 100),
    publishedBandwidth: published(400, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(21.958),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
  }));
  /** 8 x NVIDIA A100 80GB, 4 network cards, 400 Gbps EFA. */
  public static readonly P4DE_24XLARGE = new InstanceType(row({
    name: 'p4de.24xlarge',
    cloud: Cloud.AWS,
    family: 'p4de',
    accelerator: Accelerator.NVIDIA_A100_80GB,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 1152,
    network: efa(4, 100),
    publishedBandwidth: published(400, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(27.447),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
  }));
  /** 8 x NVIDIA B200, 8 network cards, 3200 Gbps EFA. */
  public static readonly P6_B200_48XLARGE = new InstanceType(row({
    name: 'p6-b200.48xlarge',
    cloud: Cloud.AWS,
    family: 'p6-b200',
    accelerator: Accelerator.NVIDIA_B200,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(8, 400),
    publishedBandwidth: published(3200, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(113.93),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
  }));
  /** 16 x AWS Trainium, 8 network cards, 800 Gbps EFA. */
  public static readonly TRN1_32XLARGE = new InstanceType(row({
    name: 'trn1.32xlarge',
    cloud: Cloud.AWS,
    family: 'trn1',
    accelerator: Accelerator.AWS_TRAINIUM,
    acceleratorCount: 16,
    vcpus: 128,
    memoryGiB: 512,
    network: efa(8, 100),
    publishedBandwidth: published(800, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(21.50),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: AWS_CB_SOURCE,
  }));
  /** 16 x AWS Trainium, 16 network cards, 1600 Gbps EFA. */
  public static readonly TRN1N_32XLARGE = new InstanceType(row({
    name: 'trn1n.32xlarge',
    cloud: Cloud.AWS,
    family: 'trn1n',
    accelerator: Accelerator.AWS_TRAINIUM,
    acceleratorCount: 16,
    vcpus: 128,
    memoryGiB: 512,
    network: efa(16, 100),
    publishedBandwidth: published(1600, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(24.78),
  }));
  /** 1 x NVIDIA A10G, up to 10 Gbps, no EFA. */
  public static readonly G5_XLARGE = new InstanceType(row({
    name: 'g5.xlarge',
    cloud: Cloud.AWS,
    family: 'g5',
    accelerator: Accelerator.NVIDIA_A10G,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 16,
    network: ethernet(10),
    publishedBandwidth: published(10, AWS_BURST_UNVERIFIED),
    onDemandPrice: awsPrice(1.006),
  }));
  /** 1 x NVIDIA L4, up to 10 Gbps, no EFA. */
  public static readonly G6_XLARGE = new InstanceType(row({
    name: 'g6.xlarge',
    cloud: Cloud.AWS,
    family: 'g6',
    accelerator: Accelerator.NVIDIA_L4,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 16,
    network: ethernet(10),
    publishedBandwidth: published(10, AWS_BURST_UNVERIFIED),
    onDemandPrice: awsPrice(0.8048),
  }));
  /** 1 x NVIDIA L40S, up to 20 Gbps, no EFA. */
  public static readonly G6E_XLARGE = new InstanceType(row({
    name: 'g6e.xlarge',
    cloud: Cloud.AWS,
    family: 'g6e',
    accelerator: Accelerator.NVIDIA_L40S,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 32,
    network: ethernet(20),
    publishedBandwidth: published(20, AWS_BURST_UNVERIFIED),
    onDemandPrice: awsPrice(1.861),
  }));
  /** 1 x AWS Inferentia2, up to 15 Gbps, no EFA. */
  public static readonly INF2_XLARGE = new InstanceType(row({
    name: 'inf2.xlarge',
    cloud: Cloud.AWS,
    family: 'inf2',
    accelerator: Accelerator.AWS_INFERENTIA2,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 16,
    network: ethernet(15),
    publishedBandwidth: published(15, AWS_BURST_UNVERIFIED),
    onDemandPrice: awsPrice(0.7582),
  }));

  /**
   * 8 x NVIDIA B300, 17 network cards: card 0 ENA only, one EFA on each of cards 1-16 (400 Gbps), 6400 Gbps.
   */
  public static readonly P6_B300_48XLARGE = new InstanceType(row({
    name: 'p6-b300.48xlarge',
    cloud: Cloud.AWS,
    family: 'p6-b300',
    accelerator: Accelerator.NVIDIA_B300,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 4096,
    // awslabs/awsome-distributed-ai architectures/aws-pcs/assets/add-cng-p6-b300.yaml: "17 network cards where card 0 is
    // ENA-only (no EFA) and EFA runs on cards 1-16 with DeviceIndex 0"; 16 EFA (karpenter vpclimits), 6,400 Gbps
    network: efaCards(17, 1, 400),
    publishedBandwidth: published(6400, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(142.416, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: `${AWS_CB_SOURCE}; spot seen us-west-2 33.43 $/h; add-cng-p6-b300.yaml (On-Demand or Capacity Block)`,
  }));
  /**
   * p6e-gb200.36xlarge: one node of a P6e-GB200 UltraServer (4 x NVIDIA GB200, Grace arm64 host), 17 network cards,
   * card 0 ENA only; sold as Capacity Blocks only.
   */
  public static readonly P6E_GB200_36XLARGE = new InstanceType(row({
    name: 'p6e-gb200.36xlarge',
    cloud: Cloud.AWS,
    family: 'p6e-gb200',
    accelerator: Accelerator.NVIDIA_GB200,
    acceleratorCount: 4,
    vcpus: 144,
    memoryGiB: 960,
    architecture: CpuArchitecture.ARM64,
    network: efaCards(17, 1, 200),
    publishedBandwidth: published(3200, `${AWS_BANDWIDTH_SOURCE}; 17 network cards: awslabs/awsome-distributed-ai architectures/aws-pcs/docs/ROADMAP.md`),
    consumptionOptions: [O.CAPACITY_BLOCK],
    consumptionSource: 'awslabs/awsome-distributed-ai architectures/aws-pcs/assets/add-cng-p6e-gb200.yaml ("P6e-GB200 UltraServers ... Capacity Block"); docs/reference/catalog-audit-2026-12.md',
    notes: [
      'UNVERIFIED: 144 vCPU / 960 GiB (a UltraServer u-p6e-gb200x72 divided by 18); not in the audit\'s sources',
      'UNVERIFIED: EFA on cards 1-16 at 200 Gbps each (3,200 Gbps / 16); the AWS PCS template for this type is ' +
        '"authored-to-spec" and puts EFA on cards 1, 5, 9, 13 only: check the instance\'s card topology before a launch',
    ],
  }));
  /** 16 x AWS Trainium2, 16 EFA, 3200 Gbps; no public on-demand price. */
  // trn2u.48xlarge (a node of a Trn2 UltraServer) is not in the catalog: the EC2 instance type list cfn-lint 1.51
  // validates templates against (AWS's own data) does not name it, and the audit found no primary source for the name,
  // so a fleet of it would fail cfn-lint (E3030) and possibly the deploy.
  public static readonly TRN2_48XLARGE = new InstanceType(row({
    name: 'trn2.48xlarge',
    cloud: Cloud.AWS,
    family: 'trn2',
    accelerator: Accelerator.AWS_TRAINIUM2,
    acceleratorCount: 16,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(16, 200),
    publishedBandwidth: published(3200, AWS_BANDWIDTH_SOURCE),
    consumptionOptions: [O.SPOT, O.CAPACITY_BLOCK],
    consumptionSource: `${AWS_CB_SOURCE} (ml.trn2.48xlarge; spot price seen us-east-2 23.06 $/h; no public on-demand price)`,
    notes: ['UNVERIFIED: 16 network cards, one EFA each (karpenter lists 16 EFA)', 'no on-demand price: spot or Capacity Blocks'],
  }));
  /** 8 x NVIDIA L40S, 4 network cards, 400 Gbps EFA. */
  public static readonly G6E_48XLARGE = new InstanceType(row({
    name: 'g6e.48xlarge',
    cloud: Cloud.AWS,
    family: 'g6e',
    accelerator: Accelerator.NVIDIA_L40S,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 1536,
    network: efa(4, 100),
    publishedBandwidth: published(400, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(30.13118, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    notes: ['UNVERIFIED: spot (not checked in the audit)'],
  }));
  /** 8 x NVIDIA RTX PRO 6000 Blackwell, 4 network cards, 1600 Gbps EFA. */
  public static readonly G7E_48XLARGE = new InstanceType(row({
    name: 'g7e.48xlarge',
    cloud: Cloud.AWS,
    family: 'g7e',
    accelerator: Accelerator.NVIDIA_RTX_PRO_6000,
    acceleratorCount: 8,
    vcpus: 192,
    memoryGiB: 2048,
    network: efa(4, 400),
    publishedBandwidth: published(1600, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(33.144, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    notes: ['UNVERIFIED: spot (not checked in the audit)'],
  }));
  /** 1 x NVIDIA RTX PRO 6000 Blackwell, 50 Gbps, no EFA. */
  public static readonly G7E_2XLARGE = new InstanceType(row({
    name: 'g7e.2xlarge',
    cloud: Cloud.AWS,
    family: 'g7e',
    accelerator: Accelerator.NVIDIA_RTX_PRO_6000,
    acceleratorCount: 1,
    vcpus: 8,
    memoryGiB: 64,
    network: ethernet(50),
    publishedBandwidth: published(50, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(3.363, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    notes: ['UNVERIFIED: spot (not checked in the audit)'],
  }));
  /** 12 x AWS Inferentia2, 100 Gbps, no EFA. */
  public static readonly INF2_48XLARGE = new InstanceType(row({
    name: 'inf2.48xlarge',
    cloud: Cloud.AWS,
    family: 'inf2',
    accelerator: Accelerator.AWS_INFERENTIA2,
    acceleratorCount: 12,
    vcpus: 192,
    memoryGiB: 768,
    network: ethernet(100),
    publishedBandwidth: published(100, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(12.98127, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    notes: ['UNVERIFIED: spot (not checked in the audit)'],
  }));
  /** 1 x NVIDIA H100, 1 network card, 100 Gbps EFA. */
  public static readonly P5_4XLARGE = new InstanceType(row({
    name: 'p5.4xlarge',
    cloud: Cloud.AWS,
    family: 'p5',
    accelerator: Accelerator.NVIDIA_H100,
    acceleratorCount: 1,
    vcpus: 16,
    memoryGiB: 256,
    network: efa(1, 100),
    publishedBandwidth: published(100, AWS_BANDWIDTH_SOURCE),
    onDemandPrice: awsPrice(6.88, KARPENTER_PRICE_SOURCE, '2026-07-20'),
    // no spot rows in skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv (us-east-1): spot is not offered as verified
    consumptionOptions: [O.ON_DEMAND, O.RESERVATION, O.CAPACITY_BLOCK],
    consumptionSource: `${AWS_CB_SOURCE} (ml.p5.4xlarge; no spot rows)`,
  }));

  // ---- Google Cloud (GPU NICs in their own VPCs) ----
  /** 8 x NVIDIA H100, 1 gVNIC + 4 GPUDirect-TCPX NICs, 1000 Gbps. */
  public static readonly A3_HIGHGPU_8G = new InstanceType(row({
    name: 'a3-highgpu-8g',
    cloud: Cloud.GCP,
    family: 'a3',
    accelerator: Accelerator.NVIDIA_H100,
    acceleratorCount: 8,
    vcpus: 208,
    memoryGiB: 1872,
    network: gpuNics(InterconnectKind.GPUDIRECT_TCPX, 1, 200, 4, 200, 8244),
    publishedBandwidth: published(1000, GCP_BANDWIDTH_SOURCE),
    onDemandPrice: gcpPrice(88.49),
    minCompactPlacementDistance: 2,
  }));
  /** 8 x NVIDIA H100, 1 gVNIC + 8 GPUDirect-TCPXO NICs, 1800 Gbps. */
  public static readonly A3_MEGAGPU_8G = new InstanceType(row({
    name: 'a3-megagpu-8g',
    cloud: Cloud.GCP,
    family: 'a3',
    // its own accelerator type: AI-Hypercomputer/xpk system_characteristics (gke_accelerator=nvidia-h100-mega-80gb)
    accelerator: Accelerator.NVIDIA_H100_MEGA,
    acceleratorCount: 8,
    vcpus: 208,
    memoryGiB: 1872,
    network: gpuNics(InterconnectKind.GPUDIRECT_TCPXO, 1, 200, 8, 200, 8244),
    publishedBandwidth: published(1800, `${GCP_BANDWIDTH_SOURCE} (overview table; one newer copy of the page says up to 1,600 Gbps: recheck)`),
    onDemandPrice: gcpPrice(92.94, 'us-east4'),
    minCompactPlacementDistance: 2,
    notes: ['not offered in us-central1'],
  }));
  /** 8 x NVIDIA H200, 2 gVNIC + 8 MRDMA NICs in one RoCE VPC, 3600 Gbps. */
  public static readonly A3_ULTRAGPU_8G = new InstanceType(row({
    name: 'a3-ultragpu-8g',
    cloud: Cloud.GCP,
    family: 'a3',
    accelerator: Accelerator.NVIDIA_H200,
    acceleratorCount: 8,
    vcpus: 224,
    memoryGiB: 2952,
    network: gpuNics(InterconnectKind.RDMA, 2, 200, 8, 400, 8896),
    publishedBandwidth: published(3600, `${GCP_BANDWIDTH_SOURCE} (8 CX-7 = 3,200 Gbps + 2 gVNIC = 400 Gbps)`),
    minCompactPlacementDistance: 2,
    // reservation-bound, flex-start and spot: https://cloud.google.com/compute/docs/instances/about-reservation-bound-vms;
    // spot and DWS flex in GoogleCloudPlatform/cluster-toolkit examples/machine-learning/<type>/README.md. Google's
    // blueprints set enable_placement: false: the (dense) reservation places the VMs.
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.FLEX_START],
    consumptionSource: 'https://cloud.google.com/compute/docs/instances/about-reservation-bound-vms; GoogleCloudPlatform/cluster-toolkit examples/machine-learning blueprints (on-demand: UNVERIFIED)',
    reservationPlacesNodes: true,
    notes: ['on-demand price not verified: none recorded'],
  }));
  /** 8 x NVIDIA B200, 2 gVNIC + 8 MRDMA NICs in one RoCE VPC, 3600 Gbps. */
  public static readonly A4_HIGHGPU_8G = new InstanceType(row({
    name: 'a4-highgpu-8g',
    cloud: Cloud.GCP,
    family: 'a4',
    accelerator: Accelerator.NVIDIA_B200,
    acceleratorCount: 8,
    vcpus: 224,
    memoryGiB: 3968,
    network: gpuNics(InterconnectKind.RDMA, 2, 200, 8, 400, 8896),
    publishedBandwidth: published(3600, GCP_BANDWIDTH_SOURCE),
    // reservation-bound, flex-start and spot: https://cloud.google.com/compute/docs/instances/about-reservation-bound-vms;
    // spot and DWS flex in GoogleCloudPlatform/cluster-toolkit examples/machine-learning/<type>/README.md. Google's
    // blueprints set enable_placement: false: the (dense) reservation places the VMs.
    consumptionOptions: [O.ON_DEMAND, O.SPOT, O.RESERVATION, O.FLEX_START],
    consumptionSource: 'https://cloud.google.com/compute/docs/instances/about-reservation-bound-vms; GoogleCloudPlatform/cluster-toolkit examples/machine-learning blueprints (on-demand: UNVERIFIED)',
    reservationPlacesNodes: true,
    notes: ['on-demand price not verified: none recorded'],
  }));
  /**
   * 4 x NVIDIA GB200 (Grace arm64 host), 2 gVNIC + 4 MRDMA NICs in one RoCE VPC (4 subnets), 2000 Gbps; NVL72 slices
   * of 18 VMs (`gpu_topology` 1x72). Reservations, spot or flex-start: no on-demand.
   */
  public static readonly A4X_HIGHGPU_4G = new InstanceType(row({
    name: 'a4x-highgpu-4g',
    cloud: Cloud.GCP,
    family: 'a4x',
    accelerator: Accelerator.NVIDIA_GB200,
    acceleratorCount: 4,
    vcpus: 140,
    memoryGiB: 884,
    architecture: CpuArchitecture.ARM64,
    // GoogleCloudPlatform/cluster-toolkit examples/machine-learning/a4x-highgpu-4g/a4xhigh-slurm-blueprint.yaml:
    // net-0 and net-1 GVNIC at MTU 8896, gpu-rdma-vpc with 4 subnets and profile $(zone)-vpc-roce
    network: gpuNics(InterconnectKind.RDMA, 2, 200, 4, 400, 8896),
    publishedBandwidth: published(2000, `${GCP_BANDWIDTH_SOURCE} (4 CX-7 = 1,600 Gbps + 2 Titanium = 400 Gbps)`),
    consumptionOptions: [O.RESERVATION, O.SPOT, O.FLEX_START],
    consumptionSource: 'https://cloud.google.com/compute/docs/instances/about-reservation-bound-vms (A4X: reservation-bound); ' +
      'a4xhigh-slurm-blueprint.yaml (a4x_reservation_name, a4x_enable_spot_vm, a4x_dws_flex_enabled)',
    // the blueprint sets enable_placement: true with accelerator_topology
    gpuTopology: '1x72',
    notes: ['UNVERIFIED: 884 GB memory (Google\'s figure, not in the audit\'s sources)', 'no on-demand price found'],
  }));
  /** 8 x NVIDIA H100 for inference (A3 Edge), 1 gVNIC + 4 GPUDirect-TCPX NICs, 600 Gbps. */
  public static readonly A3_EDGEGPU_8G = new InstanceType(row({
    name: 'a3-edgegpu-8g',
    cloud: Cloud.GCP,
    family: 'a3',
    accelerator: Accelerator.NVIDIA_H100,
    acceleratorCount: 8,
    vcpus: 208,
    memoryGiB: 1872,
    network: gpuNics(InterconnectKind.GPUDIRECT_TCPX, 1, 200, 4, 100, 8244),
    publishedBandwidth: published(600, `${GCP_BANDWIDTH_SOURCE} (overview table; another copy of the page says 800 Gbps: recheck)`),
    minCompactPlacementDistance: 2,
    notes: ['UNVERIFIED: the split of 600 Gbps over 1 host + 4 GPU NICs is not in the sources', 'price: GPU and host priced separately; none recorded'],
  }));
  /** 1 x NVIDIA A100 40GB, one NIC. */
  public static readonly A2_HIGHGPU_1G = new InstanceType(row({
    name: 'a2-highgpu-1g',
    cloud: Cloud.GCP,
    family: 'a2',
    accelerator: Accelerator.NVIDIA_A100_40GB,
    acceleratorCount: 1,
    vcpus: 12,
    memoryGiB: 85,
    network: ethernet(24),
    publishedBandwidth: published(24, `${GCP_SMALL_UNVERIFIED}; 24 Gbps for the 1g size is not in the sources`),
    onDemandPrice: gcpPrice(3.673),
    notes: ['24 Gbps for the 1g size: verify'],
  }));
  /** 1 x NVIDIA L4, one NIC. */
  public static readonly G2_STANDARD_4 = new InstanceType(row({
    name: 'g2-standard-4',
    cloud: Cloud.GCP,
    family: 'g2',
    accelerator: Accelerator.NVIDIA_L4,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 16,
    network: ethernet(10),
    publishedBandwidth: published(10, `${GCP_SMALL_UNVERIFIED}; 10 Gbps for the -4 size is not in the sources`),
    notes: ['bandwidth 10 Gbps and price: verify; no price recorded'],
  }));

  // ---- Azure (InfiniBand within one scale set placement group) ----
  /** 8 x NVIDIA H100 80GB, 8 x 400 Gb/s NDR InfiniBand (+ 80 Gb/s Ethernet). */
  public static readonly STANDARD_ND96ISR_H100_V5 = new InstanceType(row({
    name: 'Standard_ND96isr_H100_v5',
    cloud: Cloud.AZURE,
    family: 'ndh100v5',
    accelerator: Accelerator.NVIDIA_H100,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 1900,
    network: infiniband(8, 400, 80),
    publishedBandwidth: published(3200, 'MicrosoftDocs/azure-docs articles/virtual-machines/sizes/gpu-accelerated/ndh100v5-series.md (one 400 Gb/s NDR link per GPU, 3.2 Tb/s per VM; 80,000 Mbps Ethernet not counted)'),
    onDemandPrice: azurePrice(98.32),
    maxNodesPerFabricDomain: 100,
    maxNodesPerFabricDomainOnRequest: 300,
  }));
  /** 8 x NVIDIA A100 40GB, 8 x 200 Gb/s HDR InfiniBand. */
  public static readonly STANDARD_ND96ASR_V4 = new InstanceType(row({
    name: 'Standard_ND96asr_v4',
    cloud: Cloud.AZURE,
    family: 'nda100v4',
    accelerator: Accelerator.NVIDIA_A100_40GB,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 900,
    // 8 front-end NICs, 24,000 Mbps: MicrosoftDocs/azure-docs includes/ndasra100v4-series-summary.md and the nda100-v4 size table
    network: infiniband(8, 200, 24),
    publishedBandwidth: published(1600, 'MicrosoftDocs/azure-docs articles/virtual-machines/sizes/gpu-accelerated/ndasra100v4-series.md (one 200 Gb/s HDR link per GPU, 1.6 Tb/s per VM; 24,000 Mbps Ethernet not counted)'),
    maxNodesPerFabricDomain: 100,
    maxNodesPerFabricDomainOnRequest: 300,
    notes: ['on-demand price not verified: none recorded'],
  }));
  /** 8 x NVIDIA H200, 8 x 400 Gb/s NDR InfiniBand (+ 80 Gb/s Ethernet). */
  public static readonly STANDARD_ND96ISR_H200_V5 = new InstanceType(row({
    name: 'Standard_ND96isr_H200_v5',
    cloud: Cloud.AZURE,
    family: 'ndh200v5',
    accelerator: Accelerator.NVIDIA_H200,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 1850,
    network: infiniband(8, 400, 80),
    publishedBandwidth: published(3200, 'MicrosoftDocs/azure-compute-docs articles/virtual-machines/sizes/gpu-accelerated/nd-h200-v5-series.md, includes/nd-h200-v5-series-summary.md (one 400 Gb/s Quantum-2 CX7 link per GPU; 8 NICs / 80,000 Mbps Ethernet not counted)'),
    maxNodesPerFabricDomain: 100,
    maxNodesPerFabricDomainOnRequest: 300,
    notes: ['on-demand price: ~110.24 $/h secondary only (Vantage): none recorded', 'UNVERIFIED: spot'],
  }));
  /** 4 x NVIDIA GB200 (Grace arm64 host), 4 x 400 Gb/s NDR InfiniBand (+ 160 Gb/s Ethernet). */
  public static readonly STANDARD_ND128ISR_NDR_GB200_V6 = new InstanceType(row({
    name: 'Standard_ND128isr_NDR_GB200_v6',
    cloud: Cloud.AZURE,
    family: 'ndgb200v6',
    accelerator: Accelerator.NVIDIA_GB200,
    acceleratorCount: 4,
    vcpus: 128,
    memoryGiB: 900,
    architecture: CpuArchitecture.ARM64,
    network: infiniband(4, 400, 160),
    publishedBandwidth: published(1600, 'MicrosoftDocs/azure-compute-docs articles/virtual-machines/sizes/gpu-accelerated/nd-gb200-v6-series.md, includes/nd-gb200-v6-series-specs.md (4 scale-out NDR InfiniBand NICs; 1 NIC / 160 Gb/s Ethernet not counted)'),
    maxNodesPerFabricDomain: 100,
    maxNodesPerFabricDomainOnRequest: 300,
    consumptionOptions: [O.ON_DEMAND, O.RESERVATION],
    notes: ['on-demand price: ~108.16 $/h westus3 secondary only: none recorded', 'UNVERIFIED: spot not offered as far as the sources show',
      'UNVERIFIED: the 100 / 300 VM placement group limit is documented for the ND H100 v5 and A100 v4 sizes'],
  }));
  /** 8 x AMD Instinct MI300X, 8 x 400 Gb/s NDR InfiniBand (+ 80 Gb/s Ethernet). */
  public static readonly STANDARD_ND96ISR_MI300X_V5 = new InstanceType(row({
    name: 'Standard_ND96isr_MI300X_v5',
    cloud: Cloud.AZURE,
    family: 'ndmi300xv5',
    accelerator: Accelerator.AMD_MI300X,
    acceleratorCount: 8,
    vcpus: 96,
    memoryGiB: 1850,
    network: infiniband(8, 400, 80),
    publishedBandwidth: published(3200, 'MicrosoftDocs/azure-docs articles/virtual-machines/sizes/gpu-accelerated/nd-mi300x-v5-series.md, includes/nd-mi300x-v5-series-summary.md (one 400 Gb/s Quantum-2 CX7 link per GPU, 3.2 Tb/s per VM; 8 NICs / 80,000 Mbps Ethernet not counted)'),
    maxNodesPerFabricDomain: 100,
    maxNodesPerFabricDomainOnRequest: 300,
    consumptionSource: 'spot: Microsoft examples create the size with --priority Spot (microsoft-dsvm:ubuntu-hpc:2204-rocm; code search)',
    notes: ['on-demand price: ~67 $/h secondary only: none recorded'],
  }));
  /** 1 x NVIDIA A100 80GB, Ethernet with accelerated networking. */
  public static readonly STANDARD_NC24ADS_A100_V4 = new InstanceType(row({
    name: 'Standard_NC24ads_A100_v4',
    cloud: Cloud.AZURE,
    family: 'nca100v4',
    accelerator: Accelerator.NVIDIA_A100_80GB,
    acceleratorCount: 1,
    vcpus: 24,
    memoryGiB: 220,
    network: ethernet(20),
    publishedBandwidth: published(20, 'MicrosoftDocs/azure-docs NC A100 v4 size table, includes/nca100v4-series-specs.md (20,000 Mbps)'),
    onDemandPrice: azurePrice(3.673),
    notes: ['20 Gbps: verify'],
  }));
  /** 1 x NVIDIA T4, Ethernet. */
  public static readonly STANDARD_NC4AS_T4_V3 = new InstanceType(row({
    name: 'Standard_NC4as_T4_v3',
    cloud: Cloud.AZURE,
    family: 'nct4v3',
    accelerator: Accelerator.NVIDIA_T4,
    acceleratorCount: 1,
    vcpus: 4,
    memoryGiB: 28,
    network: ethernet(8),
    publishedBandwidth: published(8, 'MicrosoftDocs/azure-docs NCasT4_v3 size table (8,000 Mbps)'),
    notes: ['8 Gbps and price: verify; no price recorded'],
  }));

  /** Every instance type in the catalog, optionally for one cloud. */
  public static all(cloud?: Cloud): InstanceType[] {
    const every = [
      InstanceType.P5_48XLARGE, InstanceType.P5E_48XLARGE, InstanceType.P5EN_48XLARGE, InstanceType.P4D_24XLARGE,
      InstanceType.P4DE_24XLARGE, InstanceType.P6_B200_48XLARGE, InstanceType.TRN1_32XLARGE, InstanceType.TRN1N_32XLARGE,
      InstanceType.G5_XLARGE, InstanceType.G6_XLARGE, InstanceType.G6E_XLARGE, InstanceType.INF2_XLARGE,
      InstanceType.P6_B300_48XLARGE, InstanceType.P6E_GB200_36XLARGE, InstanceType.TRN2_48XLARGE,
      InstanceType.G6E_48XLARGE, InstanceType.G7E_48XLARGE, InstanceType.G7E_2XLARGE, InstanceType.INF2_48XLARGE,
      InstanceType.P5_4XLARGE,
      InstanceType.A3_HIGHGPU_8G, InstanceType.A3_MEGAGPU_8G, InstanceType.A3_ULTRAGPU_8G, InstanceType.A4_HIGHGPU_8G,
      InstanceType.A2_HIGHGPU_1G, InstanceType.G2_STANDARD_4, InstanceType.A4X_HIGHGPU_4G, InstanceType.A3_EDGEGPU_8G,
      InstanceType.STANDARD_ND96ISR_H100_V5, InstanceType.STANDARD_ND96ASR_V4, InstanceType.STANDARD_NC24ADS_A100_V4,
      InstanceType.STANDARD_NC4AS_T4_V3, InstanceType.STANDARD_ND96ISR_H200_V5, InstanceType.STANDARD_ND128ISR_NDR_GB200_V6,
      InstanceType.STANDARD_ND96ISR_MI300X_V5,
    ];
    return cloud === undefined ? every : every.filter((t) => t.cloud === cloud);
  }

  /**
   * Looks up an instance type by name (case-insensitive), in any cloud.
   *
   * @throws if the name is unknown; the message lists the closest known names
   */
  public static of(name: string): InstanceType {
    const found = InstanceType.all().find((t) => t.name.toLowerCase() === String(name).toLowerCase());
    if (!found) {
      const near = closestNames(String(name), InstanceType.all().map((t) => t.name));
      throw new Error(`[ai-infra] unknown instance type '${name}'. Closest known: ${near.join(', ')}. ` +
        'See `ai-infra catalog` for every type.');
    }
    return found;
  }

  /**
   * Looks up an instance type of one cloud.
   *
   * @throws if the name is unknown, or belongs to another cloud
   */
  public static forCloud(cloud: Cloud, name: string): InstanceType {
    const t = InstanceType.of(name);
    if (t.cloud !== cloud) {
      const near = closestNames(name, InstanceType.all(cloud).map((x) => x.name));
      throw new Error(`[ai-infra] instance type '${name}' is a ${t.cloud} type, not ${cloud}. Closest ${cloud} types: ${near.join(', ')}.`);
    }
    return t;
  }

  /**
   * Gbps of a NIC layout with every interface configured: `hostNics * hostNicGbps + fabricNics * fabricNicGbps`.
   *
   * @param layout the layout
   */
  public static sumOfLayout(layout: NetworkLayout): number {
    return layout.hostNics * layout.hostNicGbps + layout.fabricNics * layout.fabricNicGbps;
  }

  /**
   * Checks a catalog record's NIC layout against its published bandwidth: a renderer that configures every
   * interface of the layout must reach what the provider publishes. Empty when they agree.
   *
   * @param spec a catalog record (`InstanceType.of(name).spec`, or a modified copy)
   */
  public static bandwidthProblems(spec: InstanceTypeSpec): ValidationProblem[] {
    const n = spec.network;
    const layout = InstanceType.sumOfLayout(n);
    const pub = spec.publishedBandwidth;
    if (pub === undefined || !(typeof pub.gbps === 'number' && pub.gbps > 0)) {
      return [Validation.problem(`${spec.name}.publishedBandwidth`, pub, 'the provider\'s published maximum bandwidth, Gbps, with its source and date')];
    }
    if (n.kind === InterconnectKind.EFA && n.fabricNics !== (n.networkCards - n.hostOnlyCards) * n.fabricNicsPerCard) {
      return [Validation.problem(`${spec.name}.network.fabricNics`, n.fabricNics,
        `(networkCards ${n.networkCards} - hostOnlyCards ${n.hostOnlyCards}) x fabricNicsPerCard ${n.fabricNicsPerCard}`)];
    }
    if (layout === pub.gbps) return [];
    return [Validation.problem(`${spec.name}.network`,
      `${n.hostNics} x ${n.hostNicGbps} + ${n.fabricNics} x ${n.fabricNicGbps} = ${layout} Gbps`,
      `a layout that adds up to the published ${pub.gbps} Gbps (${pub.source}, ${pub.asOf})`)];
  }

  /** Provider's name. */
  public readonly name: string;
  /** The cloud. */
  public readonly cloud: Cloud;
  /** Everything the catalog records. */
  public readonly spec: InstanceTypeSpec;

  private constructor(spec: InstanceTypeSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.cloud = spec.cloud;
  }

  /** The accelerator model. */
  public get accelerator(): Accelerator { return this.spec.accelerator; }
  /** Accelerators per instance. */
  public get acceleratorCount(): number { return this.spec.acceleratorCount; }
  /** NIC layout: the interfaces a renderer configures. */
  public get network(): NetworkLayout { return this.spec.network; }
  /** The provider's published maximum network bandwidth, Gbps (`spec.publishedBandwidth`, not derived from the layout). */
  public get maxGbps(): number { return this.spec.publishedBandwidth.gbps; }
  /** Gbps a node reaches with every interface of the layout configured. */
  public get layoutGbps(): number { return InstanceType.sumOfLayout(this.spec.network); }
  /** Host CPU architecture. */
  public get architecture(): CpuArchitecture { return this.spec.architecture; }
  /** Whether the type can be bought this way. */
  public sells(option: ConsumptionOption): boolean { return this.spec.consumptionOptions.includes(option); }
  /** Whether the type has an accelerator fabric (EFA, GPUDirect, RDMA, InfiniBand). */
  public get hasFabric(): boolean { return this.spec.network.kind !== InterconnectKind.ETHERNET; }

  /**
   * Gbps a node reaches with the given interfaces configured.
   *
   * @param hostNics host NICs configured (counted only where the layout counts them)
   * @param fabricNics fabric interfaces configured (EFA interfaces, GPU NICs, InfiniBand links)
   */
  public configuredGbps(hostNics: number, fabricNics: number): number {
    const n = this.spec.network;
    return Math.min(hostNics, n.hostNics) * n.hostNicGbps + Math.min(fabricNics, n.fabricNics) * n.fabricNicGbps;
  }

  public toString(): string {
    return this.name;
  }
}
