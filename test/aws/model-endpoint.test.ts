import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { withNetwork } from './util';
import { EndpointMode } from '../../src';
import * as aws from '../../src/aws';

function endpoint(props: any = {}) {
  const { stack, network } = withNetwork();
  const storage = new aws.TieredStorage(stack, 'Data');
  const e = new aws.ModelEndpoint(stack, 'Serving', { storage, network, ...props });
  return { stack, endpoint: e, get t() { return Template.fromStack(stack); } };
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
      EnableNetworkIsolation: false,
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
    endpoint({ instanceType: 'ml.inf2.xlarge' }).t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.anyValue() });
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

  test('autoscaling: 1 to 4 instances tracking invocations per instance, on the service-linked role', () => {
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 4,
      ResourceId: `endpoint/${e.endpointName}/variant/AllTraffic`,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      RoleARN: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint')])] }),
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, TargetValue: 200,
      }),
    });
  });

  test('alarms on p99 model latency (in microseconds), 5xx errors and idle hours', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ModelLatency', ExtendedStatistic: 'p99', Threshold: 1_000_000 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocation5XXErrors' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocations', TreatMissingData: 'breaching' });
  });

  test('grantInvoke gives InvokeEndpoint on this endpoint only', () => {
    const { stack, endpoint: e2 } = endpoint();
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    e2.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync'] })] },
    });
  });

  test('serverless: no instance type, no autoscaling target', () => {
    const s = endpoint({ mode: EndpointMode.SERVERLESS }).t;
    s.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [Match.objectLike({ ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 } })] });
    s.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
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
