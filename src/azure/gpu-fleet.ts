import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfile } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { ProximityPlacementGroup } from '@cdktf/provider-azurerm/lib/proximity-placement-group';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { Cloud } from '../core/catalog/cloud';
import { InterconnectKind } from '../core/catalog/network-layout';
import { dnsName } from '../core/internal/names';
import { GpuFleetSpec, GpuFleetSpecProps } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { Validation } from '../core/validation';

/** A marketplace image. */
export interface AzureImage {
  /** Publisher, e.g. `microsoft-dsvm`. */
  readonly publisher: string;
  /** Offer, e.g. `ubuntu-hpc`. */
  readonly offer: string;
  /** SKU, e.g. `2204`. */
  readonly sku: string;
  /**
   * Version.
   * @default 'latest'
   */
  readonly version?: string;
}

/** Properties of an Azure GPU fleet. */
export interface GpuFleetProps extends GpuFleetSpecProps {
  /** The cluster network (its compute subnet). */
  readonly network: ClusterNetwork;
  /**
   * OpenSSH public key of the admin user (Azure requires one for Linux scale sets). Password login is
   * always off; people sign in with Microsoft Entra ID through the AADSSHLoginForLinux extension.
   */
  readonly adminSshPublicKey: string;
  /**
   * Image.
   * @default - Ubuntu-HPC 22.04 (microsoft-dsvm / ubuntu-hpc / 2204): InfiniBand, NVIDIA and NCCL drivers, Gen2
   */
  readonly image?: AzureImage;
  /**
   * Encrypt temp and cache disks at the host (needs the EncryptionAtHost feature on the subscription).
   * @default false
   */
  readonly encryptionAtHost?: boolean;
}

/** Windows time zone ids for the IANA zones the scale-to-zero schedule accepts on Azure. */
const WINDOWS_TIME_ZONES: Record<string, string> = {
  'UTC': 'UTC',
  'Etc/UTC': 'UTC',
  'Europe/London': 'GMT Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/Paris': 'Romance Standard Time',
  'Europe/Amsterdam': 'W. Europe Standard Time',
  'America/New_York': 'Eastern Standard Time',
  'America/Chicago': 'Central Standard Time',
  'America/Denver': 'Mountain Standard Time',
  'America/Los_Angeles': 'Pacific Standard Time',
  'Asia/Tokyo': 'Tokyo Standard Time',
  'Asia/Singapore': 'Singapore Standard Time',
  'Asia/Kolkata': 'India Standard Time',
  'Australia/Sydney': 'AUS Eastern Standard Time',
};
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * An Azure GPU fleet: a Linux virtual machine scale set of the catalog size. For InfiniBand sizes the
 * set is one placement group (which caps it at 100 VMs) in a proximity placement group, with one fault
 * domain and no overprovisioning. Ubuntu-HPC image, no public IP, accelerated networking, a
 * system-assigned identity, Entra ID SSH login, spot with an eviction policy or a capacity reservation
 * group, and an autoscale setting for the scale-to-zero schedule.
 */
