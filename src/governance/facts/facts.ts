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
export function hoursPerWeek(upCron?: string, downCron?: string): number {
  if (!upCron || !downCron) return 168;
  const up = upCron.trim().split(/\s+/);
  const down = downCron.trim().split(/\s+/);
  if (up.length !== 5 || down.length !== 5 || up[4] !== down[4] || !/^\d+$/.test(up[1]) || !/^\d+$/.test(down[1])) return 168;
  const start = Number(up[1]) * 60 + Number(up[0]);
  const end = Number(down[1]) * 60 + Number(down[0]);
  const minutes = end > start ? end - start : end + 1440 - start;
  return (minutes / 60) * daysIn(up[4]);
}

function daysIn(dow: string): number {
  if (dow === '*') return 7;
  const days = new Set<number>();
  for (const part of dow.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let d = a; d <= (b ?? a); d++) days.add(d % 7);
  }
  return days.size;
}
