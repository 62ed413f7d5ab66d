import { PurchaseKind, PurchaseOption, SpotEvictionPolicy } from './purchase';
import { Cloud } from '../catalog/cloud';
import { ConsumptionOption, InstanceType } from '../catalog/instance-type';
import { InterconnectKind } from '../catalog/network-layout';
import { booleans, numberInRange, wholeInRange } from '../internal/checks';
import { cronDays, cronWindowMinutes, isTimeZone, parseCron, timeZones } from '../internal/cron';
import { closestNames, show } from '../internal/text';
import { Validation, ValidationProblem } from '../validation';

/** AWS: which interface type carries the EFA fabric. */
export enum EfaInterfaceMode {
  /**
   * Current EC2 guidance: an ENA `interface` at card 0 device 0, `efa-only` at card 0 device 1 and at
   * device 0 of every other card (on types whose card 0 carries no EFA, such as p6-b300: `efa-only` at device 0
   * of cards 1-16 only). One IP address per node.
   */
  EFA_ONLY = 'efa-only',
  /**
   * `efa` on every EFA card (AWS Batch and AWS PCS templates; PCS requires it); an ENA `interface` on a card
   * without EFA (p6-b300 card 0). One IP address per card.
   */
  EFA = 'efa',
}

/** A schedule that scales a fleet to zero outside working hours. */
export interface ScaleToZeroSchedule {
  /**
   * Cron (5 fields, UTC unless `timeZone`) at which the fleet scales to zero.
   * @default '0 20 * * 1-5'
   */
  readonly scaleDownCron?: string;
  /**
   * Cron at which the fleet scales back to its desired size.
   * @default '0 7 * * 1-5'
   */
  readonly scaleUpCron?: string;
  /**
   * IANA time zone of the crons.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/** A role a network interface plays. */
export enum NicRole {
  /** General-purpose traffic (ENA, gVNIC, Azure NIC). */
  HOST = 'host',
  /** Accelerator fabric (EFA, GPU NIC, RDMA NIC, InfiniBand link). */
  FABRIC = 'fabric',
}

/** One network interface of a fleet node, as the renderers must create it. */
export interface NicAttachment {
  /** Position on the instance (0 = primary). */
  readonly index: number;
  /** What the interface carries. */
  readonly role: NicRole;
  /** Provider interface type: AWS `interface`/`efa`/`efa-only`; Google Cloud `GVNIC`/`MRDMA`; Azure `ethernet`/`infiniband`. */
  readonly interfaceType: string;
  /** AWS network card index (0 elsewhere). */
  readonly networkCardIndex: number;
  /** AWS device index on the card (0 elsewhere). */
  readonly deviceIndex: number;
  /** Logical network: `host`, `host-1`, `gpu-<n>` (own VPC each), `rdma` (one RoCE VPC), `fabric` (Azure). */
  readonly network: string;
  /** Subnet within that network (RDMA: one per NIC). */
  readonly subnetIndex: number;
  /** Whether the interface takes an IP address from its subnet. */
  readonly takesIp: boolean;
}

/**
 * Properties of a GPU compute fleet, cloud-neutral.
 */
export interface GpuFleetSpecProps {
  /**
   * Instance type from the catalog; its cloud must match the renderer.
   * @default - a GpuFleet takes it from its cluster network's fleet spec (`network.spec.props.fleet`); required
   *   everywhere else
   */
  readonly instanceType?: InstanceType;
  /**
   * Desired number of nodes.
   * @default 1
   */
  readonly nodes?: number;
  /**
   * Fewest nodes the autoscaler may run.
   * @default - `nodes`
   */
  readonly minNodes?: number;
  /**
   * Most nodes the autoscaler may run.
   * @default - `nodes`
   */
  readonly maxNodes?: number;
  /**
   * How capacity is bought.
   * @default PurchaseOption.onDemand()
   */
  readonly purchase?: PurchaseOption;
  /**
   * Co-locate the nodes (AWS cluster placement group, Google Cloud compact placement, Azure proximity placement group).
   * @default - true for more than one node of a fabric type, unless the purchase is a capacity block
   */
  readonly placement?: boolean;
  /**
   * Root (boot) volume size in GiB (100 to 16384), encrypted.
   * @default 200
   */
  readonly rootVolumeGiB?: number;
  /**
   * Scale to zero outside working hours.
   * @default - no schedule
   */
  readonly scaleToZero?: ScaleToZeroSchedule;
  /**
   * Publish GPU metrics (DCGM / nvidia-smi through the monitoring agent) and alarm on them.
   * @default true
   */
  readonly gpuMetrics?: boolean;
  /**
   * The idle alarm: GPU utilization (average across the fleet) below this percentage for an hour means
   * accelerators are paid for and not used. The same signal and threshold on every cloud; only with `gpuMetrics`.
   * @default 10
   */
  readonly idleGpuPercent?: number;
  /**
   * Azure InfiniBand sizes: the most VMs the scale set's placement group (the InfiniBand fabric domain) may hold.
   * Azure caps a placement group at 100 VMs by default and raises it to 300 on a support request ("capped at 100
   * VMs by default ... can be increased to 300": https://learn.microsoft.com/azure/virtual-machines/setup-infiniband).
   * Set it once Azure has raised the subscription's limit: 1 to the type's raised limit (300). Refused for a type
   * without such a placement group (every AWS and Google Cloud type, Azure Ethernet sizes).
   * @default - the catalog's default limit (100)
   */
  readonly placementGroupVmLimit?: number;
}

/** The catalog's consumption option each purchase kind buys. */
const PURCHASE_OPTION: Record<string, ConsumptionOption> = {
  [PurchaseKind.ON_DEMAND]: ConsumptionOption.ON_DEMAND,
  [PurchaseKind.SPOT]: ConsumptionOption.SPOT,
  [PurchaseKind.RESERVATION]: ConsumptionOption.RESERVATION,
  [PurchaseKind.CAPACITY_BLOCK]: ConsumptionOption.CAPACITY_BLOCK,
};
/** The purchase a fleet gives for each consumption option the fleets render (flex-start: none yet). */
const PURCHASE_CALL: Record<string, string> = {
  [ConsumptionOption.ON_DEMAND]: 'PurchaseOption.onDemand()',
  [ConsumptionOption.SPOT]: 'PurchaseOption.spot()',
  [ConsumptionOption.RESERVATION]: 'PurchaseOption.reservation(id)',
  [ConsumptionOption.CAPACITY_BLOCK]: 'PurchaseOption.capacityBlock(id)',
};

/**
 * `placementMaxDistance`, which only Google Cloud's props declare (`gcp.GpuFleetProps`: compact placement's distance
 * is Google Cloud's). The spec checks it against the family and gives the default when the props carry it; the other
 * clouds refuse it by name (their capability tables).
 */
function placementMaxDistanceOf(props: GpuFleetSpecProps): number | undefined {
  return (props as { readonly placementMaxDistance?: number } | undefined)?.placementMaxDistance;
}

/**
 * `efaInterfaceMode`, which only AWS's props declare (`aws.GpuFleetProps`, and `aws.ClusterNetworkProps` for the fleet
 * the network is sized for: EFA is AWS's fabric). The NIC plan, and with it the cluster subnet's size, follows it when
 * the props carry it; Google Cloud and Azure refuse it by name (their capability tables).
 */
function efaInterfaceModeOf(props: GpuFleetSpecProps | undefined): EfaInterfaceMode | undefined {
  return (props as { readonly efaInterfaceMode?: EfaInterfaceMode } | undefined)?.efaInterfaceMode;
}

/** Most nodes a single fleet may declare. */
const MAX_NODES = 1000;
/** The reservation id each cloud's capacity reservations take (a table: an unknown cloud has none, never another's). */
const RESERVATION_ID: Record<string, { pattern: RegExp; allowed: string }> = {
  [Cloud.AWS]: { pattern: /^cr-[0-9a-f]{8}([0-9a-f]{9})?$/, allowed: 'a capacity reservation id like cr-0123456789abcdef0' },
  [Cloud.GCP]: {
    pattern: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    allowed: 'a Google Cloud reservation name: lower case letters, digits and dashes, 1-63 characters, starting with a letter',
  },
  [Cloud.AZURE]: {
    pattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/capacityReservationGroups\/[^/]+$/i,
    allowed: 'a capacity reservation group resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/capacityReservationGroups/<name>',
  },
};

/** The name each cloud gives a plain host NIC in the NIC plan (AWS InterfaceType, Google Cloud nic_type, Azure). */
const HOST_INTERFACE_TYPE: Record<string, string> = { [Cloud.AWS]: 'interface', [Cloud.GCP]: 'GVNIC', [Cloud.AZURE]: 'ethernet' };

function hostInterfaceType(cloud: Cloud): string {
  const t = HOST_INTERFACE_TYPE[cloud];
  if (t === undefined) throw new Error(`[ai-infra] GpuFleetSpec: no host NIC type is known for cloud '${cloud}': allowed: ${Object.keys(HOST_INTERFACE_TYPE).join(', ')}`);
  return t;
}

/**
 * A GPU compute fleet with its defaults resolved, and the rules every cloud shares.
 */
export class GpuFleetSpec {
  /**
   * The spec of a fleet that runs in a cluster network sized for `networkFleet`: every property the fleet omits
   * comes from the network's fleet spec, so an application declares the fleet once (for the network) and gives the
   * fleet only the network. A property given on both that differs is an error naming both values; so is a fleet
   * with no instance type on either side.
   *
   * @param props the fleet's own properties
   * @param path the fleet's construct path, named in errors
   * @param networkFleet the fleet spec the cluster network was created with (`network.spec.props.fleet`), if any
   */
  public static resolve(props: GpuFleetSpecProps, path: string, networkFleet?: GpuFleetSpec): GpuFleetSpec {
    const own = (props ?? {}) as Record<string, unknown>;
    // a missing instance type, here or there, is reported by validate() with the fleet's other problems
    if (!(networkFleet instanceof GpuFleetSpec)) return new GpuFleetSpec(props);
    const merged: Record<string, unknown> = { ...own };
    const problems: ValidationProblem[] = [];
    for (const [k, theirs] of Object.entries(networkFleet.props as Record<string, unknown>)) {
      if (theirs === undefined) continue;
      const mine = own[k];
      if (mine === undefined) {
        merged[k] = theirs;
      } else if (!sameValue(mine, theirs)) {
        problems.push(Validation.problem(k, named(mine),
          `unset, or ${show(named(theirs))} as in the cluster network's fleet spec (the network was sized for that fleet)`));
      }
    }
    Validation.throwIfAny('GpuFleet', path, problems);
    return new GpuFleetSpec(merged as GpuFleetSpecProps);
  }

