import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, TrainingPlatformStack } from '../../examples/aws/app';

test('the AWS example synthesizes a spot p5 fleet with 32 EFA interfaces, Express One Zone and an endpoint', () => {
  const app = buildApp(new App());
  const t = Template.fromStack(app.node.findChild('TrainingPlatform') as TrainingPlatformStack);
  const lt: any = Object.values(t.findResources('AWS::EC2::LaunchTemplate'))[0];
  expect(lt.Properties.LaunchTemplateData.NetworkInterfaces.filter((n: any) => n.InterfaceType === 'efa-only')).toHaveLength(32);
  t.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MixedInstancesPolicy: { InstancesDistribution: { SpotAllocationStrategy: 'capacity-optimized' } } });
  t.resourceCountIs('AWS::S3Express::DirectoryBucket', 1);
  // the first deploy: no artifact yet, so no SageMaker model or endpoint (the stack deploys from empty)
  t.resourceCountIs('AWS::SageMaker::Endpoint', 0);
});

test('the AWS example\'s second deploy (-c modelArtifact=...) creates the endpoint on the uploaded artifact', () => {
  const app = buildApp(new App({ context: { modelArtifact: 'models/model.tar.gz' } }));
  const t = Template.fromStack(app.node.findChild('TrainingPlatform') as TrainingPlatformStack);
  t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [{ InstanceType: 'ml.g6.xlarge' }] });
  t.resourceCountIs('AWS::SageMaker::Endpoint', 1);
});
