/** How fleet capacity is bought. */
export enum PurchaseKind {
  /** Pay by the hour, no commitment. */
  ON_DEMAND = 'on-demand',
  /** Spare capacity at a discount; may be reclaimed (checkpoint your training). */
  SPOT = 'spot',
  /** A targeted capacity reservation (AWS ODCR, Google Cloud reservation, Azure capacity reservation group). */
  RESERVATION = 'reservation',
  /** AWS EC2 Capacity Block for ML: prepaid, time-boxed, already co-located (no placement group). */
  CAPACITY_BLOCK = 'capacity-block',
}

/** What happens to an Azure spot VM when it is evicted. */
export enum SpotEvictionPolicy {
  /** Delete the VM and its disks. */
  DELETE = 'Delete',
  /** Stop and deallocate the VM (disks are kept and billed). */
  DEALLOCATE = 'Deallocate',
}

/** Options for spot capacity. */
export interface SpotOptions {
  /**
   * Highest price per hour to pay, USD.
   * @default - up to the on-demand price
   */
  readonly maxPricePerHour?: number;
  /**
   * Azure: what happens on eviction.
   * @default SpotEvictionPolicy.DELETE
   */
  readonly evictionPolicy?: SpotEvictionPolicy;
}

/**
 * How a fleet's capacity is bought. One of on-demand, spot, reservation or capacity block,
 * so the options cannot be combined by mistake.
 */
export class PurchaseOption {
  /** Pay by the hour. */
  public static onDemand(): PurchaseOption {
    return new PurchaseOption(PurchaseKind.ON_DEMAND);
  }

  /** Spot capacity (AWS: capacity-optimized mixed instances; Google Cloud: SPOT; Azure: Spot priority). */
  public static spot(options: SpotOptions = {}): PurchaseOption {
    return new PurchaseOption(PurchaseKind.SPOT, undefined, options.maxPricePerHour, options.evictionPolicy);
  }

  /**
   * A targeted capacity reservation.
   *
   * @param reservationId AWS `cr-...` id, Google Cloud reservation name, or Azure capacity reservation group resource id
   */
  public static reservation(reservationId: string): PurchaseOption {
    return new PurchaseOption(PurchaseKind.RESERVATION, reservationId);
  }

  /**
   * An AWS EC2 Capacity Block for ML.
   *
   * @param reservationId the block's capacity reservation id (`cr-...`)
   */
  public static capacityBlock(reservationId: string): PurchaseOption {
    return new PurchaseOption(PurchaseKind.CAPACITY_BLOCK, reservationId);
  }

  private constructor(
    /** The kind of purchase. */
    public readonly kind: PurchaseKind,
    /** Reservation or capacity block id, where the kind has one. */
    public readonly reservationId?: string,
    /** Spot: highest price per hour. */
    public readonly maxPricePerHour?: number,
    /** Spot on Azure: eviction policy. */
    public readonly evictionPolicy?: SpotEvictionPolicy,
  ) {}
}
