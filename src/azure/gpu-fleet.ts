import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfile } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { ProximityPlacementGroup } from '@cdktf/provider-azurerm/lib/proximity-placement-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { AZURE_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable } from './grant';
import { Cloud } from '../core/catalog/cloud';
import { CpuArchitecture, InstanceType } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { dnsName } from '../core/internal/names';
import { GpuFleetSpec, GpuFleetSpecProps } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { checkSshPublicKey } from '../core/ssh-key';
import { Validation } from '../core/validation';
import { recordResources } from '../terraform/manifest';

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
   * Encrypt at the host: the temp disk, the OS disk cache and the data flowing to storage are encrypted on the VM's
   * host (policy rule AZ-VM-2, checkov CKV_AZURE_97). Azure refuses it unless the subscription has the feature
   * registered, once, before the first apply: `az feature register --namespace Microsoft.Compute --name
   * EncryptionAtHost`, then `az provider register -n Microsoft.Compute` once `az feature show` says Registered; the
   * ND and NC GPU sizes support it. Turning it on for an existing scale set needs its VMs deallocated.
   * `false` is refused by the policy pack.
   * @default true
   * @see https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal
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
/**
 * Default images by accelerator vendor and host architecture. NVIDIA on x86_64: Ubuntu-HPC 22.04
 * (microsoft-dsvm:ubuntu-hpc:2204, Azure/azhpc-images README). AMD on x86_64 (ND MI300X v5): Ubuntu-HPC 22.04 with
 * ROCm (microsoft-dsvm:ubuntu-hpc:2204-rocm, the image Microsoft's ND MI300X v5 examples create the size with). No
 * arm64 (Grace, ND GB200 v6) image could be verified: such a fleet must name its image.
 */
const DEFAULT_IMAGE: Record<string, AzureImage> = {
  [`nvidia/${CpuArchitecture.X86_64}`]: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' },
  [`amd/${CpuArchitecture.X86_64}`]: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204-rocm', version: 'latest' },
};
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * An Azure GPU fleet: a Linux virtual machine scale set of the catalog size. For InfiniBand sizes the set is
 * one placement group (`single_placement_group = true`, which caps it at 100 VMs, or `placementGroupVmLimit` up to 300 once Azure raised it) with one fault domain and no
 * overprovisioning: that placement group is the InfiniBand fabric domain, which Azure needs whatever
 * `placement` says. `placement` (co-location) adds a proximity placement group on top, and `placement: false`
 * leaves it out. Ubuntu-HPC image, no public IP, accelerated networking, a system-assigned identity, Entra ID
 * SSH login, spot with an eviction policy or a capacity reservation group; an autoscale setting for the
 * scale-to-zero schedule, or for the `minNodes`/`maxNodes` bounds.
 *
 * With `gpuMetrics` (the default) every VM publishes its average GPU utilization each minute as the Azure
 * Monitor custom metric `AIInfra.Gpu/GpuUtilization` of the scale set (a systemd timer from cloud-init reads
 * `nvidia-smi` and posts with a token of the scale set's system-assigned identity, which holds
 * "Monitoring Metrics Publisher" on the scale set; the custom data holds no secret), and a metric alert fires
 * when the fleet's average stays below `idleGpuPercent` for an hour. Without it: no GPU metric, no idle alert.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/metrics-store-custom-rest-api
 *
 * @example
 * declare const network: azure.ClusterNetwork;
 * declare const adminSshPublicKey: string;
 * // InfiniBand: one placement group (at most 100 VMs), one fault domain, no overprovisioning
 * const fleet = new azure.GpuFleet(this, 'Training', {
 *   instanceType: InstanceType.STANDARD_ND96ISR_H100_V5,
 *   nodes: 8,
 *   network,
 *   adminSshPublicKey,
 * });
 */
export class GpuFleet extends Construct implements IGrantable {
  /** Namespace of the custom GPU metric the VMs publish on the scale set. */
  public static readonly GPU_METRIC_NAMESPACE = 'AIInfra.Gpu';
  /** Name of the custom metric: average GPU utilization of a VM, percent. */
  public static readonly GPU_UTILIZATION_METRIC = 'GpuUtilization';

