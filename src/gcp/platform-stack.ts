import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { PlatformMonitoring } from './platform-monitoring';
import { TieredStorage } from './tiered-storage';
import { Cloud } from '../core/catalog/cloud';
import { PlatformOptions, PlatformPlan } from '../core/plan';
import { Selection } from '../core/strategy';
import { load } from '../lazy';
import { TerraformOutput, TerraformStack, TerraformVariable } from '../tf';

/** Properties of a Google Cloud platform stack. */
export interface GcpPlatformStackProps extends PlatformOptions {
  /** The selection the platform is built for. */
  readonly selection: Selection;
  /** Google Cloud project id. */
  readonly gcpProject: string;
  /** Region. */
  readonly region: string;
  /**
   * Zone of the fleet.
   * @default - the region's first zone (see `ClusterNetworkProps.zone`)
   */
  readonly zone?: string;
  /**
   * Configure the google provider in this stack.
   * @default true
   */
  readonly configureProvider?: boolean;
}

/**
 * A Google Cloud platform for the selected strategy (cdktf): the four constructs, plus
 *
 * - hybrid: HA VPN gateway, external VPN gateway for the site, Cloud Router with BGP, two tunnels
 *   (the 99.99% SLA topology), pre-shared key supplied at apply time from Secret Manager (the sensitive variable `vpn_shared_secret`, no data
 *   source); CMEK storage, and the captured requests' BigQuery dataset under the same key; private endpoint;
 * - edge-centric: a Google Distributed Cloud Edge cluster and node pool at the site (needs Distributed
 *   Cloud Edge racks installed by Google at `edgeNodeLocation`) and an Artifact Registry repository for
 *   the edge images.
 *
 * Every resource that takes labels carries project, strategy and workload.
 *
 * @example
 * import { App } from 'cdktf';
 * import { DataSensitivity, GcpPlatformStack, StrategySelector, WorkloadPattern } from 'ai-infra-constructs';
 *
 * const app = new App();
 * const selection = StrategySelector.select({
 *   dataSensitivity: DataSensitivity.LOW,
 *   workloadPattern: WorkloadPattern.BURSTY,
 *   trainingGpus: 32,
 * });
 * // configures the google provider itself (configureProvider: false to bring your own)
 * new GcpPlatformStack(app, 'vision', {
 *   selection,
 *   project: 'vision',
 *   workload: 'detector',
 *   gcpProject: 'my-ml-project',
 *   region: 'us-east4',
 * });
 * app.synth();
 */
export class GcpPlatformStack extends TerraformStack {
  /** The plan. */
  public readonly plan: PlatformPlan;
  /** The network. */
  public readonly network: ClusterNetwork;
  /** The training fleet. */
  public readonly fleet: GpuFleet;
  /** The storage. */
  public readonly storage: TieredStorage;
  /** The endpoint. */
  public readonly endpoint: ModelEndpoint;

  constructor(scope: Construct, id: string, props: GcpPlatformStackProps) {
    super(scope, id);
    this.plan = PlatformPlan.of(Cloud.GCP, props?.selection, props, this.node.path, props?.region);
    const plan = this.plan;
    const project = props.gcpProject;
    const region = props.region;
    if (props.configureProvider ?? true) {
      new GoogleProvider(this, 'google', { project, region, defaultLabels: { ...plan.tags } });
    }

    this.network = new ClusterNetwork(this, 'Network', { ...plan.network, project, region, zone: props.zone });
    this.fleet = new GpuFleet(this, 'Training', { ...plan.fleet, network: this.network, labels: { ...plan.tags } });
    this.storage = new TieredStorage(this, 'Data', { ...plan.storage, project, location: region });
    this.storage.grantReadWrite(this.fleet);
    // where the strategy asks for customer-managed keys, the captured requests are encrypted with the storage's key
    this.endpoint = new ModelEndpoint(this, 'Serving', {
      ...plan.endpoint, modelArtifact: props.modelArtifact, network: this.network, loggingKmsKeyName: this.storage.key?.id,
    });

    new PlatformMonitoring(this, 'Monitoring', { fleet: this.fleet, endpoint: this.endpoint, alertEmail: props.alertEmail });
    if (plan.hybrid) this.addHybrid(plan, project, region);
    if (plan.edge) this.addEdge(plan, project, region);

    new TerraformOutput(this, 'bucket_name', { value: this.storage.bucket.name });
    new TerraformOutput(this, 'strategy', { value: plan.strategy });
  }