  /** Given properties. */
  public readonly props: GpuFleetSpecProps;

  constructor(props: GpuFleetSpecProps) {
    this.props = props ?? ({} as GpuFleetSpecProps);
  }

  /** The instance type (validate() reports a missing one). */
  public get instanceType(): InstanceType { return this.props.instanceType!; }
  /** Desired nodes. */
  public get nodes(): number { return this.props.nodes ?? 1; }
  /** Fewest nodes. */
  public get minNodes(): number { return this.props.minNodes ?? this.nodes; }
  /** Most nodes. */
  public get maxNodes(): number { return this.props.maxNodes ?? Math.max(this.nodes, this.props.minNodes ?? 0); }
  /** How capacity is bought. */
  public get purchase(): PurchaseOption { return this.props.purchase ?? PurchaseOption.onDemand(); }
  /** Root volume size, GiB. */
  public get rootVolumeGiB(): number { return this.props.rootVolumeGiB ?? 200; }
  /** Whether GPU metrics are published. */
  public get gpuMetrics(): boolean { return this.props.gpuMetrics ?? true; }
  /** Idle alarm threshold: GPU utilization percent over an hour. */
  public get idleGpuPercent(): number { return this.props.idleGpuPercent ?? 10; }
  /** AWS EFA interface mode. */
  public get efaInterfaceMode(): EfaInterfaceMode { return efaInterfaceModeOf(this.props) ?? EfaInterfaceMode.EFA_ONLY; }
  /** Azure spot eviction policy (when spot). */
  public get spotEvictionPolicy(): SpotEvictionPolicy { return this.purchase.evictionPolicy ?? SpotEvictionPolicy.DELETE; }