  /** The neutral spec (defaults resolved). */
  public readonly spec: GpuFleetSpec;
  /** The scale set. */
  public readonly scaleSet: LinuxVirtualMachineScaleSet;
  /** The proximity placement group, with `placement`. */
  public readonly proximityPlacementGroup?: ProximityPlacementGroup;
  /** The autoscale setting: the scale-to-zero schedule, or the node bounds. */
  public readonly autoscale?: MonitorAutoscaleSetting;
  /** The role assignment that lets the VMs publish their GPU metric (with `gpuMetrics`). */
  public readonly metricsPublisher?: RoleAssignment;
  /** Alert: GPUs idle, average utilization below `idleGpuPercent` for an hour (with `gpuMetrics`); no action until routed. */
  public readonly gpuIdleAlert?: MonitorMetricAlert;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    requireProps('GpuFleet', this.node.path, props);
    this.spec = GpuFleetSpec.resolve(props, this.node.path, props?.network?.spec?.props?.fleet);
    const catalogType = this.spec.props.instanceType instanceof InstanceType ? this.spec.props.instanceType : undefined;
    // the InfiniBand placement group limit (100, or placementGroupVmLimit up to 300) is checked by the spec
    const problems = [...this.spec.validate(Cloud.AZURE), ...unsupportedSettings(AZURE_CLOUD, 'GpuFleet', props)];
    if (!(props.network instanceof ClusterNetwork)) problems.push(Validation.problem('network', props.network, 'an azure.ClusterNetwork'));
    // a key read from a .pub file ends with a newline: removed; any other whitespace is refused, saying where
    const sshKey = checkSshPublicKey(props.adminSshPublicKey);
    if (sshKey.key === undefined) {
      problems.push(Validation.problem('adminSshPublicKey', sshKey.problem, 'an OpenSSH public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...)'));
    }
    const tz = this.spec.scaleToZero?.timeZone;
    if (tz !== undefined && WINDOWS_TIME_ZONES[tz] === undefined) {
      problems.push(Validation.problem('scaleToZero.timeZone', tz, `one of ${Object.keys(WINDOWS_TIME_ZONES).join(', ')} (Azure autoscale uses Windows time zones)`));
    }
    if (this.spec.scaleToZero && problems.length === 0 && this.spec.workingWindowMinutes === undefined) {
      problems.push(Validation.problem('scaleToZero', this.spec.scaleToZero, 'scaleUpCron and scaleDownCron at a fixed minute and hour on the same days (Azure autoscale profiles need them)'));
    }
    const vendor = catalogType?.accelerator.vendor;
    // the GPU metric is read with nvidia-smi: an explicit gpuMetrics (or idle threshold) on another vendor's type is
    // refused; by default such a fleet publishes no GPU metric (as on AWS)
    if (this.spec.props.gpuMetrics === true && vendor !== undefined && vendor !== 'nvidia') {
      problems.push(Validation.problem('gpuMetrics', true, `false or unset for ${catalogType!.name} (the GPU metric is read with nvidia-smi; ${vendor} accelerators have none)`));
    }
    if (this.spec.props.idleGpuPercent !== undefined && vendor !== undefined && vendor !== 'nvidia') {
      problems.push(Validation.problem('idleGpuPercent', this.spec.props.idleGpuPercent, `unset for ${catalogType!.name} (the idle alert reads the nvidia-smi GPU metric)`));
    }
    const image = props.image ?? (catalogType ? DEFAULT_IMAGE[`${catalogType.accelerator.vendor}/${catalogType.architecture}`] : undefined);
    if (catalogType && image === undefined) {
      problems.push(Validation.problem('image', undefined,
        `a marketplace image for ${catalogType.name} (${catalogType.accelerator.vendor} accelerators on an ${catalogType.architecture} host): ` +
        'the library knows no verified default image for it'));
    }
    Validation.throwIfAny('GpuFleet', this.node.path, problems);
    const spec = this.spec;
    const type = spec.instanceType;
    const network = props.network;
    const rg = { resourceGroupName: network.resourceGroupName, location: network.location };
    const name = dnsName(`${network.namePrefix}-${id}`, 50);
    const infiniband = type.network.kind === InterconnectKind.INFINIBAND;
    const spot = spec.purchase.kind === PurchaseKind.SPOT;
    const gpuMetrics = spec.gpuMetrics && type.accelerator.vendor === 'nvidia';

