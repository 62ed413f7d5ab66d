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
 * The network interface layout of an instance type, from the catalog.
 *
 * `maxGbps` is the provider's stated maximum. A renderer that configures every
 * interface in the layout reaches it: `hostNics * hostNicGbps + fabricNics * fabricNicGbps == maxGbps`.
 */
export interface NetworkLayout {
  /** The interconnect kind. */
  readonly kind: InterconnectKind;
  /** Host (general purpose) NICs that count toward `maxGbps` (gVNIC on Google Cloud; 1 for single-NIC types). */
  readonly hostNics: number;
  /** Gbps per host NIC counted toward `maxGbps` (0 where the host NIC is not part of the fabric). */
  readonly hostNicGbps: number;
  /** Fabric interfaces for full bandwidth: EFA interfaces (one per network card), GPU NICs, or InfiniBand links. */
  readonly fabricNics: number;
  /** Gbps per fabric interface. */
  readonly fabricNicGbps: number;
  /** Physical network cards (AWS). */
  readonly networkCards: number;
  /** MTU of the GPU networks (Google Cloud), or 0 where not set by the library. */
  readonly gpuNicMtu: number;
  /** Provider's stated maximum network bandwidth in Gbps. */
  readonly maxGbps: number;
  /** Front-end Ethernet Gbps that is not counted in `maxGbps` (Azure InfiniBand sizes), or 0. */
  readonly frontEndGbps: number;
}
