/**
 * An accelerator model (GPU or AI chip).
 *
 * Enum-like class: use the constants (`Accelerator.NVIDIA_H100`) or `Accelerator.of(name)`.
 */
export class Accelerator {
  public static readonly NVIDIA_H100 = new Accelerator('NVIDIA H100', 'nvidia', 80, 'nvidia-h100-80gb');
  public static readonly NVIDIA_H200 = new Accelerator('NVIDIA H200', 'nvidia', 141, 'nvidia-h200-141gb');
  public static readonly NVIDIA_B200 = new Accelerator('NVIDIA B200', 'nvidia', 180, 'nvidia-b200');
  public static readonly NVIDIA_A100_40GB = new Accelerator('NVIDIA A100 40GB', 'nvidia', 40, 'nvidia-tesla-a100');
  public static readonly NVIDIA_A100_80GB = new Accelerator('NVIDIA A100 80GB', 'nvidia', 80, 'nvidia-a100-80gb');
  public static readonly NVIDIA_A10G = new Accelerator('NVIDIA A10G', 'nvidia', 24);
  public static readonly NVIDIA_L4 = new Accelerator('NVIDIA L4', 'nvidia', 24, 'nvidia-l4');
  public static readonly NVIDIA_L40S = new Accelerator('NVIDIA L40S', 'nvidia', 48);
  public static readonly NVIDIA_T4 = new Accelerator('NVIDIA T4', 'nvidia', 16, 'nvidia-tesla-t4');
  public static readonly AWS_TRAINIUM = new Accelerator('AWS Trainium', 'aws', 32);
  public static readonly AWS_INFERENTIA2 = new Accelerator('AWS Inferentia2', 'aws', 32);

  /** Every accelerator the catalog knows. */
  public static all(): Accelerator[] {
    return [
      Accelerator.NVIDIA_H100, Accelerator.NVIDIA_H200, Accelerator.NVIDIA_B200,
      Accelerator.NVIDIA_A100_40GB, Accelerator.NVIDIA_A100_80GB, Accelerator.NVIDIA_A10G,
      Accelerator.NVIDIA_L4, Accelerator.NVIDIA_L40S, Accelerator.NVIDIA_T4,
      Accelerator.AWS_TRAINIUM, Accelerator.AWS_INFERENTIA2,
    ];
  }

  /**
   * @param model marketing name, e.g. `NVIDIA H100`
   * @param vendor `nvidia` or `aws`
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
