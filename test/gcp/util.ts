import { Testing, TerraformStack } from 'cdktf';
import { GpuFleetSpecProps, GpuFleetSpec, InstanceType, gcp } from '../../src';
import { synthTerraform } from '../helpers';

Testing.setupJest();

export function synth(build: (stack: TerraformStack) => void): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return synthTerraform(stack);
}

/** The synthesized JSON string, for the cdktf matchers. */
export function synthString(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return Testing.synth(stack);
}

export function resources(doc: any, type: string): any[] {
  return Object.values(doc.resource?.[type] ?? {});
}

export function network(stack: TerraformStack, fleet?: Partial<GpuFleetSpecProps>): gcp.ClusterNetwork {
  return new gcp.ClusterNetwork(stack, 'Network', {
    project: 'my-project',
    region: 'us-east4',
    fleet: fleet ? new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, ...fleet } as GpuFleetSpecProps) : undefined,
  });
}

/** A stack with a fleet of `instanceType` (and `extra` props) on a network made for it. */
export function fleetDoc(instanceType: string, extra: any = {}): any {
  return synth((s) => {
    const fleetProps = { instanceType: InstanceType.of(instanceType), ...extra };
    const net = network(s, fleetProps);
    new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: net });
  });
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** cdktf's matcher (Testing.setupJest()). */
      toHaveResourceWithProperties(resource: { tfResourceType: string }, properties: Record<string, unknown>): R;
    }
  }
}
