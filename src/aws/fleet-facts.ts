import { InstanceType } from '../core/catalog/instance-type';
import { FleetJson } from '../core/facts';

/**
 * Reads the GPU fleets out of a synthesized CloudFormation template: the instance type and the network
 * interfaces of every launch template, the desired size of the auto scaling group that uses it, and the
 * bandwidth those interfaces give according to the catalog. Nothing is taken from the constructs.
 */
export function awsFleetsFromTemplate(template: any): FleetJson[] {
  const resources: Record<string, any> = template.Resources ?? {};
  const fleets: FleetJson[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::EC2::LaunchTemplate') continue;
    const data = r.Properties?.LaunchTemplateData ?? {};
    const typeName: string | undefined = data.InstanceType;
    if (!typeName) continue;
    let type: InstanceType;
    try {
      type = InstanceType.of(typeName);
    } catch {
      continue; // not a catalog type: not a GPU fleet
    }
    const nics: any[] = data.NetworkInterfaces ?? [];
    const fabric = nics.filter((n) => n.InterfaceType === 'efa' || n.InterfaceType === 'efa-only').length;
    const host = nics.filter((n) => n.InterfaceType === undefined || n.InterfaceType === 'interface').length || (nics.length === 0 ? 1 : 0);
    const asg = Object.values(resources).find((x: any) => x.Type === 'AWS::AutoScaling::AutoScalingGroup' &&
      JSON.stringify(x.Properties?.LaunchTemplate ?? x.Properties?.MixedInstancesPolicy ?? {}).includes(`"${id}"`)) as any;
    const path: string = r.Metadata?.['aws:cdk:path'] ?? id;
    fleets.push({
      path: path.replace(/\/LaunchTemplate(\/Resource)?$/, ''),
      instanceType: type.name,
      nodes: Number(asg?.Properties?.DesiredCapacity ?? asg?.Properties?.MinSize ?? 0),
      configuredGbps: type.configuredGbps(host, fabric),
      maxGbps: type.maxGbps,
    });
  }
  return fleets;
}