  /** Whether the nodes are co-located. */
  public get placement(): boolean {
    if (this.props.placement !== undefined) return this.props.placement;
    // a dense reservation places its VMs itself: Google's A3 Ultra and A4 blueprints add no compact policy with one
    if (this.purchase.kind === PurchaseKind.RESERVATION && this.instanceType?.spec.reservationPlacesNodes === true) return false;
    return this.maxNodes > 1 && this.instanceType?.hasFabric === true && this.purchase.kind !== PurchaseKind.CAPACITY_BLOCK;
  }

  /** Google Cloud compact placement distance. */
  public get placementMaxDistance(): number {
    return placementMaxDistanceOf(this.props) ?? this.instanceType?.spec.minCompactPlacementDistance ?? 1;
  }

  /** The scale-to-zero schedule with defaults, or undefined. */
  public get scaleToZero(): ScaleToZeroSchedule | undefined {
    const s = this.props.scaleToZero;
    if (!s) return undefined;
    return {
      // names (MON-FRI, JAN) as numbers: every cloud's scheduler reads the numeric form
      scaleDownCron: normalizedCron(s.scaleDownCron ?? '0 20 * * 1-5'),
      scaleUpCron: normalizedCron(s.scaleUpCron ?? '0 7 * * 1-5'),
      timeZone: s.timeZone ?? 'UTC',
    };
  }

