import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { withNetwork } from './util';
import { Cloud, EndpointMode, EndpointScaling, ServingType, aws } from '../../src';
import { factsFromCloudFormation } from '../../src/aws/facts';

function endpoint(props: any = {}, stackProps?: StackProps) {
  const { stack, network } = stackProps ? inStack(stackProps) : withNetwork();
  const storage = new aws.TieredStorage(stack, 'Data');
  // the model's artifact is in the bucket (the second deploy); pending endpoints are tested below without it
  const e = new aws.ModelEndpoint(stack, 'Serving', { storage, network, modelArtifact: 'models/model.tar.gz', ...props });
  return { stack, endpoint: e, get t() { return Template.fromStack(stack); } };
}

function inStack(stackProps: StackProps) {
  const stack = new Stack(new App(), 'Test', stackProps);
  return { stack, network: new aws.ClusterNetwork(stack, 'Network') };
}

/** The target-tracking configuration of the endpoint's one scaling policy. */
function tracking(t: Template): any {
  const policies = Object.values<any>(t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.TargetTrackingScalingPolicyConfiguration;
}

describe('aws.ModelEndpoint', () => {
  const { t, endpoint: e } = endpoint();

  test('model: artifact from the bucket, private subnets, execution role', () => {
    t.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: {
        ModelDataUrl: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^DataBucket') }, '/models/model.tar.gz']] },
        Image: Match.anyValue(),
      },
      VpcConfig: { Subnets: [Match.anyValue(), Match.anyValue()], SecurityGroupIds: [Match.anyValue()] },
      EnableNetworkIsolation: true,
    });
  });

  test('endpoint config: ml.g5.xlarge, data capture to the bucket at 20%, no volume key (g5 has instance storage)', () => {
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1, VariantName: 'AllTraffic' })],
      DataCaptureConfig: Match.objectLike({ EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: Match.anyValue(), KmsKeyId: Match.anyValue() }),
    });
    const cfg: any = Object.values(t.findResources('AWS::SageMaker::EndpointConfig'))[0];
    expect(cfg.Properties.KmsKeyId).toBeUndefined();
  });

  test('a type without instance storage gets the volume key', () => {
    endpoint({ instanceType: 'ml.m5.xlarge', scaling: EndpointScaling.cpuUtilization(70) }).t
      .hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.anyValue() });
  });

  test('endpoint: blue/green canary with automatic rollback on the latency and error alarms', () => {
    t.hasResourceProperties('AWS::SageMaker::Endpoint', {
      EndpointName: e.endpointName,
      DeploymentConfig: {
        BlueGreenUpdatePolicy: Match.objectLike({ TrafficRoutingConfiguration: Match.objectLike({ Type: 'CANARY' }) }),
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: { Ref: Match.stringLikeRegexp('ServingLatencyAlarm') } }, { AlarmName: { Ref: Match.stringLikeRegexp('ServingErrorAlarm') } }] },
      },
    });
  });

  test('autoscaling: 1 to 4 instances tracking GPU utilization (the default 60%), on the service-linked role', () => {
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 4,
      ResourceId: `endpoint/${e.endpointName}/variant/AllTraffic`,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      RoleARN: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint')])] }),
    });
    expect(tracking(t)).toEqual({
      CustomizedMetricSpecification: {
        MetricName: 'GPUUtilization',
        Namespace: '/aws/sagemaker/Endpoints',
        Statistic: 'Average',
        Dimensions: [{ Name: 'EndpointName', Value: e.endpointName }, { Name: 'VariantName', Value: 'AllTraffic' }],
      },
      TargetValue: 60, // ml.g5.xlarge has one GPU
      ScaleInCooldown: 600,
      ScaleOutCooldown: 120,
    });
  });

  test('alarms on p99 model latency (in microseconds), 5xx errors and idle hours', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ModelLatency', ExtendedStatistic: 'p99', Threshold: 1_000_000 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocation5XXErrors' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocations', TreatMissingData: 'breaching' });
  });

  test('grantInvoke gives InvokeEndpoint on this endpoint only, through the network\'s runtime endpoint (privateOnly)', () => {
    const { stack, endpoint: e2 } = endpoint();
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    e2.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync'],
          Condition: { StringEquals: { 'aws:SourceVpce': { Ref: Match.stringLikeRegexp('^NetworkVpcSagemakerRuntime') } } },
        })],
      },
    });
  });

  test('privateOnly false: grantInvoke carries no endpoint condition', () => {
    const { stack, endpoint: e2 } = endpoint({ privateOnly: false });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    e2.grantInvoke(role);
    const policy: any = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([expect.not.objectContaining({ Condition: expect.anything() })]);
  });

  test('the model waits for its role\'s managed policy', () => {
    const model: any = Object.values(t.findResources('AWS::SageMaker::Model'))[0];
    expect(model.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ServingExecutionRolePolicy/)]));
  });

  test('serverless: no instance type, no autoscaling target', () => {
    const s = endpoint({ mode: EndpointMode.SERVERLESS }).t;
    s.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [Match.objectLike({ ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 } })] });
    s.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  test('serverless: no data capture (and no grant for it), no VPC configuration, the CPU container', () => {
    const s = endpoint({ mode: EndpointMode.SERVERLESS }).t;
    const cfg: any = Object.values(s.findResources('AWS::SageMaker::EndpointConfig'))[0];
    expect(cfg.Properties.DataCaptureConfig).toBeUndefined();
    const model: any = Object.values(s.findResources('AWS::SageMaker::Model'))[0];
    expect(model.Properties.VpcConfig).toBeUndefined();
    expect(JSON.stringify(model.Properties.PrimaryContainer.Image)).toContain('pytorch-inference:2.3.0-cpu-py311-ubuntu20.04-sagemaker');
    expect(JSON.stringify(s.findResources('AWS::IAM::ManagedPolicy'))).not.toContain('data-capture/');
  });

  test.each<[string, any]>([['dataCapturePercent', { dataCapturePercent: 30 }], ['networkIsolation', { networkIsolation: true }]])(
    'fails on an explicit %s with a serverless endpoint, saying serverless does not support it', (prop, props) => {
      expect(() => endpoint({ mode: EndpointMode.SERVERLESS, ...props }))
        .toThrow(new RegExp(`ModelEndpoint 'Test/Serving': invalid property\\n {2}- ${prop} = .*: allowed: on AWS: .* with mode serverless \\(SageMaker Serverless Inference supports no data capture`));
    });

  test('async: output to the bucket', () => {
    endpoint({ mode: EndpointMode.ASYNC }).t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      AsyncInferenceConfig: { OutputConfig: Match.objectLike({ S3OutputPath: Match.anyValue() }), ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 } },
    });
  });

  test.each<[string, any, RegExp]>([
    ['autoscaling on ml.t2', { instanceType: 'ml.t2.medium' }, /instanceType = 'ml.t2.medium': allowed: a non-burstable type when autoscaling/],
    ['a non-SageMaker type', { instanceType: 'g5.xlarge' }, /instanceType = 'g5.xlarge': allowed: a SageMaker instance type/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => endpoint(props)).toThrow(msg);
  });
});

