import { Cloud } from './cloud';
import { Price } from './price';
import { SpotObservation } from './spot';
import { closestNames } from '../internal/text';

/** One host (VM) shape of a TPU generation. */
export interface TpuHostShape {
  /** GKE machine type, e.g. `ct6e-standard-4t`. */
  readonly machineType: string;
  /** TPU chips on the host. */
  readonly chips: number;
  /**
   * vCPUs of the host.
   * @default - not in the sources read
   */
  readonly vcpus?: number;
  /**
   * Host memory, GB (as the source gives it).
   * @default - not in the sources read
   */
  readonly memoryGB?: number;
}

/** A slice of a TPU generation: a topology, the chips it holds and the hosts it takes. */
export interface TpuSlice {
  /** The generation, e.g. `v6e`. */
  readonly generation: string;
  /** The `accelerator_topology` / `tpu_topology` string, e.g. `4x4`. */
  readonly topology: string;
  /** Chips in the slice (the product of the topology's dimensions). */
  readonly chips: number;
  /** The host machine type the slice is built from. */
  readonly machineType: string;
  /** Hosts (GKE nodes) in the slice: chips / chips per host. */
  readonly hosts: number;
  /** More than one host: a multi-host slice (GKE COMPACT placement with `tpu_topology`, atomic, one zone). */
  readonly multiHost: boolean;
}

/** Everything the catalog records about a TPU generation. */
export interface TpuGenerationSpec {
  /** Short name: `v5e`, `v5p`, `v6e`. */
  readonly name: string;
  /** Marketing name. */
  readonly displayName: string;
  /** GKE node label `cloud.google.com/gke-tpu-accelerator`, e.g. `tpu-v6e-slice`. */
  readonly gkeAccelerator: string;
  /** HBM per chip, GB (as the source gives it). */
  readonly hbmGBPerChip: number;
  /** Host shapes, fewest chips first. */
  readonly hosts: TpuHostShape[];
  /** Chips per host of a multi-host slice. */
  readonly multiHostChipsPerHost: number;
  /** The topologies the catalog accepts (verified ones only), smallest first. */
  readonly topologies: string[];
  /**
   * On-demand price per chip-hour.
   * @default - unpriced
   */
  readonly onDemandPerChipHour?: Price;
  /**
   * A spot price observation per chip-hour.
   * @default - none observed: spot slices are unpriced
   */
  readonly spotPerChipHour?: SpotObservation;
  /** Where the shapes and topologies come from. */
  readonly sources: string[];
  /** Remarks. */
  readonly notes: string[];
}

const GPUHUNT = 'dstackai/gpuhunt src/gpuhunt/resources/tpu_pricing.json (table of Dec 2024, as recorded in docs/reference/catalog-audit-2026-12.md)';
/** The audit dates the gpuhunt table to December 2024; the day is not recorded (UNVERIFIED: first of the month). */
const GPUHUNT_DATE = '2024-12-01';
const GPUHUNT_SPECS = 'dstackai/gpuhunt src/gpuhunt/providers/gcp.py TPU_HARDWARE_SPECS';
const TOPOLOGY_SOURCE = 'docs/reference/kubernetes-tpu-lustre.md 2.3 (cloud.google.com/tpu/docs/v5e, /v6e, /supported-tpu-configurations; cluster-toolkit modules/internal/tpu-definition)';

function chipHour(usd: number, region: string): Price {
  return { usd, unit: 'chip-hour', region, asOf: GPUHUNT_DATE, source: GPUHUNT };
}
function spotChipHour(generation: string, usd: number, region: string, note?: string): SpotObservation {
  return { instanceType: `tpu-${generation}`, cloud: Cloud.GCP, usdPerHour: usd, region, observedOn: GPUHUNT_DATE, source: GPUHUNT, ...(note ? { note } : {}) };
}

/**
 * A Cloud TPU generation on Google Cloud: chips, HBM, host shapes, topologies and per-chip prices with their
 * dates and sources (docs/reference/catalog-audit-2026-12.md, kubernetes-tpu-lustre.md).
 *
 * Enum-like class: `TpuGeneration.V6E`, `TpuGeneration.of('v6e')`. The catalog prices slices and lets the strategy
 * selector name a TPU option; rendering TPU node pools belongs to the Kubernetes constructs.
 */
