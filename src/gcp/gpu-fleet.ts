import { ComputeAutoscaler } from '@cdktf/provider-google/lib/compute-autoscaler';
import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { ComputeInstanceTemplate, ComputeInstanceTemplateNetworkInterface } from '@cdktf/provider-google/lib/compute-instance-template';
import { ComputeResourcePolicy } from '@cdktf/provider-google/lib/compute-resource-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { Cloud } from '../core/catalog/cloud';
import { InterconnectKind } from '../core/catalog/network-layout';
import { dnsName } from '../core/internal/names';
import { GpuFleetSpec, GpuFleetSpecProps } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { Validation } from '../core/validation';
import { TerraformProvider } from '../tf';

/** Properties of a Google Cloud GPU fleet. */
export interface GpuFleetProps extends GpuFleetSpecProps {
  /** The cluster network, created with this fleet's spec so its GPU networks match. */
  readonly network: ClusterNetwork;
  /**
   * Boot image.
   * @default - the Deep Learning VM image family with CUDA 12.8 and the NVIDIA 570 driver on Ubuntu 22.04
   */
  readonly sourceImage?: string;
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

const DEFAULT_IMAGE = 'projects/deeplearning-platform-release/global/images/family/common-cu128-ubuntu-2204-nvidia-570';

/**
 * A Google Cloud GPU fleet: an instance template (machine type from the catalog, one NIC per GPU network
 * computed from the catalog, gVNIC or MRDMA, no external IPs, Shielded VM, a least-privilege service
 * account, `on_host_maintenance = TERMINATE`) and a zonal managed instance group with a compact
 * placement policy; on-demand, spot or a specific reservation; an autoscaler for the scale-to-zero schedule.
 */
export class GpuFleet extends Construct {
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

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    this.spec = new GpuFleetSpec(props);
    const problems = this.spec.validate(Cloud.GCP);
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
    Validation.throwIfAny('GpuFleet', this.node.path, problems);
    const spec = this.spec;
    const type = spec.instanceType;
    const name = dnsName(`${network.namePrefix}-${id}`, 40);
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
        groupPlacementPolicy: { collocation: 'COLLOCATED' },
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
        sourceImage: props.sourceImage ?? DEFAULT_IMAGE,
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
      metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' },
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
  }

  /** The IAM member string of the fleet's service account. */
  public get member(): string {
    return `serviceAccount:${this.serviceAccount.email}`;
  }
}
