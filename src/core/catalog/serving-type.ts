import { Accelerator } from './accelerator';
import { Cloud } from './cloud';
import { Price } from './price';
import { closestNames } from '../internal/text';

const SAGEMAKER_FACTS = 'docs/reference/cloud-facts.md (Managed endpoints: ml.g5.xlarge about 1.41 $/h, Oct 2025)';
/**
 * Vertex AI bills online prediction per node-hour from its own SKUs ("Vertex AI: Online/Batch Prediction ..."),
 * not at the Compute Engine price. Rates seen on a billing report in us-central1 (Iowa): H100 80GB GPU
 * 11.2660332 $/h (SKU AE9C-DB60-DF46), A3 core 0.0293227 $/vCPU-h (A002-4323-D900), A3 RAM 0.0025534 $/GB-h
 * (2424-9F04-82A8). Source: zenn.dev/google_cloud_jp article on DWS Flex-Start prices (2025-08-15; secondary).
 * a3-highgpu-8g = 8 x 11.2660332 + 208 x 0.0293227 + 1872 x 0.0025534 = 101.0074 $/h.
 * No prediction SKU rate was found for the G2 (L4) and A2 (A100) machine types: those stay unpriced.
 */
const VERTEX_SKUS = 'Vertex AI Online/Batch Prediction SKUs AE9C-DB60-DF46, A002-4323-D900, 2424-9F04-82A8 (Iowa) from a billing report, zenn.dev/google_cloud_jp DWS Flex-Start pricing article (secondary)';
/**
 * Azure Machine Learning managed online endpoints bill the deployment's VM instances; the library charges the VM's
 * pay-as-you-go rate (UNVERIFIED: that Azure ML adds no surcharge was not re-read from
 * azure.microsoft.com/pricing/details/machine-learning in this corpus).
 */
const AZURE_VM = 'Azure VM pay-as-you-go rate, eastus, as docs/reference/catalog-audit-2026-12.md records it (datareceipts/data-receipts 109-gpu-pricing/hyperscalers.json, retrieved 2026-11-09; secondary)';

