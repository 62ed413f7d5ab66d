import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { InstanceType, PurchaseOption, aws } from '../../src';
import { factsOf } from '../helpers';

/**
 * Facts are read by construct identity (the manifest's logical IDs), never by position or by instance type:
 * each stack below declares the resources that mislead a positional reader first.
 */
interface Options {
  /** Resources of the same kinds that are not the library's, declared before the library's own. */
  readonly foreign?: boolean;
  /** Escape hatches on the library's resources. */
  readonly overrides?: boolean;
}

function platform(options: Options = {}) {
  const stack = new Stack(new App(), 'Test');
  if (options.foreign) {
    new ec2.CfnLaunchTemplate(stack, 'ForeignLaunchTemplate', { launchTemplateData: { instanceType: 'p5.48xlarge' } });
    new s3.Bucket(stack, 'ForeignBucket', { lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }] }] });
    new appscaling.CfnScalableTarget(stack, 'ForeignTarget', {
      serviceNamespace: 'sagemaker', resourceId: 'endpoint/other/variant/AllTraffic', scalableDimension: 'sagemaker:variant:DesiredInstanceCount', minCapacity: 5, maxCapacity: 9,
    });
    new sagemaker.CfnModel(stack, 'ForeignModel', { executionRoleArn: 'arn:aws:iam::123456789012:role/other', primaryContainer: { image: 'other' } });
  }
  const type = InstanceType.G6E_XLARGE;
  // no fleet spec: the network serves two fleets of different sizes
  const network = new aws.ClusterNetwork(stack, 'Network');
  // the spot fleet first: the on-demand one must not take its launch template or its group
  const spot = new aws.GpuFleet(stack, 'SpotFleet', { instanceType: type, nodes: 3, network, purchase: PurchaseOption.spot() });
  new aws.GpuFleet(stack, 'OnDemandFleet', { instanceType: type, nodes: 2, network });
  const storage = new aws.TieredStorage(stack, 'Data');
  const fixed = new aws.ModelEndpoint(stack, 'Fixed', { storage, network, modelArtifact: 'models/model.tar.gz', minInstances: 2, maxInstances: 2 });
  const scaled = new aws.ModelEndpoint(stack, 'Scaled', { storage, network, modelArtifact: 'models/model.tar.gz', minInstances: 1, maxInstances: 8 });
  if (options.overrides) {
    const group = spot.autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    group.addPropertyOverride('MinSize', '5');
    group.addPropertyOverride('MaxSize', '6');
    fixed.endpointConfig!.addPropertyOverride('ProductionVariants.0.InstanceType', 'ml.g6.xlarge');
    (scaled.scalableTarget!.node.defaultChild as appscaling.CfnScalableTarget).addPropertyOverride('MaxCapacity', 12);
    (storage.bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
  }
  return factsOf(Template.fromStack(stack).toJSON());
}

const g6e = { instanceType: 'g6e.xlarge', configuredGbps: 20, maxGbps: InstanceType.G6E_XLARGE.maxGbps, placement: false, hoursPerWeek: 168 };

describe('aws facts by construct identity', () => {
  const facts = platform();

  test('two endpoints, fixed 2-2 and autoscaled 1-8: each with its own range', () => {
    expect(facts.endpoints).toEqual([
      { path: 'Test/Fixed', instanceType: 'ml.g5.xlarge', minInstances: 2, maxInstances: 2, autoscaling: false, private: true },
      { path: 'Test/Scaled', instanceType: 'ml.g5.xlarge', minInstances: 1, maxInstances: 8, autoscaling: true, private: true },
    ]);
  });

  test('two fleets of one type, spot declared first: each with its own purchase and size', () => {
    expect(facts.fleets).toEqual([
      { path: 'Test/SpotFleet', nodes: 3, purchase: 'spot', ...g6e },
      { path: 'Test/OnDemandFleet', nodes: 2, purchase: 'on-demand', ...g6e },
    ]);
  });

  test('storage: the data bucket only, by path (not the access log bucket)', () => {
    expect(facts.storage).toEqual([{
      path: 'Test/Data',
      dataTiB: 10,
      tiered: true,
      versioned: true,
      customerManagedKey: false,
      highThroughput: false,
      classes: ['STANDARD_IA', 'GLACIER_IR', 'DEEP_ARCHIVE'],
      transitions: [{ storageClass: 'STANDARD_IA', afterDays: 30 }, { storageClass: 'GLACIER_IR', afterDays: 90 }, { storageClass: 'DEEP_ARCHIVE', afterDays: 365 }],
    }]);
  });

  test('a foreign launch template, bucket, scalable target and model are not reported, and ours are unchanged', () => {
    const withForeign = platform({ foreign: true });
    expect(withForeign.fleets).toEqual(facts.fleets);
    expect(withForeign.storage).toEqual(facts.storage);
    expect(withForeign.endpoints).toEqual(facts.endpoints);
  });

  test('escape-hatch overrides on our resources show in the facts', () => {
    const overridden = platform({ foreign: true, overrides: true });
    expect(overridden.fleets.map((f) => [f.path, f.nodes, f.purchase])).toEqual([['Test/SpotFleet', 5, 'spot'], ['Test/OnDemandFleet', 2, 'on-demand']]);
    expect(overridden.endpoints).toEqual([
      { path: 'Test/Fixed', instanceType: 'ml.g6.xlarge', minInstances: 2, maxInstances: 2, autoscaling: false, private: true },
      { path: 'Test/Scaled', instanceType: 'ml.g5.xlarge', minInstances: 1, maxInstances: 12, autoscaling: true, private: true },
    ]);
    expect(overridden.storage.map((x) => [x.path, x.versioned])).toEqual([['Test/Data', false]]);
  });

  test('a template without a manifest has no fleets, storage or endpoints', () => {
    const stack = new Stack(new App(), 'Plain');
    new ec2.CfnLaunchTemplate(stack, 'Lt', { launchTemplateData: { instanceType: 'p5.48xlarge' } });
    new s3.Bucket(stack, 'Bucket', { lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }] }] });
    const plain = factsOf(Template.fromStack(stack).toJSON());
    expect([plain.fleets, plain.storage, plain.endpoints]).toEqual([[], [], []]);
  });
});
