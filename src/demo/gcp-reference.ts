import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { InstanceType } from '../core/catalog/instance-type';
import { GpuFleetSpec } from '../core/specs/gpu-fleet-spec';
import * as gcp from '../gcp';
import { TerraformStack } from '../tf';

export interface GcpReferenceStackProps {
  project?: string;
  region?: string;
  instanceType?: string;
  nodes?: number;
}

/** The Google Cloud reference platform: the four constructs wired together. */
export class GcpReferenceStack extends TerraformStack {
  public readonly network: gcp.ClusterNetwork;
  public readonly fleet: gcp.GpuFleet;
  public readonly storage: gcp.TieredStorage;
  public readonly endpoint: gcp.ModelEndpoint;

  constructor(scope: Construct, id: string, props: GcpReferenceStackProps = {}) {
    super(scope, id);
    const project = props.project ?? 'ai-infra-demo';
    const region = props.region ?? 'us-east4'; // a3-megagpu-8g is not offered in us-central1
    new GoogleProvider(this, 'google', { project, region });
    const fleetProps = { instanceType: InstanceType.of(props.instanceType ?? 'a3-megagpu-8g'), nodes: props.nodes ?? 2 };
    this.network = new gcp.ClusterNetwork(this, 'Network', { project, region, zone: `${region}-a`, fleet: new GpuFleetSpec(fleetProps) });
    this.fleet = new gcp.GpuFleet(this, 'Training', { ...fleetProps, network: this.network });
    this.storage = new gcp.TieredStorage(this, 'Data', { project, location: region });
    this.storage.grantReadWrite(this.fleet.member);
    this.endpoint = new gcp.ModelEndpoint(this, 'Serving', { network: this.network });
  }
}