  private addHybrid(plan: PlatformPlan, project: string, region: string) {
    // loaded here, not at the top: a cloud-first or edge platform never pays for the VPN resource modules
    const { ComputeExternalVpnGateway } = load<typeof import('@cdktf/provider-google/lib/compute-external-vpn-gateway')>('@cdktf/provider-google/lib/compute-external-vpn-gateway');
    const { ComputeHaVpnGateway } = load<typeof import('@cdktf/provider-google/lib/compute-ha-vpn-gateway')>('@cdktf/provider-google/lib/compute-ha-vpn-gateway');
    const { ComputeRouter } = load<typeof import('@cdktf/provider-google/lib/compute-router')>('@cdktf/provider-google/lib/compute-router');
    const { ComputeRouterInterface } = load<typeof import('@cdktf/provider-google/lib/compute-router-interface')>('@cdktf/provider-google/lib/compute-router-interface');
    const { ComputeRouterPeer } = load<typeof import('@cdktf/provider-google/lib/compute-router-peer')>('@cdktf/provider-google/lib/compute-router-peer');
    const { ComputeVpnTunnel } = load<typeof import('@cdktf/provider-google/lib/compute-vpn-tunnel')>('@cdktf/provider-google/lib/compute-vpn-tunnel');
    const site = plan.options.onPremises!;
    const p = this.network.namePrefix;
    const ha = new ComputeHaVpnGateway(this, 'HaVpnGateway', { project, region, name: `${p}-ha-vpn`, network: this.network.hostNetwork.id });
    const peer = new ComputeExternalVpnGateway(this, 'SiteGateway', {
      project, name: `${p}-site`, redundancyType: 'SINGLE_IP_INTERNALLY_REDUNDANT', interface: [{ id: 0, ipAddress: site.peerAddress }],
    });
    const router = new ComputeRouter(this, 'VpnRouter', {
      project,
      region,
      name: `${p}-vpn-router`,
      network: this.network.hostNetwork.id,
      bgp: { asn: plan.cloudSideBgpAsn, advertiseMode: 'CUSTOM', advertisedGroups: ['ALL_SUBNETS'] },
    });
    const secret = this.vpnSharedSecret(plan, project);
    for (const i of [0, 1]) {
      const tunnel = new ComputeVpnTunnel(this, `Tunnel${i}`, {
        project,
        region,
        name: `${p}-tunnel-${i}`,
        vpnGateway: ha.id,
        vpnGatewayInterface: i,
        peerExternalGateway: peer.id,
        peerExternalGatewayInterface: 0,
        sharedSecret: secret.stringValue,
        router: router.id,
        ikeVersion: 2,
      });
      const iface = new ComputeRouterInterface(this, `TunnelInterface${i}`, {
        project, region, name: `${p}-tunnel-${i}`, router: router.name, ipRange: `169.254.${i}.1/30`, vpnTunnel: tunnel.name,
      });
      new ComputeRouterPeer(this, `TunnelPeer${i}`, {
        project,
        region,
        name: `${p}-site-${i}`,
        router: router.name,
        peerIpAddress: `169.254.${i}.2`,
        peerAsn: site.bgpAsn ?? 65010,
        interface: iface.name,
        advertisedRoutePriority: 100 + i,
      });
    }
    new TerraformOutput(this, 'ha_vpn_gateway_ips', { value: ha.vpnInterfaces, description: 'Point the site device\'s two tunnels at these addresses' });
  }