  /**
   * Days of the week (0 = Sunday) the scale-up cron fires on, from its day-of-week field.
   */
  public get workingDays(): number[] {
    const s = this.scaleToZero;
    return s ? cronDays(s.scaleUpCron!) : [];
  }

  /**
   * Length of the working window, in minutes, from `scaleUpCron` to `scaleDownCron`, when both fire at a
   * fixed minute and hour on the same days (what Google Cloud scaling schedules and Azure autoscale
   * profiles need); undefined otherwise.
   */
  public get workingWindowMinutes(): number | undefined {
    const s = this.scaleToZero;
    return s ? cronWindowMinutes(s.scaleUpCron!, s.scaleDownCron!) : undefined;
  }

  /**
   * The network interfaces every node gets: one per fabric interface in the catalog layout, so the
   * fleet reaches the type's maximum bandwidth. Never typed in by hand.
   */
  public nicPlan(): NicAttachment[] {
    const t = this.instanceType;
    const n = t.network;
    const nics: NicAttachment[] = [];
    const push = (a: Omit<NicAttachment, 'index'>) => nics.push({ index: nics.length, ...a });
    switch (n.kind) {
      case InterconnectKind.EFA: {
        // cards 0..hostOnlyCards-1 carry ENA only (p6-b300 card 0: EFA limit 0); the others carry fabricNicsPerCard EFA each,
        // after the primary ENA on card 0 where card 0 carries EFA too (awslabs/awsome-distributed-ai add-cng-p6-b300.yaml,
        // add-cng-p6-b200.yaml; https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html)
        const efaOnly = this.efaInterfaceMode === EfaInterfaceMode.EFA_ONLY;
        const hostOnly = n.hostOnlyCards ?? 0;
        const perCard = n.fabricNicsPerCard ?? 1;
        const primaryIsEna = efaOnly || hostOnly > 0;
        if (primaryIsEna) {
          push({ role: NicRole.HOST, interfaceType: 'interface', networkCardIndex: 0, deviceIndex: 0, network: 'host', subnetIndex: 0, takesIp: true });
        }
        for (let card = 0; card < n.networkCards; card++) {
          if (card < hostOnly) continue;
          const first = card === 0 && primaryIsEna ? 1 : 0;
          for (let d = 0; d < perCard; d++) {
            push({
              role: NicRole.FABRIC,
              interfaceType: efaOnly ? 'efa-only' : 'efa',
              networkCardIndex: card,
              deviceIndex: first + d,
              network: 'host',
              subnetIndex: 0,
              takesIp: !efaOnly,
            });
          }
        }
        break;
      }
      case InterconnectKind.GPUDIRECT_TCPX:
      case InterconnectKind.GPUDIRECT_TCPXO:
        push({ role: NicRole.HOST, interfaceType: 'GVNIC', networkCardIndex: 0, deviceIndex: 0, network: 'host', subnetIndex: 0, takesIp: true });
        for (let i = 0; i < n.fabricNics; i++) {
          push({ role: NicRole.FABRIC, interfaceType: 'GVNIC', networkCardIndex: 0, deviceIndex: 0, network: `gpu-${i}`, subnetIndex: 0, takesIp: true });
        }
        break;
      case InterconnectKind.RDMA:
        for (let i = 0; i < n.hostNics; i++) {
          push({ role: NicRole.HOST, interfaceType: 'GVNIC', networkCardIndex: 0, deviceIndex: 0, network: i === 0 ? 'host' : `host-${i}`, subnetIndex: 0, takesIp: true });
        }
        for (let i = 0; i < n.fabricNics; i++) {
          push({ role: NicRole.FABRIC, interfaceType: 'MRDMA', networkCardIndex: 0, deviceIndex: 0, network: 'rdma', subnetIndex: i, takesIp: true });
        }
        break;
      case InterconnectKind.INFINIBAND:
        push({ role: NicRole.HOST, interfaceType: 'ethernet', networkCardIndex: 0, deviceIndex: 0, network: 'host', subnetIndex: 0, takesIp: true });
        for (let i = 0; i < n.fabricNics; i++) {
          push({ role: NicRole.FABRIC, interfaceType: 'infiniband', networkCardIndex: 0, deviceIndex: 0, network: 'fabric', subnetIndex: 0, takesIp: false });
        }
        break;
      default:
        push({
          role: NicRole.HOST,
          interfaceType: hostInterfaceType(t.cloud),
          networkCardIndex: 0,
          deviceIndex: 0,
          network: 'host',
          subnetIndex: 0,
          takesIp: true,
        });
    }
    return nics;
  }

