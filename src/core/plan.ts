import { Cloud } from './catalog/cloud';
import { InstanceType } from './catalog/instance-type';
import { StorageTierClass } from './catalog/storage-class';
import { isEmail } from './internal/checks';
import { ClusterNetworkSpecProps } from './specs/cluster-network-spec';
import { GpuFleetSpec, GpuFleetSpecProps } from './specs/gpu-fleet-spec';
import { ModelEndpointSpecProps } from './specs/model-endpoint-spec';
import { PurchaseOption } from './specs/purchase';
import { HighThroughputTier, StorageEncryption, TieredStorageSpecProps } from './specs/tiered-storage-spec';
import { Selection, StrategyKind } from './strategy';
import { Validation, ValidationProblem } from './validation';

/** The on-premises side of a hybrid platform. */
export interface OnPremisesSite {
  /** Address ranges of the site (routed over the VPN). */
  readonly cidrs: string[];
  /** Public IPv4 address of the site's VPN device. */
  readonly peerAddress: string;
  /**
   * BGP ASN of the site (64512-65534 private range, or a public ASN).
   * @default 65010
   */
  readonly bgpAsn?: number;
  /**
   * Google Cloud: id of the Secret Manager secret holding the tunnels' pre-shared key (create it first;
   * the key never appears in code). AWS generates its keys; Azure generates one when none is given.
   * @default - `<project>-vpn-psk`
   */
  readonly sharedSecretName?: string;
}

/** Options of a platform, beyond what the selection decides. */
export interface PlatformOptions {
  /** Project name, for cost-allocation tags and resource names. */
  readonly project: string;
  /** Workload name, for cost-allocation tags. */
  readonly workload: string;
  /**
   * The on-premises site: required for hybrid.
   * @default - none
   */
  readonly onPremises?: OnPremisesSite;
  /**
   * Training instance type (must belong to the platform's cloud).
   * @default - per cloud and strategy: p5.48xlarge / a3-megagpu-8g / Standard_ND96isr_H100_v5; for edge-centric
   *   g6e.xlarge / g2-standard-4 / Standard_NC24ads_A100_v4
   */
  readonly trainingInstanceType?: InstanceType;
  /**
   * Google Cloud edge-centric: the Distributed Cloud Edge node location (a zone of the site's racks, such as
   * `us-central1-edge-<site>`), which only exists once Google has installed the hardware.
   * @default - required for an edge-centric Google Cloud platform
   */
  readonly edgeNodeLocation?: string;
  /**
   * Email address alarms are sent to (SNS subscription, Cloud Monitoring channel, action group receiver).
   * @default - the notification target is created without a subscriber
   */
  readonly alertEmail?: string;
  /**
   * Network range of the platform.
   * @default '10.40.0.0/16'
   */
  readonly cidr?: string;
}

/** Cost-allocation tags every platform stack carries. */
export interface CostTags {
  readonly project: string;
  readonly strategy: string;
  readonly workload: string;
}

const TRAINING: Record<Cloud, { full: InstanceType; edge: InstanceType }> = {
  [Cloud.AWS]: { full: InstanceType.P5_48XLARGE, edge: InstanceType.G6E_XLARGE },
  [Cloud.GCP]: { full: InstanceType.A3_MEGAGPU_8G, edge: InstanceType.G2_STANDARD_4 },
  [Cloud.AZURE]: { full: InstanceType.STANDARD_ND96ISR_H100_V5, edge: InstanceType.STANDARD_NC24ADS_A100_V4 },
};
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * What a platform is made of, decided once for every cloud: the strategy's rules turned into the props
 * of the four neutral specs. The platform stacks of each cloud only translate a plan.
 *
 * - cloud-first: elastic training fleet (spot when the type has it, scale to zero off hours), tiered data
 *   lake with a high-throughput tier where the cloud has one, autoscaled private endpoint.
 * - hybrid: no internet egress, the site's ranges routed over a VPN, customer-managed keys, on-demand
 *   training (a steady, reserved-style fleet), private-only endpoint.
 * - edge-centric: a small training fleet that scales to zero, model artifact storage, a private endpoint
 *   in the cloud for fallback; devices get models through the cloud's edge service.
 */
export class PlatformPlan {
  /**
   * Plans a platform for one cloud.
   *
   * @param scopePath the construct path of the platform stack, named in errors (default: `<cloud>/<strategy>`)
   * @throws an Error naming every problem (a hybrid plan without its site, a type of another cloud)
   */
  public static of(cloud: Cloud, selection: Selection, options: PlatformOptions, scopePath?: string): PlatformPlan {
    const plan = new PlatformPlan(cloud, selection, options);
    Validation.throwIfAny('PlatformPlan', scopePath ?? `${cloud}/${selection.strategy}`, plan.validate());
    return plan;
  }

  /** The cloud. */
  public readonly cloud: Cloud;
  /** The strategy. */
  public readonly strategy: StrategyKind;
  /** The selection this plan comes from. */
  public readonly selection: Selection;
  /** The options. */
  public readonly options: PlatformOptions;

  private constructor(cloud: Cloud, selection: Selection, options: PlatformOptions) {
    this.cloud = cloud;
    this.selection = selection;
    this.strategy = selection.strategy;
    this.options = options;
  }

  /** Cost-allocation tags (labels on Google Cloud). */
  public get tags(): CostTags {
    return { project: this.options.project, strategy: this.strategy, workload: this.options.workload };
  }

