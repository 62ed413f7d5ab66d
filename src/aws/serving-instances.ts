/**
 * vCPUs and NVIDIA GPUs of the SageMaker serving instance types the endpoint's scaling targets are computed for:
 * SageMaker reports `CPUUtilization` summed over the instance's vCPUs (0-100 x vCPUs) and `GPUUtilization` summed
 * over its GPUs (0-100 x GPUs), so a target in percent becomes percent x count
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoints).
 *
 * Counts are those of the EC2 types behind the `ml.` names (EC2 instance type specifications,
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html and .../gp.html, .../co.html, .../mo.html); the
 * GPU counts agree with the catalog's `ServingType` rows (test/aws/model-endpoint.test.ts holds them to it). A type
 * missing here has no known count: scaling on its utilization is refused, never guessed. Internal.
 */
const SIZES: Record<string, { vcpus: number; gpus: number }> = {};

function family(name: string, sizes: Record<string, [vcpus: number, gpus: number]>): void {
  for (const [size, [vcpus, gpus]] of Object.entries(sizes)) SIZES[`ml.${name}.${size}`] = { vcpus, gpus };
}

// NVIDIA GPU families: g5 (A10G), g6 (L4) and g6e (L40S) share the size ladder; g4dn (T4); p3 (V100); p4d/p4de (A100); p5* (H100/H200)
for (const f of ['g5', 'g6', 'g6e']) {
  family(f, { 'xlarge': [4, 1], '2xlarge': [8, 1], '4xlarge': [16, 1], '8xlarge': [32, 1], '16xlarge': [64, 1], '12xlarge': [48, 4], '24xlarge': [96, 4], '48xlarge': [192, 8] });
}
family('g4dn', { 'xlarge': [4, 1], '2xlarge': [8, 1], '4xlarge': [16, 1], '8xlarge': [32, 1], '16xlarge': [64, 1], '12xlarge': [48, 4] });
family('p3', { '2xlarge': [8, 1], '8xlarge': [32, 4], '16xlarge': [64, 8] });
family('p4d', { '24xlarge': [96, 8] });
family('p4de', { '24xlarge': [96, 8] });
family('p5', { '48xlarge': [192, 8] });
family('p5e', { '48xlarge': [192, 8] });
family('p5en', { '48xlarge': [192, 8] });
// AWS Inferentia2: Neuron cores, no NVIDIA GPU
family('inf2', { 'xlarge': [4, 0], '8xlarge': [32, 0], '24xlarge': [96, 0], '48xlarge': [192, 0] });
// CPU families
family('c5', { 'large': [2, 0], 'xlarge': [4, 0], '2xlarge': [8, 0], '4xlarge': [16, 0], '9xlarge': [36, 0], '18xlarge': [72, 0] });
for (const f of ['m5', 'r5']) {
  family(f, { 'large': [2, 0], 'xlarge': [4, 0], '2xlarge': [8, 0], '4xlarge': [16, 0], '12xlarge': [48, 0], '24xlarge': [96, 0] });
}

/** vCPUs and NVIDIA GPUs of a SageMaker serving type, or undefined when the table does not know it. */
export function servingInstanceSize(type: string): { vcpus: number; gpus: number } | undefined {
  return SIZES[type];
}

/** Whether a SageMaker type carries NVIDIA GPUs, by family (`ml.g*`, `ml.p*`): the default image depends on it. */
export function isNvidiaServingFamily(type: string): boolean {
  return /^ml\.(g|p)\d/.test(type);
}

/** Whether a SageMaker type runs on AWS Inferentia or Trainium (`ml.inf*`, `ml.trn*`): they need a Neuron image. */
export function isNeuronServingFamily(type: string): boolean {
  return /^ml\.(inf|trn)\d/.test(type);
}
