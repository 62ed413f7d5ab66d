import { Accelerator } from './accelerator';
import { Cloud } from './cloud';
import { closestNames } from '../internal/text';

/**
 * A serving instance type of a managed endpoint (SageMaker `ml.*`, a Vertex AI machine type, an Azure ML online
 * endpoint SKU) with the accelerators it carries: what the plan sizes a model against.
 *
 * Enum-like class: `ServingType.all(cloud)`, `ServingType.of(cloud, name)`. Accelerator memory comes from the
 * catalog (`Accelerator.memoryGiB`). The table is small on purpose: one step per size class, smallest first.
 */
export class ServingType {
  /**
   * Every serving type of a cloud, smallest total accelerator memory first (fewer accelerators first on a tie).
   *
   * @param cloud the cloud
   */
  public static all(cloud: Cloud): ServingType[] {
    return ServingType.TABLE.filter((t) => t.cloud === cloud)
      .sort((a, b) => a.totalMemoryGiB - b.totalMemoryGiB || a.acceleratorCount - b.acceleratorCount);
  }

  /**
   * Looks up a serving type (case-insensitive).
   *
   * @param cloud the cloud
   * @param name the provider's name, e.g. `ml.g5.xlarge`
   * @throws if the cloud has no serving type of that name; the message lists the closest
   */
  public static of(cloud: Cloud, name: string): ServingType {
    const found = ServingType.all(cloud).find((t) => t.name.toLowerCase() === String(name).toLowerCase());
    if (!found) {
      const near = closestNames(String(name), ServingType.all(cloud).map((t) => t.name));
      throw new Error(`[ai-infra] unknown ${cloud} serving type '${name}'. Closest known: ${near.join(', ')}.`);
    }
    return found;
  }

  /**
   * The smallest serving type of a cloud whose accelerators hold `memoryGiB`, or undefined when none does.
   *
   * @param cloud the cloud
   * @param memoryGiB accelerator memory needed per replica, GiB
   */
  public static smallestFitting(cloud: Cloud, memoryGiB: number): ServingType | undefined {
    return ServingType.all(cloud).find((t) => t.totalMemoryGiB >= memoryGiB);
  }

  // GPU figures: accelerator models and memory as in the catalog (docs/reference/catalog-audit-2026-12.md);
  // Azure SKUs stay inside ModelEndpointSpec.azureOnlineEndpointSkus() (a test holds them to it).
  private static readonly TABLE: ServingType[] = [
    new ServingType(Cloud.AWS, 'ml.g5.xlarge', Accelerator.NVIDIA_A10G, 1),
    new ServingType(Cloud.AWS, 'ml.g5.12xlarge', Accelerator.NVIDIA_A10G, 4),
    new ServingType(Cloud.AWS, 'ml.g6e.12xlarge', Accelerator.NVIDIA_L40S, 4),
    new ServingType(Cloud.AWS, 'ml.p4d.24xlarge', Accelerator.NVIDIA_A100_40GB, 8),
    new ServingType(Cloud.AWS, 'ml.p5.48xlarge', Accelerator.NVIDIA_H100, 8),
    new ServingType(Cloud.GCP, 'g2-standard-4', Accelerator.NVIDIA_L4, 1),
    new ServingType(Cloud.GCP, 'g2-standard-48', Accelerator.NVIDIA_L4, 4),
    new ServingType(Cloud.GCP, 'a2-highgpu-1g', Accelerator.NVIDIA_A100_40GB, 1),
    new ServingType(Cloud.GCP, 'a2-ultragpu-1g', Accelerator.NVIDIA_A100_80GB, 1),
    new ServingType(Cloud.GCP, 'a3-highgpu-8g', Accelerator.NVIDIA_H100, 8),
    new ServingType(Cloud.AZURE, 'Standard_NC4as_T4_v3', Accelerator.NVIDIA_T4, 1),
    new ServingType(Cloud.AZURE, 'Standard_NC24ads_A100_v4', Accelerator.NVIDIA_A100_80GB, 1),
    new ServingType(Cloud.AZURE, 'Standard_NC96ads_A100_v4', Accelerator.NVIDIA_A100_80GB, 4),
    new ServingType(Cloud.AZURE, 'Standard_ND96isr_H100_v5', Accelerator.NVIDIA_H100, 8),
  ];

  /**
   * @param cloud the cloud that sells it
   * @param name the provider's name
   * @param accelerator the accelerator model
   * @param acceleratorCount accelerators per instance
   */
  private constructor(
    public readonly cloud: Cloud,
    public readonly name: string,
    public readonly accelerator: Accelerator,
    public readonly acceleratorCount: number,
  ) {}

  /** Accelerator memory of one instance, GiB (`acceleratorCount x accelerator.memoryGiB`). */
  public get totalMemoryGiB(): number {
    return this.acceleratorCount * this.accelerator.memoryGiB;
  }

  public toString(): string {
    return this.name;
  }
}
