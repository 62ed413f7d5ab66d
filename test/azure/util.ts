import { Testing, TerraformStack } from 'cdktf';
import { azure, GpuFleetSpec, GpuFleetSpecProps, InstanceType } from '../../src';
import { synthTerraform } from '../helpers';

Testing.setupJest();

/** Where the test resources go. */
export const where = { resourceGroupName: 'rg-ml', location: 'eastus' };

/** The public half of an ed25519 key whose private half was discarded (the scale sets need one). */
export const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-test (private key discarded)';

/** Synthesizes one stack `build` fills, as Terraform JSON (with its facts manifest). */
export function synth(build: (s: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return synthTerraform(stack);
}

/** The resources of one type, in declaration order. */
export function resources(doc: any, type: string): any[] {
  return Object.values(doc.resource?.[type] ?? {});
}

/** The Terraform addresses (`type.name`) of one type. */
export function addresses(doc: any, type: string): string[] {
  return Object.keys(doc.resource?.[type] ?? {}).map((n) => `${type}.${n}`);
}

/** A cluster network in `where`, sized for an ND H100 v5 fleet with `fleet` props when given. */
export function network(s: TerraformStack, fleet?: Partial<GpuFleetSpecProps>, extra: Partial<azure.ClusterNetworkProps> = {}): azure.ClusterNetwork {
  return new azure.ClusterNetwork(s, 'Network', {
    ...where,
    ...extra,
    fleet: fleet ? new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, ...fleet } as GpuFleetSpecProps) : undefined,
  });
}

/** A stack with one fleet of `type` (and `extra` props) on a network sized for it. */
export function fleetDoc(type: string, extra: Partial<azure.GpuFleetProps> = {}): any {
  return synth((s) => {
    const props = { instanceType: InstanceType.of(type), ...extra };
    new azure.GpuFleet(s, 'Fleet', { ...props, network: network(s, props), adminSshPublicKey: SSH_PUBLIC_KEY });
  });
}