  /** IP addresses one node takes in the cluster (host) subnet. */
  public get ipsPerNode(): number {
    return this.nicPlan().filter((a) => a.network === 'host' && a.takesIp).length;
  }

  /** Gbps one node reaches with the planned interfaces (equals the type's maximum). */
  public get plannedGbps(): number {
    const plan = this.nicPlan();
    return this.instanceType.configuredGbps(
      plan.filter((a) => a.role === NicRole.HOST).length,
      plan.filter((a) => a.role === NicRole.FABRIC).length);
  }

  /**
   * Every problem with the properties (empty when valid).
   *
   * @param cloud the cloud that will render the fleet (checks the instance type belongs to it)
   */
  public validate(cloud?: Cloud): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const props = this.props;
    booleans(p, props, ['placement', 'gpuMetrics']);
    if (props.idleGpuPercent !== undefined) numberInRange(p, 'idleGpuPercent', props.idleGpuPercent, 1, 99, ' percent');
    const t = props.instanceType;
    if (!(t instanceof InstanceType)) {
      p.push(Validation.problem('instanceType', t, 'an InstanceType from the catalog, e.g. InstanceType.of(\'p5.48xlarge\') ' +
        '(a GpuFleet takes it from its cluster network\'s fleet spec when the network has one)'));
      return p;
    }
    if (cloud !== undefined && t.cloud !== cloud) {
      p.push(Validation.problem('instanceType', t.name,
        `a ${cloud} type (this is a ${t.cloud} type); closest: ${closestNames(t.name, InstanceType.all(cloud).map((x) => x.name)).join(', ')}`));
    }
    // a fabric domain (Azure: one scale set placement group) caps the fleet whether or not placement is asked for;
    // placementGroupVmLimit raises it up to the limit the provider grants on request
    const onRequest = t.spec.maxNodesPerFabricDomainOnRequest;
    let raised: number | undefined;
    if (props.placementGroupVmLimit !== undefined) {
      if (onRequest === undefined) {
        p.push(Validation.problem('placementGroupVmLimit', props.placementGroupVmLimit, `unset for ${t.name} (no InfiniBand placement group whose limit could be raised)`));
      } else {
        const before = p.length;
        wholeInRange(p, 'placementGroupVmLimit', props.placementGroupVmLimit, 1, onRequest,
          ` VMs (Azure: ${t.spec.maxNodesPerFabricDomain ?? onRequest} per placement group by default, up to ${onRequest} once raised on request)`);
        if (p.length === before) raised = props.placementGroupVmLimit;
      }
    }
    const limit = raised ?? t.spec.maxNodesPerFabricDomain ?? MAX_NODES;
    const raise = onRequest !== undefined && limit < onRequest
      ? `; the provider raises the limit to ${onRequest} on request: then set the fleet's placementGroupVmLimit (up to ${onRequest})` : '';
    const limitNote = limit < MAX_NODES ? ` (${t.name} shares InfiniBand only inside one placement group of at most ${limit} VMs: declare several fleets for more${raise})` : '';
    if (props.nodes !== undefined) wholeInRange(p, 'nodes', props.nodes, 0, limit, limitNote);
    if (props.minNodes !== undefined) wholeInRange(p, 'minNodes', props.minNodes, 0, limit, limitNote);
    if (props.maxNodes !== undefined) wholeInRange(p, 'maxNodes', props.maxNodes, 1, limit, limitNote);
    else if (this.maxNodes > limit) p.push(Validation.problem('maxNodes', this.maxNodes, `a whole number from 1 to ${limit}${limitNote}`));
    if (p.length === 0) {
      if (this.minNodes > this.nodes) p.push(Validation.problem('minNodes', this.minNodes, `at most nodes (${this.nodes})`));
      if (this.nodes > this.maxNodes) p.push(Validation.problem('maxNodes', this.maxNodes, `at least nodes (${this.nodes})`));
      if (this.maxNodes < 1) p.push(Validation.problem('maxNodes', this.maxNodes, 'at least 1'));
    }