function hour(usd: number, region: string, asOf: string, source: string): Price {
  return { usd, unit: 'hour', region, asOf, source };
}

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

  /**
   * Looks up a serving type by name in any cloud (case-insensitive), or undefined.
   *
   * @param name the provider's name
   */
  public static find(name: string): ServingType | undefined {
    return ServingType.TABLE.find((t) => t.name.toLowerCase() === String(name).toLowerCase());
  }

  /**
   * The cost per 1,000 predictions of an endpoint, as a dashboard tile says it: the formula with the catalog's
   * hourly price (its date and source) and the figure at 1,000 and 10,000 predictions an hour; for an unpriced
   * type, that it is unpriced and why.
   *
   * @param cloud the cloud
   * @param name the serving type
   * @param instances instances serving (the endpoint's minimum)
   */
  public static costPerThousandNote(cloud: Cloud, name: string, instances: number): string {
    const t = ServingType.all(cloud).find((x) => x.name.toLowerCase() === String(name).toLowerCase());
    if (!t || !t.price) {
      return `Cost per 1,000 predictions: ${name} has no serving price in the library catalog (${t?.unpricedReason ?? 'not in the serving table'}), so no figure is given.`;
    }
    const n = Math.max(1, instances);
    const at = (perHour: number) => t.costPerThousandPredictions(n, perHour)!.toFixed(4);
    return `Cost per 1,000 predictions = 1000 x ${n} x $${t.price.usd}/h / predictions per hour ` +
      `(${t.name}, ${t.price.region}, ${t.price.asOf}, ${t.price.source}): $${at(1000)} at 1,000 predictions an hour, $${at(10000)} at 10,000. ` +
      'Read predictions per hour from the Predictions chart.';
  }

  // GPU figures: accelerator models and memory as in the catalog (docs/reference/catalog-audit-2026-12.md);
  // Azure SKUs stay inside ModelEndpointSpec.azureOnlineEndpointSkus() (a test holds them to it).
  // Prices: per instance-hour of the managed service (not the bare VM where the service charges more);
  // a type without a verified figure stays unpriced and says why.
  private static readonly TABLE: ServingType[] = [
    new ServingType(Cloud.AWS, 'ml.g5.xlarge', Accelerator.NVIDIA_A10G, 1, hour(1.41, 'us-east-1', '2025-10-01', SAGEMAKER_FACTS)),
    new ServingType(Cloud.AWS, 'ml.g5.12xlarge', Accelerator.NVIDIA_A10G, 4, undefined, 'no SageMaker price in the sources read'),
    new ServingType(Cloud.AWS, 'ml.g6e.12xlarge', Accelerator.NVIDIA_L40S, 4, undefined, 'no SageMaker price in the sources read'),
    new ServingType(Cloud.AWS, 'ml.p4d.24xlarge', Accelerator.NVIDIA_A100_40GB, 8, undefined, 'no SageMaker price in the sources read'),
    new ServingType(Cloud.AWS, 'ml.p5.48xlarge', Accelerator.NVIDIA_H100, 8, undefined, 'no SageMaker price in the sources read'),
    new ServingType(Cloud.GCP, 'g2-standard-4', Accelerator.NVIDIA_L4, 1, undefined, 'no Vertex AI prediction SKU rate for G2 / L4 in the sources read'),
    new ServingType(Cloud.GCP, 'g2-standard-48', Accelerator.NVIDIA_L4, 4, undefined, 'no Vertex AI prediction SKU rate for G2 / L4 in the sources read'),
    new ServingType(Cloud.GCP, 'a2-highgpu-1g', Accelerator.NVIDIA_A100_40GB, 1, undefined, 'no Vertex AI prediction SKU rate for A2 / A100 in the sources read'),
    new ServingType(Cloud.GCP, 'a2-ultragpu-1g', Accelerator.NVIDIA_A100_80GB, 1, undefined, 'no Vertex AI prediction SKU rate for A2 / A100 80GB in the sources read'),
    new ServingType(Cloud.GCP, 'a3-highgpu-8g', Accelerator.NVIDIA_H100, 8, hour(101.0074, 'us-central1', '2025-08-15', VERTEX_SKUS)),
    new ServingType(Cloud.AZURE, 'Standard_NC4as_T4_v3', Accelerator.NVIDIA_T4, 1,
      hour(0.526, 'eastus', '2026-12-01', 'Azure VM rate, eastus, secondary (code search as docs/reference/catalog-audit-2026-12.md records it, dated by the audit: the source\'s own date is not recorded); Azure ML surcharge UNVERIFIED')),
    new ServingType(Cloud.AZURE, 'Standard_NC24ads_A100_v4', Accelerator.NVIDIA_A100_80GB, 1, hour(3.673, 'eastus', '2026-11-09', AZURE_VM)),
    new ServingType(Cloud.AZURE, 'Standard_NC96ads_A100_v4', Accelerator.NVIDIA_A100_80GB, 4, undefined, 'no price for the 4-GPU size in the sources read'),
    new ServingType(Cloud.AZURE, 'Standard_ND96isr_H100_v5', Accelerator.NVIDIA_H100, 8, hour(98.32, 'eastus', '2026-11-09', AZURE_VM)),
  ];

  /**
   * @param cloud the cloud that sells it
   * @param name the provider's name
   * @param accelerator the accelerator model
   * @param acceleratorCount accelerators per instance
   * @param price the managed service's price per instance-hour, with date and source (undefined: unpriced)
   * @param unpricedReason why there is no price
   */
  private constructor(
    public readonly cloud: Cloud,
    public readonly name: string,
    public readonly accelerator: Accelerator,
    public readonly acceleratorCount: number,
    public readonly price?: Price,
    public readonly unpricedReason?: string,
  ) {}

  /**
   * Cost of 1,000 predictions, US dollars, at a steady rate: `1000 x instances x $/h / predictions per hour`.
   * Undefined when the type is unpriced.
   *
   * @param instances instances serving
   * @param predictionsPerHour predictions served per hour (more than 0)
   * @throws if `instances` or `predictionsPerHour` is not a positive number
   */
  public costPerThousandPredictions(instances: number, predictionsPerHour: number): number | undefined {
    if (!(typeof instances === 'number' && instances >= 1)) {
      throw new Error(`[ai-infra] ServingType.costPerThousandPredictions: instances = ${JSON.stringify(instances)}: a number of instances, 1 or more.`);
    }
    if (!(typeof predictionsPerHour === 'number' && predictionsPerHour > 0 && Number.isFinite(predictionsPerHour))) {
      throw new Error(`[ai-infra] ServingType.costPerThousandPredictions: predictionsPerHour = ${JSON.stringify(predictionsPerHour)}: a number of predictions per hour above 0.`);
    }
    if (this.price === undefined) return undefined;
    return Math.round((1000 * instances * this.price.usd / predictionsPerHour) * 1e6) / 1e6;
  }

  /** Accelerator memory of one instance, GiB (`acceleratorCount x accelerator.memoryGiB`). */
  public get totalMemoryGiB(): number {
    return this.acceleratorCount * this.accelerator.memoryGiB;
  }

  public toString(): string {
    return this.name;
  }
}
