/**
 * How an instance's accelerators talk to each other across nodes.
 */
export enum InterconnectKind {
  /** AWS Elastic Fabric Adapter: one EFA interface per network card. */
  EFA = 'efa',
  /** Google Cloud GPUDirect-TCPX: GPU NICs in their own VPCs (A3 High). */
  GPUDIRECT_TCPX = 'gpudirect-tcpx',
  /** Google Cloud GPUDirect-TCPXO: GPU NICs in their own VPCs (A3 Mega). */
  GPUDIRECT_TCPXO = 'gpudirect-tcpxo',
  /** Google Cloud RDMA over Converged Ethernet: MRDMA NICs in one RoCE VPC (A3 Ultra, A4). */
  RDMA = 'rdma',
  /** Azure InfiniBand: links come up when VMs share one scale set placement group. */
  INFINIBAND = 'infiniband',
  /** Plain Ethernet: one NIC, no accelerator fabric. */
  ETHERNET = 'ethernet',
}

/**
 * The network interface layout of an instance type, from the catalog: what a renderer configures.
 *
 * The layout does not state the type's maximum bandwidth: that is the provider's published figure
 * (`PublishedBandwidth`, recorded on its own with its source). A catalog test holds the two together:
 * `hostNics * hostNicGbps + fabricNics * fabricNicGbps` must equal the published figure, so a renderer that
 * configures every interface of the layout reaches what the provider sells.
 */
export interface NetworkLayout {
  /** The interconnect kind. */
  readonly kind: InterconnectKind;
  /** Host (general purpose) NICs that count toward the bandwidth (gVNIC on Google Cloud; 1 for single-NIC types). */
  readonly hostNics: number;
  /** Gbps per host NIC counted toward the bandwidth (0 where the host NIC is not part of the fabric). */
  readonly hostNicGbps: number;
  /** Fabric interfaces for full bandwidth: EFA interfaces (one per network card), GPU NICs, or InfiniBand links. */
  readonly fabricNics: number;
  /** Gbps per fabric interface. */
  readonly fabricNicGbps: number;
  /** Physical network cards (AWS). */
  readonly networkCards: number;
  /**
   * AWS: network cards, counted from card 0, that carry ENA only (no EFA). 0 where card 0 carries EFA too
   * (p5, p6-b200); 1 on p6-b300 and p6e-gb200, whose card 0 has an EFA limit of 0 and whose EFA interfaces sit at
   * device index 0 of cards 1-16 (awslabs/awsome-distributed-ai architectures/aws-pcs/assets/add-cng-p6-b300.yaml).
   * `fabricNics` is then `(networkCards - hostOnlyCards) * fabricNicsPerCard`.
   */
  readonly hostOnlyCards: number;
  /** AWS: EFA interfaces on each EFA card (device indexes 0..n-1 after the card's own ENA, if any). 1 on every current type. */
  readonly fabricNicsPerCard: number;
  /** Google Cloud: MTU of the host VPC (the primary gVNIC network), or 0 for Google's default (1460). */
  readonly hostNicMtu: number;
  /**
   * Google Cloud RDMA: the zonal network profile the RoCE VPC takes, as a suffix of `<zone>-` (`vpc-roce`;
   * `vpc-roce-metal` on bare metal), or '' where the type has no RDMA network.
   */
  readonly rdmaNetworkProfile: string;
  /** MTU of the GPU networks (Google Cloud), or 0 where not set by the library. */
  readonly gpuNicMtu: number;
  /** Front-end Ethernet Gbps that is not counted in the fabric bandwidth (Azure InfiniBand sizes), or 0. */
  readonly frontEndGbps: number;
}

/**
 * An instance type's maximum network bandwidth as the provider publishes it, recorded apart from the NIC layout
 * so the layout can be checked against it.
 */
export interface PublishedBandwidth {
  /** Maximum network bandwidth per instance, Gbps (Azure InfiniBand sizes: the InfiniBand figure). */
  readonly gbps: number;
  /**
   * Where the figure was published (a repository file or a provider page). Starts with `UNVERIFIED` where the
   * catalog audit found no primary source for it.
   */
  readonly source: string;
  /** When the figure was last checked against its source, ISO `YYYY-MM` or `YYYY-MM-DD`. */
  readonly asOf: string;
}
