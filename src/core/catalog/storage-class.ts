import { Cloud } from './cloud';

/** Cloud-neutral storage tiers, from warm to coldest. */
export enum StorageTierClass {
  /** Infrequent access: S3 STANDARD_IA, GCS NEARLINE, Azure Cool. */
  INFREQUENT = 'infrequent',
  /** Cold, still instant: S3 GLACIER_IR, GCS COLDLINE, Azure Cold. */
  COLD = 'cold',
  /** Archive: S3 GLACIER (flexible retrieval), GCS ARCHIVE, Azure Archive. */
  ARCHIVE = 'archive',
  /** Deepest archive: S3 DEEP_ARCHIVE, GCS ARCHIVE, Azure Archive. */
  DEEP_ARCHIVE = 'deep-archive',
}

/** How one cloud implements a neutral tier. */
export interface ProviderStorageClass {
  /** The neutral tier. */
  readonly tier: StorageTierClass;
  /** The cloud. */
  readonly cloud: Cloud;
  /** Provider name: `STANDARD_IA`, `NEARLINE`, `Cool`, ... */
  readonly providerName: string;
  /** Minimum storage duration (days) billed, and the earliest age the library moves objects into the class. */
  readonly minimumDays: number;
}

const TABLE: Record<Cloud, Array<[StorageTierClass, string, number]>> = {
  [Cloud.AWS]: [
    [StorageTierClass.INFREQUENT, 'STANDARD_IA', 30],
    [StorageTierClass.COLD, 'GLACIER_IR', 90],
    [StorageTierClass.ARCHIVE, 'GLACIER', 90],
    [StorageTierClass.DEEP_ARCHIVE, 'DEEP_ARCHIVE', 180],
  ],
  [Cloud.GCP]: [
    [StorageTierClass.INFREQUENT, 'NEARLINE', 30],
    [StorageTierClass.COLD, 'COLDLINE', 90],
    [StorageTierClass.ARCHIVE, 'ARCHIVE', 365],
    [StorageTierClass.DEEP_ARCHIVE, 'ARCHIVE', 365],
  ],
  [Cloud.AZURE]: [
    [StorageTierClass.INFREQUENT, 'Cool', 30],
    [StorageTierClass.COLD, 'Cold', 90],
    [StorageTierClass.ARCHIVE, 'Archive', 180],
    [StorageTierClass.DEEP_ARCHIVE, 'Archive', 180],
  ],
};

/** The order of coldness. */
const ORDER = [StorageTierClass.INFREQUENT, StorageTierClass.COLD, StorageTierClass.ARCHIVE, StorageTierClass.DEEP_ARCHIVE];

/**
 * Provider storage classes and their minimum storage durations
 * (S3: IA 30, Glacier IR 90, Glacier 90, Deep Archive 180; GCS: Nearline 30, Coldline 90, Archive 365;
 * Azure: Cool 30, Cold 90, Archive 180).
 */
export class StorageClasses {
  /** How `cloud` implements `tier`. */
  public static of(cloud: Cloud, tier: StorageTierClass): ProviderStorageClass {
    const r = TABLE[cloud].find((x) => x[0] === tier);
    if (!r) throw new Error(`[ai-infra] unknown storage tier '${tier}' (allowed: ${ORDER.join(', ')})`);
    return { tier, cloud, providerName: r[1], minimumDays: r[2] };
  }

  /** Position in the order of coldness (0 = warmest), or -1. */
  public static coldness(tier: StorageTierClass): number {
    return ORDER.indexOf(tier);
  }

  private constructor() {}
}