    const purchase = props.purchase;
    if (purchase !== undefined && !(purchase instanceof PurchaseOption)) {
      p.push(Validation.problem('purchase', purchase, 'a PurchaseOption: onDemand(), spot(), reservation(id) or capacityBlock(id)'));
    } else {
      p.push(...this.validatePurchase(t));
    }

    if (props.placement === true && this.maxNodes <= 1) {
      p.push(Validation.problem('placement', true, 'false or unset for a fleet of at most one node (placement co-locates several nodes)'));
    }
    if (props.placement === true && this.purchase.kind === PurchaseKind.CAPACITY_BLOCK) {
      p.push(Validation.problem('placement', true, 'false or unset with a capacity block (a block is already co-located; AWS rejects a placement group with it)'));
    }
    const maxDistance = placementMaxDistanceOf(props);
    if (maxDistance !== undefined) {
      // Google Cloud's own prop (gcp.GpuFleetProps); the other clouds refuse it by name (their capability tables)
      const min = t.spec.minCompactPlacementDistance ?? 1;
      wholeInRange(p, 'placementMaxDistance', maxDistance, min, 3, min > 1 ? ` (${t.spec.family.toUpperCase()} does not accept ${min - 1})` : '');
    }
    if (props.rootVolumeGiB !== undefined) wholeInRange(p, 'rootVolumeGiB', props.rootVolumeGiB, 100, 16384, ' GiB (ML images need 100 GiB or more)');
    const efaMode = efaInterfaceModeOf(props);
    if (efaMode !== undefined) {
      // AWS's own prop (aws.GpuFleetProps); Google Cloud and Azure refuse it by name (their capability tables), so
      // the type check here is for AWS types without EFA (g6, ...)
      if (!Object.values(EfaInterfaceMode).includes(efaMode)) {
        p.push(Validation.problem('efaInterfaceMode', efaMode, 'efa-only or efa'));
      } else if (t.network.kind !== InterconnectKind.EFA && t.cloud === Cloud.AWS) {
        p.push(Validation.problem('efaInterfaceMode', efaMode, `unset for ${t.name} (no EFA)`));
      }
    }
    const s = props.scaleToZero;
    if (s !== undefined && (s === null || typeof s !== 'object')) {
      p.push(Validation.problem('scaleToZero', s, 'a schedule: { scaleDownCron, scaleUpCron, timeZone }'));
    } else if (s !== undefined) {
      for (const [key, example] of [['scaleDownCron', '0 20 * * 1-5'], ['scaleUpCron', '0 7 * * MON-FRI']] as const) {
        const parsed = s[key] === undefined ? undefined : parseCron(s[key]);
        if (typeof parsed === 'string') {
          p.push(Validation.problem(`scaleToZero.${key}`, s[key], `a 5-field cron (minute hour day-of-month month day-of-week), e.g. '${example}': ${parsed}`));
        }
      }
      if (s.timeZone !== undefined && !isTimeZone(s.timeZone)) {
        const near = typeof s.timeZone === 'string' ? closestNames(s.timeZone, ['UTC', ...timeZones()], 3) : [];
        p.push(Validation.problem('scaleToZero.timeZone', s.timeZone, `an IANA time zone, e.g. 'UTC' or 'Europe/Berlin'${near.length ? ` (nearest: ${near.join(', ')})` : ''}`));
      }
      if (this.purchase.kind === PurchaseKind.CAPACITY_BLOCK || this.purchase.kind === PurchaseKind.RESERVATION) {
        p.push(Validation.problem('scaleToZero', 'set', `unset with a ${this.purchase.kind} (reserved capacity is billed whether nodes run or not)`));
      }
    }
    return p;
  }

