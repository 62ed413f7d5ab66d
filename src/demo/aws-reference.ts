import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as aws from '../aws';
import { InstanceType } from '../core/catalog/instance-type';
import { GpuFleetSpec } from '../core/specs/gpu-fleet-spec';
import { HighThroughputTier } from '../core/specs/tiered-storage-spec';

export interface AwsReferenceStackProps extends StackProps {
  /** Training instance type (default p5.48xlarge). */
  instanceType?: string;
  /** Training nodes (default 2). */
  nodes?: number;
}

/** The AWS reference platform: the four constructs wired together. */
export class AwsReferenceStack extends Stack {
  public readonly network: aws.ClusterNetwork;
  public readonly fleet: aws.GpuFleet;
  public readonly storage: aws.TieredStorage;
  public readonly endpoint: aws.ModelEndpoint;

  constructor(scope: Construct, id: string, props: AwsReferenceStackProps = {}) {
    super(scope, id, props);
    const instanceType = InstanceType.of(props.instanceType ?? 'p5.48xlarge');
    const fleetSpec = { instanceType, nodes: props.nodes ?? 2 };
    this.network = new aws.ClusterNetwork(this, 'Network', {
      fleet: new GpuFleetSpec(fleetSpec),
    });
    this.fleet = new aws.GpuFleet(this, 'Training', { ...fleetSpec, network: this.network });
    this.storage = new aws.TieredStorage(this, 'Data', { network: this.network, highThroughput: HighThroughputTier.LUSTRE });
    this.storage.grantReadWrite(this.fleet);
    this.endpoint = new aws.ModelEndpoint(this, 'Serving', { storage: this.storage, network: this.network });
    Tags.of(this).add('project', 'ai-infra-reference', { excludeResourceTypes: ['AWS::ApplicationAutoScaling::ScalableTarget'] });
  }
}