    // co-location only: the InfiniBand fabric domain is the scale set's single placement group below
    if (spec.placement) {
      this.proximityPlacementGroup = new ProximityPlacementGroup(this, 'Placement', { ...rg, name: `${name}-ppg`, allowedVmSizes: [type.name] });
    }

    this.scaleSet = new LinuxVirtualMachineScaleSet(this, 'ScaleSet', {
      ...rg,
      name,
      sku: type.name,
      instances: spec.scaleToZero ? 0 : spec.nodes,
      adminUsername: 'azureuser',
      disablePasswordAuthentication: true,
      adminSshKey: [{ username: 'azureuser', publicKey: sshKey.key! }],
      sourceImageReference: { publisher: image!.publisher, offer: image!.offer, sku: image!.sku, version: image!.version ?? 'latest' },
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
      encryptionAtHostEnabled: props.encryptionAtHost ?? true,
      priority: spot ? 'Spot' : 'Regular',
      evictionPolicy: spot ? spec.spotEvictionPolicy : undefined,
      maxBidPrice: spot ? (spec.purchase.maxPricePerHour ?? -1) : undefined,
      capacityReservationGroupId: spec.purchase.kind === PurchaseKind.RESERVATION ? spec.purchase.reservationId : undefined,
      customData: gpuMetrics ? Buffer.from(gpuMetricsCloudConfig(), 'utf8').toString('base64') : undefined,
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

    this.autoscale = this.renderAutoscale(name, rg);
    if (gpuMetrics) {
      this.metricsPublisher = new RoleAssignment(this, 'MetricsPublisher', {
        scope: this.scaleSet.id, roleDefinitionName: 'Monitoring Metrics Publisher', principalId: this.scaleSet.identity.principalId, principalType: 'ServicePrincipal',
      });
      this.gpuIdleAlert = new MonitorMetricAlert(this, 'GpuIdleAlert', {
        name: `${name}-gpu-idle`,
        resourceGroupName: network.resourceGroupName,
        description: `${this.node.path}: average GPU utilization below ${spec.idleGpuPercent}% for an hour (accelerators paid for and not used)`,
        scopes: [this.scaleSet.id],
        severity: 2,
        frequency: 'PT5M',
        windowSize: 'PT1H',
        criteria: [{
          metricNamespace: GpuFleet.GPU_METRIC_NAMESPACE,
          metricName: GpuFleet.GPU_UTILIZATION_METRIC,
          aggregation: 'Average',
          operator: 'LessThan',
          threshold: spec.idleGpuPercent,
          // the custom metric exists only once a VM has published it
          skipMetricValidation: true,
        }],
      });
    }
    // a raised placement group limit is an assumption about the subscription (Azure grants it on request): the facts
    // manifest records it, so a reviewer sees a fleet that counts on it
    recordResources(this, Cloud.AZURE, 'GpuFleet', { scaleSet: this.scaleSet, autoscale: this.autoscale, proximityPlacementGroup: this.proximityPlacementGroup },
      spec.props.placementGroupVmLimit !== undefined ? { placementGroupVmLimit: spec.props.placementGroupVmLimit } : undefined);
  }

  /**
   * The scale-to-zero schedule (working-hours and off-hours profiles), or, without one, a single profile that
   * keeps the node count between `minNodes` and `maxNodes` (Azure autoscale resets a count set outside them).
   */
  private renderAutoscale(name: string, rg: { resourceGroupName: string; location: string }): MonitorAutoscaleSetting | undefined {
    const spec = this.spec;
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
      return new MonitorAutoscaleSetting(this, 'Autoscale', {
        ...rg,
        name: `${name}-schedule`,
        targetResourceId: this.scaleSet.id,
        profile: [
          profile('working-hours', spec.minNodes, spec.nodes, spec.maxNodes, up),
          profile('off-hours', 0, 0, 0, down),
        ],
      });
    }
    if (spec.minNodes === spec.nodes && spec.maxNodes === spec.nodes) return undefined;
    return new MonitorAutoscaleSetting(this, 'Autoscale', {
      ...rg,
      name: `${name}-bounds`,
      targetResourceId: this.scaleSet.id,
      profile: [{ name: 'bounds', capacity: { minimum: spec.minNodes, default: spec.nodes, maximum: spec.maxNodes } }],
    });
  }

