import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GpuFleetSpec, GpuFleetSpecProps, InstanceType, aws } from '../../src';

export function stack(): Stack {
  return new Stack(new App(), 'Test');
}

/** A stack with a cluster network sized for the fleet props. */
export function withNetwork(fleet?: Partial<GpuFleetSpecProps>): { stack: Stack; network: aws.ClusterNetwork } {
  const s = stack();
  const network = new aws.ClusterNetwork(s, 'Network', {
    fleet: fleet ? new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, ...fleet } as GpuFleetSpecProps) : undefined,
  });
  return { stack: s, network };
}

export function launchTemplateData(t: Template): any {
  const lts = Object.values(t.findResources('AWS::EC2::LaunchTemplate'));
  expect(lts).toHaveLength(1);
  return (lts[0] as any).Properties.LaunchTemplateData;
}
