import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TerraformStack, Testing } from 'cdktf';
import { aws, azure, gcp, GpuFleetSpec, InstanceType, PurchaseOption } from '../../src';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

const tf = (build: (s: TerraformStack) => void): any => {
  const s = new TerraformStack(Testing.app(), 'test');
  build(s);
  return JSON.parse(Testing.synth(s));
};
const res = (doc: any, type: string): any[] => Object.values(doc.resource?.[type] ?? {});

describe('GpuFleet takes its spec from the cluster network when given only the network', () => {
  test('aws: the type and node count of the network\'s fleet spec', () => {
    const s = new Stack(new App(), 'Test');
    const network = new aws.ClusterNetwork(s, 'Network', { fleet: new GpuFleetSpec({ instanceType: InstanceType.P4D_24XLARGE, nodes: 3 }) });
    const fleet = new aws.GpuFleet(s, 'Fleet', { network });
    expect([fleet.spec.instanceType, fleet.spec.nodes]).toEqual([InstanceType.P4D_24XLARGE, 3]);
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { InstanceType: 'p4d.24xlarge' } });
    t.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '3' });
  });

  test('gcp: the machine type and target size of the network\'s fleet spec', () => {
    const doc = tf((s) => {
      const network = new gcp.ClusterNetwork(s, 'Network', {
        project: 'demo-project', region: 'us-east4', fleet: new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2 }),
      });
      new gcp.GpuFleet(s, 'Fleet', { network });
    });
    expect(res(doc, 'google_compute_instance_template').map((x) => x.machine_type)).toEqual(['a3-megagpu-8g']);
    expect(res(doc, 'google_compute_instance_group_manager').map((x) => x.target_size)).toEqual([2]);
  });

  test('azure: the SKU and instance count of the network\'s fleet spec', () => {
    const doc = tf((s) => {
      const network = new azure.ClusterNetwork(s, 'Network', {
        resourceGroupName: 'rg', location: 'eastus', fleet: new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes: 2 }),
      });
      new azure.GpuFleet(s, 'Fleet', { network, adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
    });
    const vmss = res(doc, 'azurerm_linux_virtual_machine_scale_set');
    expect(vmss.map((x) => [x.sku, x.instances])).toEqual([['Standard_ND96isr_H100_v5', 2]]);
  });

  test('props the fleet gives itself are kept; equal ones on both sides are no conflict', () => {
    const s = new Stack(new App(), 'Test');
    const network = new aws.ClusterNetwork(s, 'Network', {
      fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 2, purchase: PurchaseOption.spot() }),
    });
    const fleet = new aws.GpuFleet(s, 'Fleet', { network, instanceType: InstanceType.P5_48XLARGE, purchase: PurchaseOption.spot(), gpuMetrics: false });
    expect([fleet.spec.nodes, fleet.spec.purchase.kind, fleet.spec.gpuMetrics]).toEqual([2, 'spot', false]);
  });

  test('fails when the fleet and the network\'s fleet spec give different values, naming both', () => {
    const s = new Stack(new App(), 'Test');
    const network = new aws.ClusterNetwork(s, 'Network', { fleet: new GpuFleetSpec({ instanceType: InstanceType.P4D_24XLARGE, nodes: 3 }) });
    expect(() => new aws.GpuFleet(s, 'Fleet', { network, instanceType: InstanceType.P5_48XLARGE, nodes: 4 }))
      .toThrow(/GpuFleet 'Test\/Fleet': invalid properties\n {2}- instanceType = 'p5\.48xlarge': allowed: unset, or 'p4d\.24xlarge' as in the cluster network's fleet spec[^\n]*\n {2}- nodes = 4: allowed: unset, or 3 as/);
  });

  test('gcp and azure refuse an efaInterfaceMode the network\'s fleet spec carries (an AWS prop), naming it', () => {
    // aws.GpuFleetProps' own: a JavaScript fleet spec may still carry it; the fleet inherits it and its capability table refuses it
    const withMode = (instanceType: InstanceType) => new GpuFleetSpec({ instanceType, nodes: 2, efaInterfaceMode: 'efa' } as any);
    expect(() => tf((s) => {
      const network = new gcp.ClusterNetwork(s, 'Network', { project: 'demo-project', region: 'us-east4', fleet: withMode(InstanceType.A3_MEGAGPU_8G) });
      new gcp.GpuFleet(s, 'Fleet', { network });
    })).toThrow(/GpuFleet 'test\/Fleet'[\s\S]*- efaInterfaceMode = 'efa': allowed: on Google Cloud: unset/);
    expect(() => tf((s) => {
      const network = new azure.ClusterNetwork(s, 'Network', { resourceGroupName: 'rg', location: 'eastus', fleet: withMode(InstanceType.STANDARD_ND96ISR_H100_V5) });
      new azure.GpuFleet(s, 'Fleet', { network, adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
    })).toThrow(/GpuFleet 'test\/Fleet'[\s\S]*- efaInterfaceMode = 'efa': allowed: on Azure: unset/);
  });

  test('fails when no instance type is given anywhere', () => {
    const doc = () => tf((s) => {
      const network = new gcp.ClusterNetwork(s, 'Network', { project: 'demo-project', region: 'us-east4' });
      new gcp.GpuFleet(s, 'Fleet', { network });
    });
    expect(doc).toThrow(/GpuFleet 'test\/Fleet'[\s\S]*- instanceType = undefined: allowed: an InstanceType from the catalog[^\n]*cluster network's fleet spec/);
  });
});
