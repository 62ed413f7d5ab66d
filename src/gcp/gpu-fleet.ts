import { ComputeAutoscaler } from '@cdktf/provider-google/lib/compute-autoscaler';
import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { ComputeInstanceTemplate, ComputeInstanceTemplateNetworkInterface } from '@cdktf/provider-google/lib/compute-instance-template';
import { ComputeResourcePolicy } from '@cdktf/provider-google/lib/compute-resource-policy';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { GCP_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable } from './grant';
import { Cloud } from '../core/catalog/cloud';
import { CpuArchitecture } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { dnsName } from '../core/internal/names';
import { GpuFleetSpec, GpuFleetSpecProps } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { Validation, ValidationProblem } from '../core/validation';
import { recordResources } from '../terraform/manifest';
import { TerraformProvider } from '../tf';

/** Properties of a Google Cloud GPU fleet. */
export interface GpuFleetProps extends GpuFleetSpecProps {
  /** The cluster network, created with this fleet's spec so its GPU networks match. */
  readonly network: ClusterNetwork;
  /**
   * Boot image.
   * @default - the Deep Learning VM image family with CUDA 12.8 and the NVIDIA 570 driver on Ubuntu 22.04; on Arm
   *   types (A4X) Google's Ubuntu 24.04 arm64 accelerator image with the NVIDIA 570 driver
   */
  readonly sourceImage?: string;
  /**
   * Compact placement `max_distance` (1 to 3; A3 families need 2 or more), written only with `betaProvider`. Google
   * Cloud only: a cluster placement group (AWS) and a proximity placement group (Azure) have no distance, and those
   * clouds refuse it by name.
   *
   * @see https://cloud.google.com/compute/docs/instances/use-compact-placement-policies
   * @default - the family's smallest allowed distance
   */
  readonly placementMaxDistance?: number;
  /**
   * A `google-beta` provider for the placement policy: `max_distance` is a beta argument that the GA
   * provider (@cdktf/provider-google 16) does not have. With it, the policy carries `max_distance`.
   * @default - the GA provider: the policy is COLLOCATED without max_distance
   */
  readonly betaProvider?: TerraformProvider;
  /**
   * Extra labels.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/**
 * Default boot images by host architecture: the Deep Learning VM family for x86_64; for Arm (Grace, A4X) the image
 * family Google's A4X blueprint builds from (GoogleCloudPlatform/cluster-toolkit
 * examples/machine-learning/a4x-highgpu-4g/a4xhigh-slurm-blueprint.yaml: ubuntu-os-accelerator-images /
 * ubuntu-accelerator-2404-arm64-with-nvidia-570).
 */
const DEFAULT_IMAGE: Record<string, string> = {
  [CpuArchitecture.X86_64]: 'projects/deeplearning-platform-release/global/images/family/common-cu128-ubuntu-2204-nvidia-570',
  [CpuArchitecture.ARM64]: 'projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2404-arm64-with-nvidia-570',
};

/**
 * Installs the Ops Agent when it is not running. The `agent.googleapis.com/gpu/*` metrics exist only where the Ops
 * Agent runs: its default host metrics pipeline adds the NVML receiver on a VM with an NVIDIA GPU, utilization in
 * percent (GoogleCloudPlatform/ops-agent apps/hostmetrics.go; https://cloud.google.com/compute/docs/gpus/monitor-gpus).
 * The install command is Google's (https://cloud.google.com/stackdriver/docs/solutions/agents/ops-agent/installation);
 * without an external IP or NAT it reaches the repository through the subnet's Private Google Access. A failed
 * install is logged and does not stop the boot; an image with the agent baked in skips it.
 */
const OPS_AGENT_STARTUP_SCRIPT = [
  '#!/bin/bash',
  '# ai-infra: GPU metrics for the fleet come from the Ops Agent (NVML receiver)',
  'if ! systemctl is-active --quiet google-cloud-ops-agent; then',
  '  cd /tmp && curl -sSfO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh \\',
  '    && bash add-google-cloud-ops-agent-repo.sh --also-install \\',
  '    || echo "ai-infra: Ops Agent install failed: no GPU metrics from this node" >&2',
  'fi',
  '',
].join('\n');

/**
 * A Google Cloud GPU fleet: an instance template (machine type from the catalog, one NIC per GPU network
 * computed from the catalog, gVNIC or MRDMA, no external IPs, Shielded VM, a least-privilege service
 * account, `on_host_maintenance = TERMINATE`) and a zonal managed instance group with a compact
 * placement policy; on-demand, spot or a specific reservation; an autoscaler for the scale-to-zero schedule.
 *
 * @example
 * declare const network: gcp.ClusterNetwork;
 * const fleet = new gcp.GpuFleet(this, 'Training', {
 *   instanceType: InstanceType.A3_MEGAGPU_8G,
 *   nodes: 4,
 *   purchase: PurchaseOption.spot(),
 *   network,
 * });
 */
export class GpuFleet extends Construct implements IGrantable {
  /** The neutral spec (defaults resolved). */
  public readonly spec: GpuFleetSpec;
  /** The service account the nodes run as. */
  public readonly serviceAccount: ServiceAccount;
  /** The instance template. */
  public readonly instanceTemplate: ComputeInstanceTemplate;
  /** The managed instance group. */
  public readonly instanceGroupManager: ComputeInstanceGroupManager;
  /** The compact placement policy, when co-located. */
  public readonly placementPolicy?: ComputeResourcePolicy;
  /** The autoscaler, when a scale-to-zero schedule is set. */
  public readonly autoscaler?: ComputeAutoscaler;
  /**
   * Alert: the fleet's average GPU utilization under `idleGpuPercent` for an hour (only with `gpuMetrics`).
   * `PlatformMonitoring` routes it to its notification channel.
   */
  public readonly gpuIdleAlert?: MonitoringAlertPolicy;
  /** The group's name, also the nodes' `ai-infra-fleet` label. */
  private readonly fleetName: string;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    requireProps('GpuFleet', this.node.path, props);
    this.spec = GpuFleetSpec.resolve(props, this.node.path, props?.network?.spec?.props?.fleet);
    const problems = [...this.spec.validate(Cloud.GCP), ...unsupportedSettings(GCP_CLOUD, 'GpuFleet', this.spec.props)]; // the spec's props: a setting inherited from the network's fleet spec is refused too
    const network = props.network;
    if (!(network instanceof ClusterNetwork)) {
      problems.push(Validation.problem('network', network, 'a gcp.ClusterNetwork'));
    } else if (problems.length === 0) {
      const missing = [...new Set(this.spec.nicPlan().map((a) => a.network))].filter((n) => n !== 'host' && !network.fabricNetworks[n]);
      if (missing.length > 0) {
        problems.push(Validation.problem('network', network.node.path,
          `a ClusterNetwork created with fleet: new GpuFleetSpec({ instanceType: ${this.spec.instanceType.name} }) (it lacks the GPU networks ${missing.join(', ')})`));
      }
    }
    if (problems.length === 0 && this.spec.scaleToZero && this.spec.workingWindowMinutes === undefined) {
      problems.push(Validation.problem('scaleToZero', this.spec.scaleToZero,
        'scaleUpCron and scaleDownCron at a fixed minute and hour on the same days (Google Cloud scaling schedules need a window length)'));
    }
    if (problems.length === 0) problems.push(...this.googleCloudProblems(props));
    Validation.throwIfAny('GpuFleet', this.node.path, problems);
    const spec = this.spec;
    const type = spec.instanceType;
    const name = dnsName(`${network.namePrefix}-${id}`, 40);
    this.fleetName = name;
    const spot = spec.purchase.kind === PurchaseKind.SPOT;