  private validatePurchase(t: InstanceType): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const pur = this.purchase;
    // the catalog says how each type is sold; a purchase outside that (the on-demand default included) is refused,
    // naming the options the fleet can choose
    const option = PURCHASE_OPTION[pur.kind];
    const options = t.spec.consumptionOptions ?? [];
    // (a capacity block on a type never sold so is reported below, with the types that are)
    if (option !== undefined && !options.includes(option) && !(option === ConsumptionOption.CAPACITY_BLOCK && !t.spec.capacityBlocks)) {
      const choices = options.map((o) => PURCHASE_CALL[o]).filter((c): c is string => c !== undefined);
      const unrendered = options.filter((o) => PURCHASE_CALL[o] === undefined);
      p.push(Validation.problem('purchase', this.props.purchase === undefined ? `${pur.kind} (the default)` : pur.kind,
        `${choices.join(' or ')}: ${t.name} is sold as ${options.join(', ')} only (${t.spec.consumptionSource})` +
        (unrendered.length > 0 ? `; ${unrendered.join(', ')} is not rendered by the fleets` : '')));
      return p;
    }
    switch (pur.kind) {
      case PurchaseKind.SPOT:
        if (pur.maxPricePerHour !== undefined) numberInRange(p, 'purchase.maxPricePerHour', pur.maxPricePerHour, 0.001, 1000, ' USD per hour');
        if (pur.evictionPolicy !== undefined && t.cloud !== Cloud.AZURE) {
          p.push(Validation.problem('purchase.evictionPolicy', pur.evictionPolicy, `unset on ${t.cloud} (Azure only)`));
        } else if (pur.evictionPolicy !== undefined && !Object.values(SpotEvictionPolicy).includes(pur.evictionPolicy)) {
          p.push(Validation.problem('purchase.evictionPolicy', pur.evictionPolicy, 'Delete or Deallocate'));
        }
        break;
      case PurchaseKind.CAPACITY_BLOCK:
        // the catalog says which types are sold as Capacity Blocks (an AWS product: no other cloud's type is)
        if (!t.spec.capacityBlocks) {
          p.push(Validation.problem('purchase', 'capacity-block', `a type sold as Capacity Blocks (${InstanceType.all(Cloud.AWS).filter((x) => x.spec.capacityBlocks).map((x) => x.name).join(', ')})`));
        }
        if (t.spec.capacityBlocks && !RESERVATION_ID[Cloud.AWS].pattern.test(String(pur.reservationId))) {
          p.push(Validation.problem('purchase.reservationId', pur.reservationId, RESERVATION_ID[Cloud.AWS].allowed));
        }
        break;
      case PurchaseKind.RESERVATION: {
        const id = pur.reservationId;
        const rule = RESERVATION_ID[t.cloud];
        if (rule === undefined || !rule.pattern.test(String(id))) {
          p.push(Validation.problem('purchase.reservationId', id, rule?.allowed ?? `no reservation format is known for ${t.cloud}`));
        }
        break;
      }
      default:
        break;
    }
    return p;
  }

  /**
   * Validates and throws an Error naming the construct and every problem.
   *
   * @param path construct path (or a name)
   * @param cloud the rendering cloud
   */
  public assertValid(path: string, cloud?: Cloud): void {
    Validation.throwIfAny('GpuFleet', path, this.validate(cloud));
  }
}

/** A cron with names as numbers; anything that does not parse as it is (validate() reports it). */
function normalizedCron(v: string): string {
  const c = parseCron(v);
  return typeof c === 'string' ? v : c.normalized;
}

/** A catalog entry by its name, anything else as it is. */
function named(v: unknown): unknown {
  return v instanceof InstanceType ? v.name : v;
}

/** Whether two property values say the same thing: the same catalog entry, or the same plain data. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof InstanceType || b instanceof InstanceType) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