export class TpuGeneration {
  /** TPU v5e (v5litepod): 16 GB HBM per chip, 2D topologies up to 16x16. */
  public static readonly V5E = new TpuGeneration({
    name: 'v5e',
    displayName: 'TPU v5e',
    gkeAccelerator: 'tpu-v5-lite-podslice',
    hbmGBPerChip: 16,
    hosts: [
      { machineType: 'ct5lp-hightpu-1t', chips: 1 },
      { machineType: 'ct5lp-hightpu-4t', chips: 4 },
      // v5litepod-8: 224 vCPU, 384 GB (gpuhunt TPU_HARDWARE_SPECS)
      { machineType: 'ct5lp-hightpu-8t', chips: 8, vcpus: 224, memoryGB: 384 },
    ],
    multiHostChipsPerHost: 4,
    topologies: ['1x1', '2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16'],
    onDemandPerChipHour: chipHour(1.20, 'us-central1'),
    spotPerChipHour: spotChipHour('v5e', 0.63, 'us-central1'),
    sources: [TOPOLOGY_SOURCE, GPUHUNT_SPECS],
    notes: ['host vCPU/RAM recorded for the 8-chip host only'],
  });

  /** TPU v5p: 95 GB HBM per chip, 3D topologies. */
  public static readonly V5P = new TpuGeneration({
    name: 'v5p',
    displayName: 'TPU v5p',
    gkeAccelerator: 'tpu-v5p-slice',
    hbmGBPerChip: 95,
    hosts: [
      { machineType: 'ct5p-hightpu-1t', chips: 1 },
      { machineType: 'ct5p-hightpu-2t', chips: 2 },
      // v5p-8 (4 chips, one host): 208 vCPU, 448 GB (gpuhunt TPU_HARDWARE_SPECS)
      { machineType: 'ct5p-hightpu-4t', chips: 4, vcpus: 208, memoryGB: 448 },
    ],
    multiHostChipsPerHost: 4,
    // only the shapes the sources name; the reference elides the ones between 4x4x8 and 16x16x24
    topologies: ['2x2x1', '2x2x2', '2x4x4', '4x4x4', '4x4x8', '16x16x24'],
    onDemandPerChipHour: chipHour(4.20, 'us-east5'),
    spotPerChipHour: spotChipHour('v5p', 2.415, 'us-east5', 'upper end of 2.10-2.415 over us-east5 and us-east1'),
    sources: [TOPOLOGY_SOURCE, GPUHUNT_SPECS],
    notes: ['the topology list holds the shapes the sources name; others between 4x4x8 and 16x16x24 exist (UNVERIFIED which)'],
  });

  /** TPU v6e (Trillium): 32 GB HBM per chip, 2D topologies up to 16x16 (256-chip pod), 8 chips per host. */
  public static readonly V6E = new TpuGeneration({
    name: 'v6e',
    displayName: 'TPU v6e (Trillium)',
    gkeAccelerator: 'tpu-v6e-slice',
    hbmGBPerChip: 32,
    hosts: [
      { machineType: 'ct6e-standard-1t', chips: 1 },
      { machineType: 'ct6e-standard-4t', chips: 4 },
      // v6e-8: 8 chips, 180 vCPU, 1,440 GB (gpuhunt TPU_HARDWARE_SPECS)
      { machineType: 'ct6e-standard-8t', chips: 8, vcpus: 180, memoryGB: 1440 },
    ],
    multiHostChipsPerHost: 4,
    topologies: ['1x1', '2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16'],
    onDemandPerChipHour: chipHour(2.70, 'us-east1'),
    spotPerChipHour: spotChipHour('v6e', 1.89, 'us-east1'),
    sources: [TOPOLOGY_SOURCE, GPUHUNT_SPECS],
    notes: ['price seen in us-east1 and us-east5'],
  });

  /** Every generation, oldest first. */
  public static all(): TpuGeneration[] {
    return [TpuGeneration.V5E, TpuGeneration.V5P, TpuGeneration.V6E];
  }

