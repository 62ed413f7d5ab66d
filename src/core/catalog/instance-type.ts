import { Accelerator } from './accelerator';
import { Cloud } from './cloud';
import { InterconnectKind, NetworkLayout, PublishedBandwidth } from './network-layout';
import { Price } from './price';
import { closestNames } from '../internal/text';
import { Validation, ValidationProblem } from '../validation';

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
  /** Facts still to verify, and other remarks. */
  readonly notes: string[];
}

const AWS_PRICE_SOURCE = 'skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv';
const GCP_PRICE_SOURCE = 'Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml (generated 2026-02-12)';
const AZURE_PRICE_SOURCE = 'Azure retail price as recorded in docs/reference/cloud-facts.md (Nov 2026)';

function awsPrice(usd: number): Price {
  return { usd, unit: 'hour', region: 'us-east-1', asOf: '2026-11-01', source: AWS_PRICE_SOURCE };
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
function efa(cards: number, gbpsPerCard: number): NetworkLayout {
  return {
    kind: InterconnectKind.EFA,
    hostNics: 0,
    hostNicGbps: 0,
    fabricNics: cards,
    fabricNicGbps: gbpsPerCard,
    networkCards: cards,
    gpuNicMtu: 0,
    frontEndGbps: 0,
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
  };
}
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
  };
}

type Row = Omit<InstanceTypeSpec, 'notes' | 'spotSupported' | 'capacityBlocks' | 'capacityBlocksOnly' | 'acceleratorImplied'>
& Partial<Pick<InstanceTypeSpec, 'notes' | 'spotSupported' | 'capacityBlocks' | 'capacityBlocksOnly' | 'acceleratorImplied'>>;

function row(r: Row): InstanceTypeSpec {
  return {
    spotSupported: true,
    capacityBlocks: false,
    capacityBlocksOnly: false,
    acceleratorImplied: r.cloud === Cloud.GCP,
    notes: [],
    ...r,
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
    capacityBlocks: true,
    notes: ['price after the June 2025 cut (98.32 before)', 'spot 53-68% off; some zones have none'],
  }));
  /** 8 x NVIDIA H200, 32 network cards, 3200 Gbps EFA; sold as Capacity Blocks only. */
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
    spotSupported: false,
    capacityBlocks: true,
    capacityBlocksOnly: true,
    notes: ['Capacity Blocks only: no on-demand price'],
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
    capacityBlocks: true,
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
    capacityBlocks: true,
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
    capacityBlocks: true,
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
    capacityBlocks: true,
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
    capacityBlocks: true,
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
    accelerator: Accelerator.NVIDIA_H100,
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
    notes: ['on-demand price not verified: none recorded'],
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
    network: infiniband(8, 200, 0),
    publishedBandwidth: published(1600, 'MicrosoftDocs/azure-docs articles/virtual-machines/sizes/gpu-accelerated/ndasra100v4-series.md (one 200 Gb/s HDR link per GPU, 1.6 Tb/s per VM)'),
    maxNodesPerFabricDomain: 100,
    notes: ['on-demand price not verified: none recorded'],
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
      InstanceType.A3_HIGHGPU_8G, InstanceType.A3_MEGAGPU_8G, InstanceType.A3_ULTRAGPU_8G, InstanceType.A4_HIGHGPU_8G,
      InstanceType.A2_HIGHGPU_1G, InstanceType.G2_STANDARD_4,
      InstanceType.STANDARD_ND96ISR_H100_V5, InstanceType.STANDARD_ND96ASR_V4, InstanceType.STANDARD_NC24ADS_A100_V4,
      InstanceType.STANDARD_NC4AS_T4_V3,
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