describe('aws.ModelEndpoint scaling', () => {
  test.each(ServingType.all(Cloud.AWS).map((st) => [st.name, st.acceleratorCount] as const))(
    'gpuUtilization(50) on %s tracks GPUUtilization at 50 x its %d GPUs (SageMaker sums over the GPUs)', (type, gpus) => {
      expect(tracking(endpoint({ instanceType: type, scaling: EndpointScaling.gpuUtilization(50) }).t)).toMatchObject({
        CustomizedMetricSpecification: { MetricName: 'GPUUtilization', Namespace: '/aws/sagemaker/Endpoints' }, TargetValue: 50 * gpus,
      });
    });

  test('cpuUtilization(70) on ml.m5.xlarge tracks CPUUtilization at 70 x 4 vCPUs', () => {
    expect(tracking(endpoint({ instanceType: 'ml.m5.xlarge', scaling: EndpointScaling.cpuUtilization(70) }).t)).toMatchObject({
      CustomizedMetricSpecification: { MetricName: 'CPUUtilization', Namespace: '/aws/sagemaker/Endpoints', Statistic: 'Average' }, TargetValue: 280,
    });
  });

  test.each<[string, any, number]>([
    ['requestsPerInstance(300)', { scaling: EndpointScaling.requestsPerInstance(300) }, 300],
    ['the deprecated targetInvocationsPerInstance: 250', { targetInvocationsPerInstance: 250 }, 250],
  ])('%s tracks the predefined SageMakerVariantInvocationsPerInstance', (_n, props, target) => {
    expect(tracking(endpoint(props).t)).toEqual({
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, TargetValue: target, ScaleInCooldown: 600, ScaleOutCooldown: 120,
    });
  });

  test.each<[string, any, RegExp]>([
    ['GPU tracking (the default) on a type without GPUs', { instanceType: 'ml.m5.xlarge' },
      /scaling = 'gpu-utilization 60 \(the default\)': allowed: on AWS: cpuUtilization\(percent\) or requestsPerInstance\(perMinute\) for ml.m5.xlarge \(it has no NVIDIA GPUs\)/],
    ['GPU tracking on Inferentia', { instanceType: 'ml.inf2.xlarge', image: 'my-neuron-image', scaling: EndpointScaling.gpuUtilization(50) },
      /scaling = 'gpu-utilization 50': allowed: on AWS: cpuUtilization\(percent\) or requestsPerInstance\(perMinute\) for ml.inf2.xlarge/],
    ['GPU tracking on a type of unknown GPU count', { instanceType: 'ml.g7.xlarge', scaling: EndpointScaling.gpuUtilization(50) },
      /scaling = 'gpu-utilization 50': allowed: on AWS: requestsPerInstance\(perMinute\) for ml.g7.xlarge, whose GPU count is not known/],
    ['CPU tracking on a type of unknown vCPU count', { instanceType: 'ml.c7i.xlarge', scaling: EndpointScaling.cpuUtilization(50) },
      /scaling = 'cpu-utilization 50': allowed: on AWS: requestsPerInstance\(perMinute\) for ml.c7i.xlarge, whose vCPU count is not known/],
    ['scaling where autoscaling does not apply', { minInstances: 2, maxInstances: 2, scaling: EndpointScaling.gpuUtilization(50) },
      /scaling = 'gpu-utilization 50': allowed: on AWS: unset unless autoscaling applies/],
    ['targetInvocationsPerInstance on an async endpoint', { mode: EndpointMode.ASYNC, targetInvocationsPerInstance: 300 },
      /targetInvocationsPerInstance = 300: allowed: on AWS: unset unless autoscaling applies/],
  ])('fails on %s, naming the path, the property and what AWS supports', (_n, props, msg) => {
    expect(() => endpoint(props)).toThrow(/\[ai-infra\] ModelEndpoint 'Test\/Serving': invalid property/);
    expect(() => endpoint(props)).toThrow(msg);
  });

  test('metricGpuUtilization and metricCpuUtilization read the endpoint instance metrics', () => {
    const { endpoint: e } = endpoint();
    expect(e.metricGpuUtilization().namespace).toBe('/aws/sagemaker/Endpoints');
    expect(e.metricCpuUtilization().metricName).toBe('CPUUtilization');
  });
});

