import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import {
  AwsPlatformStack, AzurePlatformStack, Cloud, DataResidency, DataSensitivity, GcpPlatformStack, InstanceType, ModelEndpointSpec,
  PlatformOptions, PlatformPlan, Requirements, ServingType, StrategySelector, WorkloadPattern, WorkloadRequirements,
} from '../../src';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

const base: WorkloadRequirements = { dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, latencyBudgetMs: 200 };
const options: PlatformOptions = { project: 'lab-one', workload: 'ft' };
const select = (r: Partial<WorkloadRequirements> = {}) => StrategySelector.select({ ...base, ...r });

describe('PlatformPlan: allowed clouds and regions bind', () => {
  const awsInFrankfurt = select({ allowedClouds: [Cloud.AWS], allowedRegions: ['eu-central-1'] });

  test('fails for a Google Cloud stack in us-east4 when the selection allows only AWS in eu-central-1, naming allowedClouds', () => {
    expect(() => new GcpPlatformStack(Testing.app(), 'p', { ...options, selection: awsInFrankfurt, gcpProject: 'demo-project', region: 'us-east4' }))
      .toThrow(/PlatformPlan 'p': invalid properties\n {2}- cloud = 'gcp': allowed: one of requirements\.allowedClouds: aws\n {2}- region = 'us-east4': allowed: one of requirements\.allowedRegions: eu-central-1/);
  });

  test('fails for an AWS stack in us-east-1 when allowedRegions is eu-central-1, naming the region', () => {
    expect(() => new AwsPlatformStack(new App(), 'P', { ...options, selection: awsInFrankfurt, env: { account: '111111111111', region: 'us-east-1' } }))
      .toThrow(/PlatformPlan 'P': invalid property\n {2}- region = 'us-east-1': allowed: one of requirements\.allowedRegions: eu-central-1$/);
  });

  test('fails for an environment-agnostic AWS stack when the requirements restrict regions: the stack must set env.region', () => {
    expect(() => new AwsPlatformStack(new App(), 'P', { ...options, selection: awsInFrankfurt }))
      .toThrow(/- region = <token>: allowed: a concrete region of requirements\.allowedRegions \(eu-central-1\): set the stack's region \(AWS: env\.region/);
  });

  test('in-region residency: an Azure stack outside the allowed regions fails, saying residency is in-region', () => {
    const sel = select({ dataResidency: DataResidency.IN_REGION, allowedRegions: ['westeurope', 'europe-west4'] });
    expect(() => new AzurePlatformStack(Testing.app(), 'p', { ...options, selection: sel, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY }))
      .toThrow(/- region = 'eastus': allowed: data residency is in-region: one of requirements\.allowedRegions: westeurope, europe-west4/);
    // Azure's display name of the same region is the same region
    expect(PlatformPlan.of(Cloud.AZURE, sel, options, 'p', 'West Europe').region).toBe('West Europe');
    expect(PlatformPlan.of(Cloud.GCP, sel, options, 'p', 'europe-west4').cloud).toBe(Cloud.GCP);
  });

  test('a matching AWS stack synthesizes: the allowed cloud in the allowed region', () => {
    const stack = new AwsPlatformStack(new App(), 'P', { ...options, modelArtifact: 'models/model.tar.gz', selection: awsInFrankfurt, env: { account: '111111111111', region: 'eu-central-1' } });
    expect(stack.plan.region).toBe('eu-central-1');
    Template.fromStack(stack).resourceCountIs('AWS::SageMaker::Endpoint', 1);
  });

  test('the old signature still works without restrictions, and is refused (no region to check) with them', () => {
    expect(PlatformPlan.of(Cloud.AWS, select(), options).region).toBeUndefined();
    expect(() => PlatformPlan.of(Cloud.AWS, awsInFrankfurt, options)).toThrow(/PlatformPlan 'aws\/cloud-first'[\s\S]*- region = undefined: allowed: a concrete region/);
  });
});

describe('PlatformPlan: modelSizeBillionParams sizes training and serving', () => {
  test('without a model size nothing is sized: no memory check, the endpoint keeps its default type', () => {
    const plan = PlatformPlan.of(Cloud.AWS, select(), options);
    expect(plan.servingInstanceType).toBeUndefined();
    expect(plan.checkpointSizeGiB).toBeUndefined();
    expect(plan.trainingMemoryGiB).toBeUndefined();
    expect('instanceType' in plan.endpoint).toBe(false);
  });

  test('a 7B model trains on one p5 node and serves from the smallest type that holds it (ml.g5.xlarge)', () => {
    const plan = PlatformPlan.of(Cloud.AWS, select({ modelSizeBillionParams: 7 }), options);
    expect(plan.trainingMemoryGiB).toBeCloseTo(104.3, 1); // 7e9 x 16 bytes
    expect(plan.servingMemoryGiB).toBeCloseTo(15.6, 1); // 7e9 x 2 bytes x 1.2
    expect(plan.servingInstanceType?.name).toBe('ml.g5.xlarge');
    expect(plan.endpoint.instanceType).toBe('ml.g5.xlarge');
  });

  test('fails when the fleet cannot hold the training state, with the figures', () => {
    // 70e9 x 16 bytes = 1043 GiB; one p5.48xlarge holds 8 x 80 = 640 GiB
    expect(() => PlatformPlan.of(Cloud.AWS, select({ modelSizeBillionParams: 70 }), options, 'P'))
      .toThrow(/- modelSizeBillionParams = 70: allowed: a model whose training state fits the fleet: 70B parameters x 16 bytes \(weights, gradients, Adam state\) = 1043 GiB, but 1 x p5\.48xlarge \(8 x NVIDIA H100, 80 GiB each\) hold 640 GiB: raise trainingGpus/);
  });

  test('a 70B model on two p5 nodes serves from ml.g6e.12xlarge, and the AWS stack renders that type', () => {
    const sel = select({ modelSizeBillionParams: 70, trainingGpus: 16 });
    const plan = PlatformPlan.of(Cloud.AWS, sel, options);
    expect(plan.servingMemoryGiB).toBeCloseTo(156.5, 1);
    expect(plan.endpoint.instanceType).toBe('ml.g6e.12xlarge');
    const t = Template.fromStack(new AwsPlatformStack(new App(), 'P', { ...options, modelArtifact: 'models/model.tar.gz', selection: sel }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [{ InstanceType: 'ml.g6e.12xlarge' }] });
  });

  test('Google Cloud picks the single 80 GB A100 for a 30B model before four L4s', () => {
    const plan = PlatformPlan.of(Cloud.GCP, select({ modelSizeBillionParams: 30, trainingGpus: 64 }), options);
    expect(plan.servingInstanceType?.name).toBe('a2-ultragpu-1g');
  });

  test.each([
    [1, 'Standard_NC4as_T4_v3'],
    [20, 'Standard_NC24ads_A100_v4'],
    [60, 'Standard_NC96ads_A100_v4'],
    [200, 'Standard_ND96isr_H100_v5'],
  ])('Azure serves a %dB model from %s, a valid online endpoint SKU', (b, sku) => {
    const plan = PlatformPlan.of(Cloud.AZURE, select({ modelSizeBillionParams: b, trainingGpus: 64 }), options);
    expect(plan.endpoint.instanceType).toBe(sku);
    expect(new ModelEndpointSpec(plan.endpoint).validate(Cloud.AZURE)).toEqual([]);
  });

  test('fails naming the size when no serving type of the cloud holds the model', () => {
    // 300e9 x 2 bytes x 1.2 = 671 GiB; Standard_ND96isr_H100_v5 holds 8 x 80 = 640 GiB
    expect(() => PlatformPlan.of(Cloud.AZURE, select({ modelSizeBillionParams: 300, trainingGpus: 64 }), options, 'p'))
      .toThrow(/- modelSizeBillionParams = 300: allowed: a model that fits one azure serving instance: 300B parameters x 2 bytes \(bf16\) \+ 20% for activations and KV cache = 671 GiB, but the largest, Standard_ND96isr_H100_v5 \(8 x NVIDIA H100\), holds 640 GiB/);
  });

  test('an edge-centric fleet (one small node) refuses a model it cannot train', () => {
    const sel = select({ latencyBudgetMs: 10, modelSizeBillionParams: 7 });
    expect(() => PlatformPlan.of(Cloud.AWS, sel, options)).toThrow(/but 1 x g6e\.xlarge \(1 x NVIDIA L40S, 48 GiB each\) hold 48\.0 GiB: raise trainingGpus or choose a larger trainingInstanceType/);
  });

  test('checkpointSizeGiB: about 14 bytes per parameter, rounded up', () => {
    expect(PlatformPlan.of(Cloud.AWS, select({ modelSizeBillionParams: 7 }), options).checkpointSizeGiB).toBe(92); // 7e9 x 14 / 2^30 = 91.3
  });

  test('serving types: every Azure one is an online endpoint SKU; GPU figures agree with the catalog where it has the type', () => {
    const skus = ModelEndpointSpec.azureOnlineEndpointSkus();
    expect(ServingType.all(Cloud.AZURE).filter((t) => !skus.includes(t.name))).toEqual([]);
    for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
      const all = ServingType.all(cloud);
      expect(all.length).toBeGreaterThan(0);
      all.slice(1).forEach((t, i) => expect(t.totalMemoryGiB).toBeGreaterThanOrEqual(all[i].totalMemoryGiB));
      for (const t of all) {
        const catalog = InstanceType.all(cloud).find((x) => x.name === t.name.replace(/^ml\./, ''));
        if (catalog) expect([t.name, t.accelerator, t.acceleratorCount]).toEqual([t.name, catalog.accelerator, catalog.acceleratorCount]);
      }
    }
    expect(ServingType.of(Cloud.AWS, 'ML.P5.48XLARGE').totalMemoryGiB).toBe(640);
    expect(() => ServingType.of(Cloud.AWS, 'ml.g5.2xl')).toThrow(/unknown aws serving type 'ml.g5.2xl'. Closest known: ml\.g5/);
  });
});