export class GpuFleet extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: GpuFleetSpec;
  /** The scale set. */
  public readonly scaleSet: LinuxVirtualMachineScaleSet;
  /** The proximity placement group, when co-located. */
  public readonly proximityPlacementGroup?: ProximityPlacementGroup;
  /** The autoscale setting, with a scale-to-zero schedule. */
  public readonly autoscale?: MonitorAutoscaleSetting;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    this.spec = new GpuFleetSpec(props);
    const problems = this.spec.validate(Cloud.AZURE);
    if (!(props.network instanceof ClusterNetwork)) problems.push(Validation.problem('network', props.network, 'an azure.ClusterNetwork'));
    if (typeof props.adminSshPublicKey !== 'string' || !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]{40,}( .*)?$/.test(props.adminSshPublicKey)) {
      problems.push(Validation.problem('adminSshPublicKey', props.adminSshPublicKey === undefined ? undefined : '(not an OpenSSH public key)',
        'an OpenSSH public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...)'));
    }
    const tz = this.spec.scaleToZero?.timeZone;
    if (tz !== undefined && WINDOWS_TIME_ZONES[tz] === undefined) {
      problems.push(Validation.problem('scaleToZero.timeZone', tz, `one of ${Object.keys(WINDOWS_TIME_ZONES).join(', ')} (Azure autoscale uses Windows time zones)`));
    }
    if (this.spec.scaleToZero && problems.length === 0 && this.spec.workingWindowMinutes === undefined) {
      problems.push(Validation.problem('scaleToZero', this.spec.scaleToZero, 'scaleUpCron and scaleDownCron at a fixed minute and hour on the same days (Azure autoscale profiles need them)'));
    }
    Validation.throwIfAny('GpuFleet', this.node.path, problems);
    const spec = this.spec;
    const type = spec.instanceType;
    const network = props.network;
    const rg = { resourceGroupName: network.resourceGroupName, location: network.location };
    const name = dnsName(`${network.namePrefix}-${id}`, 50);
    const infiniband = type.network.kind === InterconnectKind.INFINIBAND;
    const spot = spec.purchase.kind === PurchaseKind.SPOT;

    if (spec.placement || infiniband) {
      this.proximityPlacementGroup = new ProximityPlacementGroup(this, 'Placement', { ...rg, name: `${name}-ppg`, allowedVmSizes: [type.name] });
    }
    const image = props.image ?? { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' };

    this.scaleSet = new LinuxVirtualMachineScaleSet(this, 'ScaleSet', {
      ...rg,
      name,
      sku: type.name,
      instances: spec.scaleToZero ? 0 : spec.nodes,
      adminUsername: 'azureuser',
      disablePasswordAuthentication: true,
      adminSshKey: [{ username: 'azureuser', publicKey: props.adminSshPublicKey }],
      sourceImageReference: { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version ?? 'latest' },
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: spec.rootVolumeGiB },
      networkInterface: [{
        name: `${name}-nic`,
        primary: true,
        enableAcceleratedNetworking: true,
        ipConfiguration: [{ name: 'internal', primary: true, subnetId: network.computeSubnet.id }],
      }],
      identity: { type: 'SystemAssigned' },
      // InfiniBand links only between VMs of one placement group
      singlePlacementGroup: infiniband,
      proximityPlacementGroupId: this.proximityPlacementGroup?.id,
      platformFaultDomainCount: infiniband ? 1 : undefined,
      overprovision: false,
      upgradeMode: 'Manual',
      encryptionAtHostEnabled: props.encryptionAtHost ?? false,
      priority: spot ? 'Spot' : 'Regular',
      evictionPolicy: spot ? spec.spotEvictionPolicy : undefined,
      maxBidPrice: spot ? (spec.purchase.maxPricePerHour ?? -1) : undefined,
      capacityReservationGroupId: spec.purchase.kind === PurchaseKind.RESERVATION ? spec.purchase.reservationId : undefined,
      bootDiagnostics: {},
      extension: [{
        name: 'AADSSHLoginForLinux',
        publisher: 'Microsoft.Azure.ActiveDirectory',
        type: 'AADSSHLoginForLinux',
        typeHandlerVersion: '1.0',
        autoUpgradeMinorVersion: true,
      }],
      tags: { 'ai-infra-fleet': name },
    });

    const schedule = spec.scaleToZero;
    if (schedule) {
      const up = schedule.scaleUpCron!.split(/\s+/);
      const down = schedule.scaleDownCron!.split(/\s+/);
      const days = spec.workingDays.map((d) => DAY_NAMES[d]);
      const timezone = WINDOWS_TIME_ZONES[schedule.timeZone!];
      const profile = (pname: string, min: number, def: number, max: number, cron: string[]): MonitorAutoscaleSettingProfile => ({
        name: pname,
        capacity: { minimum: min, default: def, maximum: max },
        recurrence: { timezone, days, hours: [Number(cron[1])], minutes: [Number(cron[0])] },
      });
      this.autoscale = new MonitorAutoscaleSetting(this, 'Autoscale', {
        ...rg,
        name: `${name}-schedule`,
        targetResourceId: this.scaleSet.id,
        profile: [
          profile('working-hours', spec.minNodes, spec.nodes, spec.maxNodes, up),
          profile('off-hours', 0, 0, 0, down),
        ],
      });
    }
  }

  /** Principal id of the scale set's system-assigned identity (for role assignments). */
  public get principalId(): string {
    return this.scaleSet.identity.principalId;
  }
}