  /** The training instance type. */
  public get trainingInstanceType(): InstanceType {
    return this.options.trainingInstanceType ?? (this.strategy === StrategyKind.EDGE_CENTRIC ? TRAINING[this.cloud].edge : TRAINING[this.cloud].full);
  }

  /** Props of the training fleet. */
  public get fleet(): GpuFleetSpecProps {
    const type = this.trainingInstanceType;
    const wanted = Math.ceil(this.selection.requirements.trainingGpus / type.acceleratorCount);
    const cap = type.spec.maxNodesPerFabricDomain ?? 1000;
    const nodes = this.strategy === StrategyKind.EDGE_CENTRIC ? 1 : Math.min(Math.max(1, wanted), cap);
    const elastic = this.strategy !== StrategyKind.HYBRID;
    return {
      instanceType: type,
      nodes,
      purchase: this.strategy === StrategyKind.CLOUD_FIRST && type.spec.spotSupported ? PurchaseOption.spot() : PurchaseOption.onDemand(),
      scaleToZero: elastic ? { scaleUpCron: '0 7 * * 1-5', scaleDownCron: '0 20 * * 1-5', timeZone: 'UTC' } : undefined,
    };
  }

  /** Props of the cluster network. */
  public get network(): ClusterNetworkSpecProps {
    return {
      cidr: this.options.cidr ?? '10.40.0.0/16',
      internetEgress: false,
      flowLogs: true,
      fleet: new GpuFleetSpec(this.fleet),
      onPremisesCidrs: this.strategy === StrategyKind.HYBRID ? this.options.onPremises?.cidrs : undefined,
    };
  }

  /** Props of the tiered storage. */
  public get storage(): TieredStorageSpecProps {
    const edge = this.strategy === StrategyKind.EDGE_CENTRIC;
    return {
      encryption: this.strategy === StrategyKind.HYBRID ? StorageEncryption.CUSTOMER_MANAGED : StorageEncryption.PROVIDER_MANAGED,
      highThroughput: this.strategy === StrategyKind.CLOUD_FIRST && this.cloud === Cloud.AWS ? HighThroughputTier.LUSTRE : HighThroughputTier.NONE,
      tiers: edge ? [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }] : undefined,
    };
  }

  /** Props of the endpoint. */
  public get endpoint(): ModelEndpointSpecProps {
    return {
      privateOnly: true,
      minInstances: 1,
      maxInstances: this.strategy === StrategyKind.CLOUD_FIRST ? 8 : 4,
      latencyAlarmMs: Math.max(1, Math.round(this.selection.requirements.latencyBudgetMs)),
    };
  }

  /** Whether the platform connects an on-premises site. */
  public get hybrid(): boolean { return this.strategy === StrategyKind.HYBRID; }
  /** Whether the platform ships models to edge devices. */
  public get edge(): boolean { return this.strategy === StrategyKind.EDGE_CENTRIC; }

  /** Every problem with the plan (empty when valid). */
  public validate(): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const o = this.options ?? ({} as PlatformOptions);
    if (typeof o.project !== 'string' || !/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/.test(o.project)) {
      p.push(Validation.problem('project', o.project, 'lower case letters, digits and dashes, 3-30 characters, starting with a letter'));
    }
    if (typeof o.workload !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(o.workload)) {
      p.push(Validation.problem('workload', o.workload, 'lower case letters, digits and dashes, starting with a letter'));
    }
    if (o.alertEmail !== undefined && !isEmail(o.alertEmail)) p.push(Validation.problem('alertEmail', o.alertEmail, 'an email address'));
    if (o.trainingInstanceType !== undefined && o.trainingInstanceType.cloud !== this.cloud) {
      p.push(Validation.problem('trainingInstanceType', o.trainingInstanceType.name, `a ${this.cloud} type`));
    }
    if (this.hybrid) {
      const site = o.onPremises;
      if (!site) {
        p.push(Validation.problem('onPremises', undefined, 'the on-premises site ({ cidrs, peerAddress }) for a hybrid platform'));
      } else {
        const m = IPV4.exec(String(site.peerAddress));
        if (!m || m.slice(1).some((x) => Number(x) > 255)) p.push(Validation.problem('onPremises.peerAddress', site.peerAddress, 'a public IPv4 address'));
        if (!Array.isArray(site.cidrs) || site.cidrs.length === 0) p.push(Validation.problem('onPremises.cidrs', site.cidrs, 'at least one IPv4 CIDR'));
        if (site.bgpAsn !== undefined && !(Number.isInteger(site.bgpAsn) && site.bgpAsn >= 1 && site.bgpAsn <= 4294967294)) {
          p.push(Validation.problem('onPremises.bgpAsn', site.bgpAsn, 'a whole number from 1 to 4294967294'));
        }
      }
    } else if (o.onPremises !== undefined) {
      p.push(Validation.problem('onPremises', 'set', `unset for a ${this.strategy} platform (only hybrid connects a site)`));
    }
    if (this.edge && this.cloud === Cloud.GCP && !/^[a-z]+-[a-z]+\d+-edge-[a-z0-9-]+$/.test(String(o.edgeNodeLocation))) {
      p.push(Validation.problem('edgeNodeLocation', o.edgeNodeLocation, 'the Distributed Cloud Edge zone of the site, e.g. us-central1-edge-den25349'));
    }
    return p;
  }
}