describe('PlatformPlan: expectedDataTiB', () => {
  test('reaches the storage props (default 10)', () => {
    expect(PlatformPlan.of(Cloud.AWS, select(), options).storage.expectedDataTiB).toBe(10);
    expect(PlatformPlan.of(Cloud.GCP, select({ expectedDataTiB: 250 }), options).storage.expectedDataTiB).toBe(250);
  });

  test('fails on a negative amount', () => {
    expect(Requirements.validate({ ...base, expectedDataTiB: -1 })).toEqual([
      { property: 'expectedDataTiB', value: '-1', allowed: 'a number of TiB from 0 to 1000000' },
    ]);
  });
});

describe('the training scale is never reduced to a cap', () => {
  test('10,000 GPUs on Azure InfiniBand is refused with the placement group limit, not planned as 800', () => {
    const selection = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, trainingGpus: 10_000 });
    expect(() => PlatformPlan.of(Cloud.AZURE, selection, { project: 'big-lab', workload: 'pretraining' }, 'big/azure', 'eastus'))
      .toThrow(/- selection\.requirements\.trainingGpus = 10000: allowed: at most 800 on azure with Standard_ND96isr_H100_v5 \(10000 GPUs need 1250 nodes; .*placement group of at most 100 VMs/);
  });

  test('800 GPUs on Azure plans 100 nodes', () => {
    const selection = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, trainingGpus: 800 });
    expect(PlatformPlan.of(Cloud.AZURE, selection, { project: 'big-lab', workload: 'pretraining' }, 'big/azure', 'eastus').fleet.nodes).toBe(100);
  });
});
