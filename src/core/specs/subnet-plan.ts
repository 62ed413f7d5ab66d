/** What a cloud asks the subnet allocator for, beyond the private subnets every cloud has. */
export interface SubnetPlanOptions {
  /**
   * Public subnets, one per zone, for NAT (AWS, with internet egress): a quarter of a private subnet, never
   * smaller than a /28. Allocated first, as aws-cdk-lib's Vpc always did, so existing ranges keep their CIDRs.
   * @default false
   */
  readonly publicSubnets?: boolean;
  /**
   * How many private subnets.
   * @default - one per zone (`zones` of the network)
   */
  readonly privateSubnets?: number;
  /**
   * A /27 for a VPN or ExpressRoute gateway (Azure's `GatewaySubnet`), after the private subnets.
   * @default false
   */
  readonly gatewaySubnet?: boolean;
}

/** The subnets of a cluster network, allocated once, in core, for every cloud. */
export interface SubnetPlan {
  /** Public subnets (NAT), one per zone; empty unless asked for. */
  readonly publicSubnets: string[];
  /** General private subnets (endpoints, services), in zone order. */
  readonly privateSubnets: string[];
  /** The single-zone cluster subnet: the last block of the network, sized for the fleet. */
  readonly clusterSubnet: string;
  /**
   * The gateway subnet, when asked for.
   * @default - none
   */
  readonly gatewaySubnet?: string;
}

