import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfile } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { ProximityPlacementGroup } from '@cdktf/provider-azurerm/lib/proximity-placement-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { AZURE_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable } from './grant';
import { addressAt, stableKey } from './stable-key';
import { Cloud } from '../core/catalog/cloud';
import { CpuArchitecture, InstanceType } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { dnsName, shortHash } from '../core/internal/names';
import { GpuFleetSpec, GpuFleetSpecProps } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { checkSshPublicKey } from '../core/ssh-key';
import { Validation } from '../core/validation';
import { recordResources } from '../terraform/manifest';
import { Fn, Token } from '../tf';

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
  /**
   * Resource id of the Log Analytics workspace the GPU utilization goes to (table `GpuUtilization_CL`, created by the
   * fleet), with `gpuMetrics`. The workspace is added to the network's Azure Monitor private link scope; it must be in
   * the network's region. Give the same workspace to every fleet of a network to keep one table.
   * @default - a workspace of the fleet's own (PerGB2018, 90 days, ingestion through private link only)
   */
  readonly logAnalyticsWorkspaceId?: string;
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
 * With `gpuMetrics` (the default) every VM sends its average GPU utilization each minute through the Logs Ingestion
 * API into the table `GpuUtilization_CL` of a Log Analytics workspace (`logAnalyticsWorkspaceId`, or one of the
 * fleet's own): a systemd timer from cloud-init reads `nvidia-smi` and posts with a token of the scale set's
 * system-assigned identity, which holds "Monitoring Metrics Publisher" on the fleet's data collection rule, to the
 * fleet's data collection endpoint (public network access off). The endpoint and the workspace are in the network's
 * Azure Monitor private link scope (`ClusterNetwork.monitorPrivateLinkScope`), whose private endpoint the compute
 * subnet reaches without any outbound internet path. A log search alert fires when a VM's average stays below
 * `idleGpuPercent` for an hour. Without it: no GPU table, no idle alert. (The custom metrics REST API the fleet used
 * before is not served through a private link scope, so without `internetEgress` it got no data.)
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/private-link-security
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
  /** Namespace of the custom GPU metric the VMs published before the Logs Ingestion API (kept for one release). */
  public static readonly GPU_METRIC_NAMESPACE = 'AIInfra.Gpu';
  /** Name of the GPU utilization column (average GPU utilization of a VM, percent). */
  public static readonly GPU_UTILIZATION_METRIC = 'GpuUtilization';
  /** The Log Analytics table the VMs write their GPU utilization to. */
  public static readonly GPU_TABLE = 'GpuUtilization_CL';
  /** The stream of the data collection rule the VMs post to. */
  public static readonly GPU_STREAM = 'Custom-GpuUtilization';

  /** The neutral spec (defaults resolved). */
  public readonly spec: GpuFleetSpec;
  /** The scale set. */
  public readonly scaleSet: LinuxVirtualMachineScaleSet;
  /** The proximity placement group, with `placement`. */
  public readonly proximityPlacementGroup?: ProximityPlacementGroup;
  /** The autoscale setting: the scale-to-zero schedule, or the node bounds. */
  public readonly autoscale?: MonitorAutoscaleSetting;
  /** The role assignment that lets the VMs send their GPU utilization through the data collection rule (with `gpuMetrics`). */
  public readonly metricsPublisher?: RoleAssignment;
  /** Resource id of the Log Analytics workspace that holds the GPU table (with `gpuMetrics`). */
  public readonly logAnalyticsWorkspaceId?: string;
  /** The data collection endpoint the VMs post to (with `gpuMetrics`). */
  public readonly dataCollectionEndpoint?: MonitorDataCollectionEndpoint;
  /** The data collection rule of the GPU stream (with `gpuMetrics`). */
  public readonly dataCollectionRule?: MonitorDataCollectionRule;
  /** Alert: GPUs idle, a VM's average utilization below `idleGpuPercent` for an hour (with `gpuMetrics`); no action until routed. */
  public readonly gpuIdleAlert?: MonitorScheduledQueryRulesAlertV2;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    requireProps('GpuFleet', this.node.path, props);
    this.spec = GpuFleetSpec.resolve(props, this.node.path, props?.network?.spec?.props?.fleet);
    const catalogType = this.spec.props.instanceType instanceof InstanceType ? this.spec.props.instanceType : undefined;
    // the InfiniBand placement group limit (100, or placementGroupVmLimit up to 300) is checked by the spec
    const problems = [...this.spec.validate(Cloud.AZURE), ...unsupportedSettings(AZURE_CLOUD, 'GpuFleet', this.spec.props)];
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
    const ws = props.logAnalyticsWorkspaceId;
    if (ws !== undefined && (typeof ws !== 'string' || (!Token.isUnresolved(ws)
      && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[A-Za-z0-9][-A-Za-z0-9]{2,61}[A-Za-z0-9]$/i.test(ws)))) {
      problems.push(Validation.problem('logAnalyticsWorkspaceId', ws, 'a Log Analytics workspace resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>'));
    }
    if (ws !== undefined && this.spec.props.gpuMetrics === false) {
      problems.push(Validation.problem('logAnalyticsWorkspaceId', ws, 'unset when gpuMetrics is false (no GPU table is written)'));
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
    const ingestion = gpuMetrics ? this.renderGpuIngestion(name, network, props.logAnalyticsWorkspaceId) : undefined;
    if (ingestion) {
      this.logAnalyticsWorkspaceId = ingestion.workspaceId;
      this.dataCollectionEndpoint = ingestion.endpoint;
      this.dataCollectionRule = ingestion.rule;
    }

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
      // the endpoint and the rule's immutable id are known at deployment: Terraform encodes the text
      customData: ingestion ? Fn.base64encode(gpuMetricsCloudConfig(ingestion.endpoint.logsIngestionEndpoint, ingestion.rule.immutableId)) : undefined,
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
    if (ingestion) {
      // the Logs Ingestion API requires "Monitoring Metrics Publisher" on the data collection rule
      // (https://learn.microsoft.com/azure/azure-monitor/logs/tutorial-logs-ingestion-portal#assign-permissions-to-the-dcr)
      this.metricsPublisher = new RoleAssignment(this, 'MetricsPublisher', {
        scope: ingestion.rule.id, roleDefinitionName: 'Monitoring Metrics Publisher', principalId: this.scaleSet.identity.principalId, principalType: 'ServicePrincipal',
      });
      const col = GpuFleet.GPU_UTILIZATION_METRIC;
      this.gpuIdleAlert = new MonitorScheduledQueryRulesAlertV2(this, 'GpuIdleAlert', {
        name: `${name}-gpu-idle`,
        resourceGroupName: network.resourceGroupName,
        location: network.location,
        description: `${this.node.path}: a VM's average GPU utilization below ${spec.idleGpuPercent}% for an hour (accelerators paid for and not used)`,
        scopes: [ingestion.workspaceId],
        severity: 2,
        evaluationFrequency: 'PT15M',
        windowDuration: 'PT1H',
        criteria: [{
          // one series per VM of this scale set: its average over the hour's rows
          query: `${GpuFleet.GPU_TABLE}\n| where ScaleSet == '${name}'\n| summarize ${col} = avg(${col}) by Computer`,
          timeAggregationMethod: 'Average',
          metricMeasureColumn: col,
          operator: 'LessThan',
          threshold: spec.idleGpuPercent,
          dimension: [{ name: 'Computer', operator: 'Include', values: ['*'] }],
          failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
        }],
        // the table has no rows until a VM has sent one
        skipQueryValidation: true,
        autoMitigationEnabled: true,
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

  /**
   * The GPU ingestion path: the workspace (given or the fleet's own), its custom table `GpuUtilization_CL`
   * (azurerm_log_analytics_workspace_table_custom_log, azurerm 4.55), a data collection endpoint with public network
   * access off and a data collection rule that maps the stream `Custom-GpuUtilization` onto the table; the endpoint and
   * the workspace join the network's Azure Monitor private link scope ("If you want to send data to a Log Analytics
   * workspace configured for private link, you must use a DCE", data-collection-endpoint-overview).
   * @see https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview
   * @see https://learn.microsoft.com/azure/azure-monitor/data-collection/data-collection-endpoint-overview
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_data_collection_rule
   */
  private renderGpuIngestion(name: string, network: ClusterNetwork, workspaceId?: string) {
    const rg = { resourceGroupName: network.resourceGroupName, location: network.location };
    const ownWorkspace = workspaceId === undefined;
    if (workspaceId === undefined) {
      workspaceId = new LogAnalyticsWorkspace(this, 'GpuLogs', {
        ...rg,
        name: `${name}-gpu-logs`,
        sku: 'PerGB2018',
        retentionInDays: 90,
        // rows arrive through the private link scope only; people query from the portal
        internetIngestionEnabled: false,
        internetQueryEnabled: true,
      }).id;
    }
    const tableProps = { name: GpuFleet.GPU_TABLE, workspaceId, column: GPU_COLUMNS.map(([n, type]) => ({ name: n, type })) };
    // A workspace the fleet was given may be shared by other fleets of the network: its one table (an Azure resource
    // named GpuUtilization_CL in that workspace) belongs to the network, so a second fleet neither creates it again
    // (ResourceRequiresImport) nor deletes it with itself. The fleet's own workspace keeps its table (and its address).
    const table = ownWorkspace
      ? new LogAnalyticsWorkspaceTableCustomLog(this, 'GpuTable', tableProps)
      : network._shared('GpuTable', workspaceId, (scope, id) => {
        const shared = new LogAnalyticsWorkspaceTableCustomLog(scope, id, tableProps);
        // the table used to sit under the fleet (<fleet>/GpuTable): a moved block carries it to its new address instead
        // of a destroy (the table holds the rows) and a create; Terraform skips a moved block whose source is not in state
        shared.moveFromId(addressAt(shared.terraformResourceType, this, 'GpuTable'));
        return shared;
      });
    // UNVERIFIED: the resource-name-rules page (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules)
    // was found but its Microsoft.Insights dataCollectionEndpoints row could not be read here; 44 characters is the
    // conservative cap (alphanumerics and hyphens, starting and ending alphanumeric). Names within it are unchanged;
    // longer ones keep a hash of the whole name (dnsName).
    const dceName = dnsName(`${name}-gpu-dce`, 44);
    const endpoint = new MonitorDataCollectionEndpoint(this, 'GpuIngestion', {
      ...rg, name: dceName, kind: 'Linux', publicNetworkAccessEnabled: false,
    });
    const rule = new MonitorDataCollectionRule(this, 'GpuRule', {
      ...rg,
      name: `${name}-gpu-dcr`,
      dataCollectionEndpointId: endpoint.id,
      streamDeclaration: [{ streamName: GpuFleet.GPU_STREAM, column: GPU_COLUMNS.map(([n, type]) => ({ name: n, type })) }],
      destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: workspaceId }] },
      dataFlow: [{ streams: [GpuFleet.GPU_STREAM], destinations: ['workspace'], transformKql: 'source', outputStream: `Custom-${GpuFleet.GPU_TABLE}` }],
      // the output stream is the table: it must exist first
      dependsOn: [table],
    });
    network.addToMonitorScope(this, 'GpuIngestionScoped', endpoint.id, dceName);
    // a shared workspace's scoped service is named after the workspace, not after the fleet that asked first
    network.addToMonitorScope(this, 'GpuLogsScoped', workspaceId, ownWorkspace ? `${name}-gpu-logs` : dnsName(`${network.namePrefix}-logs-${shortHash(stableKey(this, workspaceId))}`, 63));
    return { workspaceId, endpoint, rule };
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

/** Columns of the GPU stream and table (Log Analytics types). */
const GPU_COLUMNS: Array<[string, string]> = [['TimeGenerated', 'datetime'], ['Computer', 'string'], ['ScaleSet', 'string'], [GpuFleet.GPU_UTILIZATION_METRIC, 'real'], ['GpuCount', 'int']];

/**
 * Cloud-init that installs a systemd timer sending the VM's GPU utilization each minute through the Logs Ingestion API:
 * a POST of one row to `<endpoint>/dataCollectionRules/<rule immutable id>/streams/Custom-GpuUtilization?api-version=2023-01-01`
 * with a token the instance metadata service issues for the scale set's system-assigned identity (resource
 * `https://monitor.azure.com`). The endpoint's name resolves, through the network's privatelink.monitor.azure.com zone,
 * to the private link scope's private endpoint. The text holds no secret.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview#rest-api-call
 */
function gpuMetricsCloudConfig(endpoint: string, ruleId: string): string {
  const publisher = [
    '#!/usr/bin/env python3',
    '# ai-infra: sends the average GPU utilization of this VM to Azure Monitor Logs (Logs Ingestion API)',
    'import datetime, json, subprocess, urllib.request',
    "IMDS = 'http://169.254.169.254/metadata/'",
    `ENDPOINT = '${endpoint}'`,
    `RULE = '${ruleId}'`,
    'def imds(path):',
    "    with urllib.request.urlopen(urllib.request.Request(IMDS + path, headers={'Metadata': 'true'}), timeout=10) as r:",
    '        return json.load(r)',
    "vm = imds('instance/compute?api-version=2021-02-01')",
    "token = imds('identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmonitor.azure.com')['access_token']",
    "out = subprocess.run(['nvidia-smi', '--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'], capture_output=True, text=True, check=True).stdout",
    'gpus = [float(v) for v in out.split()]',
    "row = {'TimeGenerated': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), 'Computer': vm['name'],",
    `    'ScaleSet': vm['vmScaleSetName'], '${GpuFleet.GPU_UTILIZATION_METRIC}': sum(gpus) / len(gpus), 'GpuCount': len(gpus)}`,
    `request = urllib.request.Request('%s/dataCollectionRules/%s/streams/${GpuFleet.GPU_STREAM}?api-version=2023-01-01' % (ENDPOINT, RULE), data=json.dumps([row]).encode(),`,
    "    headers={'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token})",
    'urllib.request.urlopen(request, timeout=10).close()',
  ];
  const service = [
    '[Unit]',
    'Description=Send GPU utilization to Azure Monitor Logs (ai-infra)',
    'After=network-online.target',
    '[Service]',
    'Type=oneshot',
    'ExecStart=/usr/bin/python3 /usr/local/bin/ai-infra-gpu-metrics',
  ];
  const timer = ['[Unit]', 'Description=Send GPU utilization every minute (ai-infra)', '[Timer]', 'OnBootSec=2min', 'OnUnitActiveSec=1min', '[Install]', 'WantedBy=timers.target'];
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