  /**
   * The tunnels' IKE pre-shared key, as a sensitive input variable (`vpn_shared_secret`) the applier fills from Secret
   * Manager, never a data source.
   *
   * Reading the key with a `google_secret_manager_secret_version` data source stored its `secret_data` in the state
   * and the plan a second time, beside the tunnels, and re-read it on every plan. Terraform's fix is the write-only
   * argument `shared_secret_wo` (Terraform 1.11+), which never reaches plan or state; the provider this library
   * builds on (@cdktf/provider-google 16.12, hashicorp/google 6.50.0) does not have it on `google_compute_vpn_tunnel`.
   * So the key now reaches Terraform only at apply time, from the secret named by `sharedSecretName`:
   *
   * ```sh
   * TF_VAR_vpn_shared_secret="$(gcloud secrets versions access latest --secret=<project>-vpn-psk --project=<gcp project>)" terraform apply
   * ```
   *
   * It is redacted from plan output (sensitive) and held once, in each tunnel's `shared_secret`, where the provider
   * keeps it until the tunnels move to `shared_secret_wo`; treat the state as secret (an encrypted, access-controlled
   * backend). The `vpn_shared_secret_command` output prints the command above.
   */
  private vpnSharedSecret(plan: PlatformPlan, project: string): TerraformVariable {
    const name = plan.options.onPremises?.sharedSecretName ?? `${plan.options.project}-vpn-psk`;
    const command = `gcloud secrets versions access latest --secret=${name} --project=${project}`;
    new TerraformOutput(this, 'vpn_shared_secret_command', {
      value: `TF_VAR_vpn_shared_secret="$(${command})" terraform apply`,
      description: 'Supplies the VPN pre-shared key from Secret Manager at apply time (it is never read by a data source)',
    });
    const variable = new TerraformVariable(this, 'vpn_shared_secret', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `IKE pre-shared key of the VPN tunnels: the latest version of Secret Manager secret ${name} (${command})`,
    });
    variable.overrideLogicalId('vpn_shared_secret');
    return variable;
  }

  private addEdge(plan: PlatformPlan, project: string, region: string) {
    // loaded here, not at the top: only edge-centric platforms use these
    const { ArtifactRegistryRepository } = load<typeof import('@cdktf/provider-google/lib/artifact-registry-repository')>('@cdktf/provider-google/lib/artifact-registry-repository');
    const { DataGoogleProject } = load<typeof import('@cdktf/provider-google/lib/data-google-project')>('@cdktf/provider-google/lib/data-google-project');
    const { EdgecontainerCluster } = load<typeof import('@cdktf/provider-google/lib/edgecontainer-cluster')>('@cdktf/provider-google/lib/edgecontainer-cluster');
    const { EdgecontainerNodePool } = load<typeof import('@cdktf/provider-google/lib/edgecontainer-node-pool')>('@cdktf/provider-google/lib/edgecontainer-node-pool');
    const p = this.network.namePrefix;
    new ArtifactRegistryRepository(this, 'EdgeImages', {
      project,
      location: region,
      repositoryId: `${p}-edge`,
      format: 'DOCKER',
      description: 'Images of the edge inference service',
      labels: { ...plan.tags },
    });
    const projectData = new DataGoogleProject(this, 'Project', { projectId: project });
    const cluster = new EdgecontainerCluster(this, 'EdgeCluster', {
      project,
      location: region,
      name: `${p}-edge`,
      authorization: { adminUsers: { username: `${plan.options.project}-edge-admins@${project}.iam.gserviceaccount.com` } },
      networking: { clusterIpv4CidrBlocks: ['10.100.0.0/16'], servicesIpv4CidrBlocks: ['10.101.0.0/16'] },
      fleet: { project: `projects/${projectData.number}` },
      labels: { ...plan.tags },
    });
    new EdgecontainerNodePool(this, 'EdgeNodePool', {
      project,
      location: region,
      name: `${p}-edge-pool`,
      cluster: cluster.name,
      nodeLocation: plan.options.edgeNodeLocation!,
      nodeCount: 3,
      labels: { ...plan.tags },
    });
    new TerraformOutput(this, 'edge_cluster', { value: cluster.name, description: 'Needs Distributed Cloud Edge racks at the site' });
  }
}