describe('aws.ModelEndpoint default image by region', () => {
  const image = (t: Template) => (Object.values<any>(t.findResources('AWS::SageMaker::Model'))[0]).Properties.PrimaryContainer.Image;

  test.each([['us-east-1', '763104351884'], ['ap-east-1', '871362719292'], ['af-south-1', '626614931356'], ['il-central-1', '780543022126']])(
    'in %s the Deep Learning Container comes from account %s', (region, account) => {
      const t = endpoint({}, { env: { region } }).t;
      expect(image(t)).toEqual({ 'Fn::Join': ['', [`${account}.dkr.ecr.`, { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/pytorch-inference:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker']] });
      expect(t.toJSON().Mappings).toBeUndefined();
    });

  test('a stack without a region looks the account up in a mapping over the known regions', () => {
    const t = endpoint().t;
    const mappings = t.toJSON().Mappings;
    const [mappingId] = Object.keys(mappings);
    expect(mappings[mappingId]).toMatchObject({ 'us-east-1': { account: '763104351884' }, 'ap-east-1': { account: '871362719292' }, 'af-south-1': { account: '626614931356' } });
    expect(image(t)['Fn::Join'][1][0]).toEqual({ 'Fn::FindInMap': [mappingId, { Ref: 'AWS::Region' }, 'account'] });
  });

  // every region of the catalog (src/core/catalog/regions.ts) has a registry account; any other region is refused first
  test('fails in a region outside the catalog, naming the region', () => {
    expect(() => endpoint({}, { env: { region: 'xx-nowhere-9' } }))
      .toThrow(/ClusterNetwork 'Test\/Network': invalid property\n {2}- region \(the stack's env\) = 'xx-nowhere-9': allowed: an AWS region of the catalog/);
  });

  test('an explicit image is used as given', () => {
    const t = endpoint({ image: '111122223333.dkr.ecr.mx-central-1.amazonaws.com/mine:1' }, { env: { region: 'mx-central-1' } }).t;
    expect(image(t)).toBe('111122223333.dkr.ecr.mx-central-1.amazonaws.com/mine:1');
  });

  test('fails on an Inferentia type without an image (the default container needs CUDA or a CPU)', () => {
    expect(() => endpoint({ instanceType: 'ml.inf2.xlarge', scaling: EndpointScaling.requestsPerInstance(100) }))
      .toThrow(/image = 'unset': allowed: on AWS: an image URI for ml.inf2.xlarge \(a Neuron container/);
  });
});

describe('aws.ModelEndpoint reachability: the container reaches its model data, image and logs', () => {
  test('the model runs in a security group of its own with HTTPS out (the interface endpoints admit HTTPS from the VPC)', () => {
    const { stack, network } = withNetwork();
    const storage = new aws.TieredStorage(stack, 'Data', { network });
    const serving = new aws.ModelEndpoint(stack, 'Serving', { storage, network, modelArtifact: 'models/model.tar.gz' });
    const t = Template.fromStack(stack);
    const model = Object.values(t.findResources('AWS::SageMaker::Model'))[0] as any;
    const groups = model.Properties.VpcConfig.SecurityGroupIds.map((g: any) => g['Fn::GetAtt'][0]);
    expect(groups).toEqual([stack.getLogicalId(serving.securityGroup!.node.defaultChild as any)]);
    const sg = t.toJSON().Resources[groups[0]];
    expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })]);
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    // the interface endpoints (ECR, CloudWatch Logs, ...) take HTTPS from the VPC range the model's subnets are in
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints: HTTPS from inside the VPC',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.40.0.0/16', FromPort: 443, ToPort: 443 })],
    });
  });
});

