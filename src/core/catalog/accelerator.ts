/**
 * An accelerator model (GPU or AI chip).
 *
 * Enum-like class: use the constants (`Accelerator.NVIDIA_H100`) or `Accelerator.of(name)`.
 */
export class Accelerator {
  public static readonly NVIDIA_H100 = new Accelerator('NVIDIA H100', 'nvidia', 80, 'nvidia-h100-80gb');
  /**
   * NVIDIA H100 80GB as Google Cloud sells it in A3 Mega (`a3-megagpu-8g`): its own accelerator type
   * (AI-Hypercomputer/xpk system_characteristics `nvidia-h100-mega-80gb`; Vertex AI `NVIDIA_H100_MEGA_80GB`,
   * @cdktf/provider-google 16.12 vertex-ai-endpoint-with-model-garden-deployment accelerator_type enum).
   */
  public static readonly NVIDIA_H100_MEGA = new Accelerator('NVIDIA H100 Mega', 'nvidia', 80, 'nvidia-h100-mega-80gb');
  public static readonly NVIDIA_H200 = new Accelerator('NVIDIA H200', 'nvidia', 141, 'nvidia-h200-141gb');
  public static readonly NVIDIA_B200 = new Accelerator('NVIDIA B200', 'nvidia', 180, 'nvidia-b200');
  /** NVIDIA B300: 275,040 MiB per GPU (aws/karpenter-provider-aws instance-types.md, p6-b300.48xlarge). */
  public static readonly NVIDIA_B300 = new Accelerator('NVIDIA B300', 'nvidia', 268);
  /**
   * NVIDIA GB200 (Blackwell GPU of a Grace-Blackwell superchip, Arm host): 6,660 GiB per 36 GPUs
   * (aws/karpenter-provider-aws zz_generated gpu table, p6e-gb200.36xlarge; Azure ND GB200 v6 states 192 GB).
   * Compute Engine type `nvidia-gb200`: UNVERIFIED (A4X implies its GPUs; the type is used only for Vertex AI).
   */
  public static readonly NVIDIA_GB200 = new Accelerator('NVIDIA GB200', 'nvidia', 185, 'nvidia-gb200');
  public static readonly NVIDIA_A100_40GB = new Accelerator('NVIDIA A100 40GB', 'nvidia', 40, 'nvidia-tesla-a100');
  public static readonly NVIDIA_A100_80GB = new Accelerator('NVIDIA A100 80GB', 'nvidia', 80, 'nvidia-a100-80gb');
  public static readonly NVIDIA_A10G = new Accelerator('NVIDIA A10G', 'nvidia', 24);
  public static readonly NVIDIA_L4 = new Accelerator('NVIDIA L4', 'nvidia', 24, 'nvidia-l4');
  public static readonly NVIDIA_L40S = new Accelerator('NVIDIA L40S', 'nvidia', 48);
  public static readonly NVIDIA_T4 = new Accelerator('NVIDIA T4', 'nvidia', 16, 'nvidia-tesla-t4');
  /** NVIDIA RTX PRO 6000 Blackwell Server Edition: 98,304 MiB (aws/karpenter-provider-aws instance-types.md, g7e). */
  public static readonly NVIDIA_RTX_PRO_6000 = new Accelerator('NVIDIA RTX PRO 6000', 'nvidia', 96);
  public static readonly AWS_TRAINIUM = new Accelerator('AWS Trainium', 'aws', 32);
  public static readonly AWS_INFERENTIA2 = new Accelerator('AWS Inferentia2', 'aws', 32);
  /** AWS Trainium2: 96 GiB HBM per chip as AWS states it (UNVERIFIED: not in the audit's sources). */
  public static readonly AWS_TRAINIUM2 = new Accelerator('AWS Trainium2', 'aws', 96);
  /**
   * AMD Instinct MI300X, 192 GB HBM3 (MicrosoftDocs/azure-docs .../nd-mi300x-v5-series.md): ROCm, not CUDA.
   */
  public static readonly AMD_MI300X = new Accelerator('AMD Instinct MI300X', 'amd', 192);

  /** Every accelerator the catalog knows. */
  public static all(): Accelerator[] {
    return [
      Accelerator.NVIDIA_H100, Accelerator.NVIDIA_H100_MEGA, Accelerator.NVIDIA_H200, Accelerator.NVIDIA_B200,
      Accelerator.NVIDIA_B300, Accelerator.NVIDIA_GB200,
      Accelerator.NVIDIA_A100_40GB, Accelerator.NVIDIA_A100_80GB, Accelerator.NVIDIA_A10G,
      Accelerator.NVIDIA_L4, Accelerator.NVIDIA_L40S, Accelerator.NVIDIA_T4, Accelerator.NVIDIA_RTX_PRO_6000,
      Accelerator.AWS_TRAINIUM, Accelerator.AWS_TRAINIUM2, Accelerator.AWS_INFERENTIA2, Accelerator.AMD_MI300X,
    ];
  }

  /**
   * @param model marketing name, e.g. `NVIDIA H100`
   * @param vendor `nvidia`, `aws` (Trainium, Inferentia: Neuron SDK) or `amd` (ROCm)
   * @param memoryGiB memory per accelerator in GiB
   * @param gcpType Compute Engine accelerator type (`nvidia-l4`), where Google Cloud sells it
   */
  private constructor(
    public readonly model: string,
    public readonly vendor: string,
    public readonly memoryGiB: number,
    public readonly gcpType?: string,
  ) {}

  /** Vertex AI machine-spec accelerator type (`NVIDIA_L4`), where Google Cloud sells it. */
  public get vertexType(): string | undefined {
    return this.gcpType?.toUpperCase().replace(/-/g, '_');
  }
}