  /** Principal id of the scale set's system-assigned identity (for role assignments). */
  public get principalId(): string {
    return this.scaleSet.identity.principalId;
  }

  /** The scale set's system-assigned identity as a grant's principal (`azure.IGrantable`): `storage.grantReadWrite(fleet)`. */
  public get grantPrincipalId(): string {
    return this.principalId;
  }

  /** A managed identity is a service principal. */
  public get grantPrincipalType(): string | undefined {
    return 'ServicePrincipal';
  }
}

/**
 * Cloud-init that installs a systemd timer publishing the VM's GPU utilization each minute to the regional custom
 * metrics endpoint `https://<location>.monitoring.azure.com<scale set id>/metrics`, with a token the instance metadata
 * service issues for the scale set's system-assigned identity (audience `https://monitoring.azure.com/`). Region,
 * subscription, group and scale set come from the metadata service at run time, so the text holds no secret and no
 * deployment value. One series per VM (dimension `Instance`): min, max, sum and count over its GPUs, so the
 * metric's average is the average over every GPU of the fleet.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/metrics-store-custom-rest-api
 */
function gpuMetricsCloudConfig(): string {
  const publisher = [
    '#!/usr/bin/env python3',
    '# ai-infra: publishes the average GPU utilization of this VM as an Azure Monitor custom metric of its scale set',
    'import datetime, json, subprocess, urllib.request',
    "IMDS = 'http://169.254.169.254/metadata/'",
    'def imds(path):',
    "    with urllib.request.urlopen(urllib.request.Request(IMDS + path, headers={'Metadata': 'true'}), timeout=10) as r:",
    '        return json.load(r)',
    "vm = imds('instance/compute?api-version=2021-02-01')",
    "token = imds('identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmonitoring.azure.com%2F')['access_token']",
    "out = subprocess.run(['nvidia-smi', '--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'], capture_output=True, text=True, check=True).stdout",
    'gpus = [float(v) for v in out.split()]',
    "scale_set = '/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Compute/virtualMachineScaleSets/%s' % (vm['subscriptionId'], vm['resourceGroupName'], vm['vmScaleSetName'])",
    "body = {'time': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), 'data': {'baseData': {",
    `    'metric': '${GpuFleet.GPU_UTILIZATION_METRIC}', 'namespace': '${GpuFleet.GPU_METRIC_NAMESPACE}', 'dimNames': ['Instance'],`,
    "    'series': [{'dimValues': [vm['name']], 'min': min(gpus), 'max': max(gpus), 'sum': sum(gpus), 'count': len(gpus)}]}}}",
    "request = urllib.request.Request('https://%s.monitoring.azure.com%s/metrics' % (vm['location'], scale_set), data=json.dumps(body).encode(),",
    "    headers={'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token})",
    'urllib.request.urlopen(request, timeout=10).close()',
  ];
  const service = [
    '[Unit]',
    'Description=Publish GPU utilization to Azure Monitor (ai-infra)',
    'After=network-online.target',
    '[Service]',
    'Type=oneshot',
    'ExecStart=/usr/bin/python3 /usr/local/bin/ai-infra-gpu-metrics',
  ];
  const timer = ['[Unit]', 'Description=Publish GPU utilization every minute (ai-infra)', '[Timer]', 'OnBootSec=2min', 'OnUnitActiveSec=1min', '[Install]', 'WantedBy=timers.target'];
  const file = (path: string, permissions: string, lines: string[]) => [`  - path: ${path}`, `    permissions: '${permissions}'`, '    content: |', ...lines.map((l) => `      ${l}`)];
  return [
    '#cloud-config',
    'write_files:',
    ...file('/usr/local/bin/ai-infra-gpu-metrics', '0755', publisher),
    ...file('/etc/systemd/system/ai-infra-gpu-metrics.service', '0644', service),
    ...file('/etc/systemd/system/ai-infra-gpu-metrics.timer', '0644', timer),
    'runcmd:',
    '  - [systemctl, daemon-reload]',
    '  - [systemctl, enable, --now, ai-infra-gpu-metrics.timer]',
    '',
  ].join('\n');
}