    this.serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      project: network.project,
      accountId: dnsName(`${name}-sa`, 30).padEnd(6, '0'),
      displayName: `GPU fleet ${this.node.path}`,
    });
    for (const role of ['roles/logging.logWriter', 'roles/monitoring.metricWriter']) {
      new ProjectIamMember(this, `Role${role.split('.')[1]}`, {
        project: network.project, role, member: `serviceAccount:${this.serviceAccount.email}`,
      });
    }

    if (spec.placement) {
      this.placementPolicy = new ComputeResourcePolicy(this, 'Placement', {
        project: network.project,
        region: network.region,
        name: `${name}-compact`,
        // A4X: the NVL72 slice shape (gpu_topology, GA in provider 6.50); Google's A4X blueprint sets enable_placement
        // with accelerator_topology
        groupPlacementPolicy: { collocation: 'COLLOCATED', gpuTopology: type.spec.gpuTopology },
        provider: props.betaProvider,
      });
      if (props.betaProvider) {
        this.placementPolicy.addOverride('group_placement_policy.max_distance', spec.placementMaxDistance);
      }
    }

    const nics: ComputeInstanceTemplateNetworkInterface[] = spec.nicPlan().map((a) => {
      const attachment = a.network === 'host' ? undefined : network.fabricNetworks[a.network];
      return {
        network: attachment ? attachment.network.id : network.hostNetwork.id,
        subnetwork: attachment ? attachment.subnets[a.subnetIndex].id : network.hostSubnet.id,
        nicType: a.interfaceType,
      };
    });
    const rdma = type.network.kind === InterconnectKind.RDMA;
    this.instanceTemplate = new ComputeInstanceTemplate(this, 'Template', {
      project: network.project,
      region: network.region,
      namePrefix: `${name}-`,
      machineType: type.name,
      tags: [network.fleetTag],
      labels: { 'ai-infra-fleet': name, 'accelerator': dnsName(type.accelerator.model, 63), ...props.labels },
      disk: [{
        boot: true,
        autoDelete: true,
        sourceImage: props.sourceImage ?? DEFAULT_IMAGE[type.architecture],
        diskSizeGb: spec.rootVolumeGiB,
        diskType: rdma ? 'hyperdisk-balanced' : 'pd-balanced',
      }],
      networkInterface: nics,
      guestAccelerator: type.spec.acceleratorImplied ? undefined : [{ type: type.accelerator.gcpType!, count: type.acceleratorCount }],
      scheduling: {
        onHostMaintenance: 'TERMINATE',
        automaticRestart: !spot,
        preemptible: spot,
        provisioningModel: spot ? 'SPOT' : 'STANDARD',
        instanceTerminationAction: spot ? 'STOP' : undefined,
      },
      reservationAffinity: spec.purchase.kind === PurchaseKind.RESERVATION
        ? { type: 'SPECIFIC_RESERVATION', specificReservation: { key: 'compute.googleapis.com/reservation-name', values: [spec.purchase.reservationId!] } }
        : undefined,
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      serviceAccount: { email: this.serviceAccount.email, scopes: ['cloud-platform'] },
      metadata: {
        'enable-oslogin': 'TRUE',
        'block-project-ssh-keys': 'TRUE',
        ...(spec.gpuMetrics ? { 'startup-script': OPS_AGENT_STARTUP_SCRIPT } : {}),
      },
      resourcePolicies: this.placementPolicy ? [this.placementPolicy.id] : undefined,
      lifecycle: { createBeforeDestroy: true },
    });

    const schedule = spec.scaleToZero;
    this.instanceGroupManager = new ComputeInstanceGroupManager(this, 'Group', {
      project: network.project,
      zone: network.zone,
      name,
      baseInstanceName: name,
      version: [{ name: 'primary', instanceTemplate: this.instanceTemplate.selfLinkUnique }],
      targetSize: schedule ? undefined : spec.nodes,
      // GPU capacity is scarce: replace nodes in place, never surge
      updatePolicy: { type: 'OPPORTUNISTIC', minimalAction: 'REPLACE', replacementMethod: 'RECREATE', maxSurgeFixed: 0, maxUnavailableFixed: 1 },
    });

    if (schedule) {
      this.autoscaler = new ComputeAutoscaler(this, 'Autoscaler', {
        project: network.project,
        zone: network.zone,
        name: `${name}-schedule`,
        target: this.instanceGroupManager.id,
        autoscalingPolicy: {
          minReplicas: 0,
          maxReplicas: spec.maxNodes,
          cooldownPeriod: 300,
          mode: 'ON',
          scalingSchedules: [{
            name: 'working-hours',
            schedule: schedule.scaleUpCron!,
            timeZone: schedule.timeZone,
            durationSec: spec.workingWindowMinutes! * 60,
            minRequiredReplicas: spec.nodes,
          }],
        },
      });
    }
    if (spec.gpuMetrics) {
      const percent = spec.idleGpuPercent;
      this.gpuIdleAlert = new MonitoringAlertPolicy(this, 'GpuIdle', {
        project: network.project,
        displayName: `${this.node.path}: GPUs under ${percent}% busy for an hour`,
        combiner: 'OR',
        conditions: [{
          displayName: `average GPU utilization under ${percent}% for an hour`,
          conditionThreshold: {
            filter: this.gpuUtilizationFilter,
            comparison: 'COMPARISON_LT',
            thresholdValue: percent,
            duration: '3600s',
            // the fleet's average: each GPU's 5-minute mean, averaged across every GPU of every node
            aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_MEAN', crossSeriesReducer: 'REDUCE_MEAN' }],
          },
        }],
      });
    }
    recordResources(this, Cloud.GCP, 'GpuFleet', {
      instanceTemplate: this.instanceTemplate,
      instanceGroupManager: this.instanceGroupManager,
      autoscaler: this.autoscaler,
      placementPolicy: this.placementPolicy,
      serviceAccount: this.serviceAccount,
    });
  }

  /** The IAM member string of the fleet's service account. */
  public get member(): string {
    return `serviceAccount:${this.serviceAccount.email}`;
  }

  /** The fleet's service account as a grant's principal (`gcp.IGrantable`): `storage.grantReadWrite(fleet)`. */
  public get grantMember(): string {
    return this.member;
  }

  /** Cloud Monitoring filter of the fleet's GPU utilization (percent, from the Ops Agent; only with `gpuMetrics`). */
  public get gpuUtilizationFilter(): string {
    // the nodes' `ai-infra-fleet` label holds the group's name (a literal: no token, so no reference is created)
    return `metric.type="agent.googleapis.com/gpu/utilization" AND resource.type="gce_instance" AND metadata.user_labels."ai-infra-fleet"="${this.fleetName}"`;
  }

  /** Neutral settings Google Cloud cannot honour here because of another setting. */
  private googleCloudProblems(props: GpuFleetProps): ValidationProblem[] {
    const spec = this.spec;
    const p: ValidationProblem[] = [];
    // a managed instance group holds one size (or the schedule's); its autoscaler's only other signal would be CPU
    // utilization, which the fleet spec does not ask for, so a range around nodes has nothing to act on
    const fixed = `equal to nodes (${spec.nodes}) on Google Cloud: a managed instance group holds a fixed size, or the scale-to-zero schedule's; ` +
      'there is no fleet autoscaling signal for it to scale between bounds';
    if (props.minNodes !== undefined && spec.minNodes !== spec.nodes) p.push(Validation.problem('minNodes', props.minNodes, fixed));
    if (props.maxNodes !== undefined && spec.maxNodes !== spec.nodes) p.push(Validation.problem('maxNodes', props.maxNodes, fixed));
    if (props.placementMaxDistance !== undefined && props.betaProvider === undefined) {
      p.push(Validation.problem('placementMaxDistance', props.placementMaxDistance,
        'unset, or give betaProvider: max_distance is a google-beta argument the GA provider does not have'));
    }
    if (spec.purchase.maxPricePerHour !== undefined) {
      p.push(Validation.problem('purchase.maxPricePerHour', spec.purchase.maxPricePerHour,
        'unset on Google Cloud (Spot VMs are charged the current spot price; there is no maximum price to set)'));
    }
    return p;
  }
}
