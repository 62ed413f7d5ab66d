/** A fleet's figures in the demo summary (`fleets[]` of summary.json). */
export interface FleetJson {
  path: string;
  instanceType: string;
  nodes: number;
  configuredGbps: number;
  maxGbps: number;
}

/** How a fleet's capacity is bought, as read from the synthesized output. */
export type PurchaseFact = 'on-demand' | 'spot' | 'reservation' | 'capacity-block';

/** A GPU fleet as read from synthesized output. Internal. */
export interface FleetFact {
  path: string;
  instanceType: string;
  nodes: number;
  configuredGbps: number;
  maxGbps: number;
  placement: boolean;
  purchase: PurchaseFact;
  /** Hours per week the fleet runs at its size (168 without a schedule). */
  hoursPerWeek: number;
}

/** Object storage as read from synthesized output. Internal. */
export interface StorageFact {
  tiered: boolean;
  versioned: boolean;
  customerManagedKey: boolean;
  highThroughput: boolean;
  /** Provider classes objects move through. */
  classes: string[];
  /** The first tiered rule's transitions (provider class, age in days), for the cost estimate. */
  transitions: Array<{ storageClass: string; afterDays: number }>;
}

/** A managed endpoint as read from synthesized output. Internal. */
export interface EndpointFact {
  instanceType: string;
  minInstances: number;
  maxInstances: number;
  autoscaling: boolean;
  private: boolean;
}

/** Everything governance reads from one synthesized stack. Internal. */
export interface PlatformFacts {
  cloud: 'aws' | 'gcp' | 'azure';
  fleets: FleetFact[];
  storage: StorageFact[];
  endpoints: EndpointFact[];
  alarms: number;
  costTags: boolean;
  publicIps: number;
  openIngress: number;
  natGateways: number;
  vpnConnections: number;
  interfaceEndpoints: number;
  flowLogs: boolean;
}

/** Hours per week from two five-field crons at fixed times on the same days; 168 otherwise. */
export { cronHoursPerWeek as hoursPerWeek } from '../../core/internal/cron';
