import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SubnetPlan } from '../core/specs/subnet-plan';

/** The subnet configuration names `ClusterNetwork` gives its VPC, and the plan's subnets of each. */
export const PUBLIC_SUBNETS = 'Public';
export const PRIVATE_SUBNETS = 'Private';

/**
 * The VPC's addresses from core's one subnet allocator (`ClusterNetworkSpec.subnetPlan`): the VPC range as given,
 * and for each subnet the Vpc asks for (by subnet configuration name, in zone order) the plan's CIDR. aws-cdk-lib's
 * Vpc then does no subnet arithmetic of its own. Internal.
 */
export class PlannedSubnets implements ec2.IIpAddresses {
  /**
   * @param cidr the VPC range
   * @param plan the subnets allocated in core for it
   * @param path the construct path the errors name
   */
  constructor(private readonly cidr: string, private readonly plan: SubnetPlan, private readonly path: string) {}

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const planned: Record<string, string[]> = { [PUBLIC_SUBNETS]: this.plan.publicSubnets, [PRIVATE_SUBNETS]: this.plan.privateSubnets };
    const taken: Record<string, number> = {};
    return {
      allocatedSubnets: input.requestedSubnets.map((r) => {
        const name = r.configuration.name;
        const i = taken[name] ?? 0;
        taken[name] = i + 1;
        const cidr = planned[name]?.[i];
        if (cidr === undefined) {
          throw new Error(`[ai-infra] internal: ClusterNetwork '${this.path}': the VPC asked for ${name} subnet ${i + 1} (${r.subnetConstructId}), ` +
            `the subnet plan has ${planned[name]?.length ?? 0}`);
        }
        return { cidr };
      }),
    };
  }
}