  /**
   * Looks up a generation (`v5e`, `v5p`, `v6e`; case-insensitive, `tpu-` prefix allowed).
   *
   * @throws if the name is unknown; the message lists the generations
   */
  public static of(name: string): TpuGeneration {
    const n = String(name).toLowerCase().replace(/^tpu[- ]?/, '');
    const found = TpuGeneration.all().find((g) => g.name === n);
    if (!found) {
      throw new Error(`[ai-infra] unknown TPU generation '${name}'. Allowed: ${TpuGeneration.all().map((g) => g.name).join(', ')}.`);
    }
    return found;
  }

  /**
   * The generation and host shape of a GKE TPU machine type (`ct6e-standard-4t`), or undefined when the name is
   * not a TPU machine type of the catalog.
   *
   * @param machineType a GKE machine type
   */
  public static ofMachineType(machineType: string): TpuGeneration | undefined {
    const n = String(machineType).toLowerCase();
    return TpuGeneration.all().find((g) => g.spec.hosts.some((h) => h.machineType === n));
  }

  /** Short name: `v5e`, `v5p`, `v6e`. */
  public readonly name: string;
  /** Everything the catalog records. */
  public readonly spec: TpuGenerationSpec;

  private constructor(spec: TpuGenerationSpec) {
    this.spec = spec;
    this.name = spec.name;
  }

  /**
   * The host shape of one of this generation's machine types.
   *
   * @throws if the machine type is not one of this generation's
   */
  public host(machineType: string): TpuHostShape {
    const h = this.spec.hosts.find((x) => x.machineType === String(machineType).toLowerCase());
    if (!h) {
      const near = closestNames(String(machineType), this.spec.hosts.map((x) => x.machineType));
      throw new Error(`[ai-infra] TPU ${this.name}: machine type '${machineType}' is not a ${this.name} host. Allowed: ${this.spec.hosts.map((x) => x.machineType).join(', ')} (closest: ${near.join(', ')}).`);
    }
    return h;
  }

  /**
   * A slice of this generation: chips, the host machine type and the number of hosts. A single-host topology
   * uses the host that holds exactly its chips; a larger one is built from the multi-host machine type
   * (4 chips per host), as GKE builds multi-host slices.
   *
   * @param topology an `accelerator_topology` string this generation accepts, e.g. `4x4`
   * @throws if the topology is not one the catalog accepts for the generation
   */
  public slice(topology: string): TpuSlice {
    const t = String(topology).trim().toLowerCase();
    if (!this.spec.topologies.includes(t)) {
      throw new Error(`[ai-infra] TPU ${this.name}: topology '${topology}' is not accepted. Allowed: ${this.spec.topologies.join(', ')}.`);
    }
    const chips = t.split('x').map(Number).reduce((a, b) => a * b, 1);
    const single = this.spec.hosts.find((h) => h.chips === chips);
    if (single) {
      return { generation: this.name, topology: t, chips, machineType: single.machineType, hosts: 1, multiHost: false };
    }
    const multi = this.spec.hosts.find((h) => h.chips === this.spec.multiHostChipsPerHost)!;
    return { generation: this.name, topology: t, chips, machineType: multi.machineType, hosts: chips / multi.chips, multiHost: true };
  }

  /**
   * On-demand price of a slice per hour (chips x per-chip-hour price), or undefined when the generation is unpriced.
   *
   * @param topology an accepted topology
   */
  public sliceHourlyUsd(topology: string): number | undefined {
    const p = this.spec.onDemandPerChipHour;
    return p === undefined ? undefined : Math.round(this.slice(topology).chips * p.usd * 10000) / 10000;
  }

  /**
   * Spot price of a slice per hour from the spot observation, or undefined when none was observed.
   *
   * @param topology an accepted topology
   */
  public sliceSpotHourlyUsd(topology: string): number | undefined {
    const s = this.spec.spotPerChipHour;
    return s === undefined ? undefined : Math.round(this.slice(topology).chips * s.usdPerHour * 10000) / 10000;
  }

  /**
   * The smallest accepted topology with at least `chips` chips, or undefined when none is that large.
   *
   * @param chips chips wanted
   */
  public smallestSliceFor(chips: number): TpuSlice | undefined {
    return this.spec.topologies.map((t) => this.slice(t)).filter((s) => s.chips >= chips).sort((a, b) => a.chips - b.chips)[0];
  }

  public toString(): string {
    return this.spec.displayName;
  }
}