describe('aws.ModelEndpoint from an empty account: the first deploy without an artifact', () => {
  function first(props: any = {}) {
    const { stack, network } = withNetwork();
    const storage = new aws.TieredStorage(stack, 'Data', { network });
    const e = new aws.ModelEndpoint(stack, 'Serving', { storage, network, ...props });
    return { stack, e, t: Template.fromStack(stack) };
  }

  test('no modelArtifact: no SageMaker model, endpoint configuration, endpoint or scaling; the role, key, group and alarms are there', () => {
    const { t, e, stack } = first();
    expect(e.pending).toBe(true);
    t.resourceCountIs('AWS::SageMaker::Model', 0);
    t.resourceCountIs('AWS::SageMaker::EndpointConfig', 0);
    t.resourceCountIs('AWS::SageMaker::Endpoint', 0);
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    expect(e.model).toBeUndefined();
    expect(e.endpoint).toBeUndefined();
    expect(e.idleAlarm).toBeUndefined(); // it would fire on the endpoint that does not exist yet
    expect(stack.resolve((e.role.node.defaultChild as any).logicalId)).toBeDefined();
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('p99 model latency') });
    // the role may already read where the second step uploads the artifact
    expect(JSON.stringify(t.toJSON())).toContain('/models/model.tar.gz');
  });

  test('no modelArtifact: a synth-time warning names the second step; the facts record the endpoint as pending', () => {
    const { stack, t } = first();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Serving is pending: no modelArtifact'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(/upload the model\.tar\.gz .* set modelArtifact: 'models\/model\.tar\.gz' .* deploy again/);
    const facts = factsFromCloudFormation(t.toJSON());
    expect(facts.endpoints).toEqual([expect.objectContaining({ path: 'Test/Serving', instanceType: 'ml.g5.xlarge', pending: true, autoscaling: false })]);
  });

  test('with modelArtifact (a key in the bucket): the model, configuration and endpoint exist and point at it; no warning', () => {
    const { stack, t, e } = first({ modelArtifact: 'models/v2/model.tar.gz' });
    expect(e.pending).toBe(false);
    t.resourceCountIs('AWS::SageMaker::Endpoint', 1);
    t.resourceCountIs('AWS::SageMaker::EndpointConfig', 1);
    t.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: Match.objectLike({ ModelDataUrl: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^DataBucket') }, '/models/v2/model.tar.gz']] } }),
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('is pending'))).toHaveLength(0);
  });

  test('with an s3:// modelArtifact in another bucket: the model points at it and the role may read that object', () => {
    const { t } = first({ modelArtifact: 's3://models-of-the-team/llm/model.tar.gz' });
    t.hasResourceProperties('AWS::SageMaker::Model', { PrimaryContainer: Match.objectLike({ ModelDataUrl: 's3://models-of-the-team/llm/model.tar.gz' }) });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::models-of-the-team/llm/model.tar.gz']] } })]) },
    });
  });

  test('a modelArtifact that is neither a key nor an s3:// URI fails, naming the property', () => {
    expect(() => first({ modelArtifact: 'gs://bucket/model' })).toThrow(/modelArtifact = 'gs:\/\/bucket\/model': allowed: an s3:\/\/bucket\/key URI/);
    expect(() => first({ modelArtifact: 'models/a.tar.gz', modelDataKey: 'models/a.tar.gz' })).toThrow(/modelDataKey = 'models\/a.tar.gz': allowed: unset when modelArtifact is set/);
  });
});
