import { Cloud } from '../catalog/cloud';
import { StorageClasses, StorageTierClass } from '../catalog/storage-class';
import { booleans, wholeInRange } from '../internal/checks';
import { Validation, ValidationProblem } from '../validation';

/** One lifecycle step: move objects to `storageClass` once they are `afterDays` old. */
export interface StorageTier {
  /** The neutral tier. */
  readonly storageClass: StorageTierClass;
  /** Age in days at which objects move. */
  readonly afterDays: number;
}

/** Lifecycle for the objects under one prefix. */
export interface PrefixRule {
  /** Key prefix, e.g. `raw/` (empty string: the whole bucket). */
  readonly prefix: string;
  /**
   * Tiers for this prefix.
   * @default - the spec's `tiers` (none when `keep` or `autoTiering`)
   */
  readonly tiers?: StorageTier[];
  /**
   * Delete current objects this many days after creation.
   * @default - never
   */
  readonly expireAfterDays?: number;
  /**
   * Keep the objects hot and forever (no transitions, no expiry): models being served.
   * @default false
   */
  readonly keep?: boolean;
}

/** Who holds the encryption key. */
export enum StorageEncryption {
  /** Provider-managed keys (SSE-S3, Google-managed, Microsoft-managed). */
  PROVIDER_MANAGED = 'provider-managed',
  /** A customer-managed key created with the storage, rotation on (KMS, Cloud KMS, Key Vault). */
  CUSTOMER_MANAGED = 'customer-managed',
}

/** A file-system or single-zone tier in front of the bucket, for training throughput. */
export enum HighThroughputTier {
  /** None. */
  NONE = 'none',
  /** AWS S3 Express One Zone directory bucket in the fleet's zone. */
  EXPRESS_ONE_ZONE = 'express-one-zone',
  /** AWS FSx for Lustre PERSISTENT_2 linked to the bucket by a data repository association. */
  LUSTRE = 'lustre',
}

/** How many copies of the data exist, and how far apart. */
export enum StorageRedundancy {
  /** Copies in one zone of the region (Azure LRS). */
  LOCAL = 'local',
  /** Copies across the zones of the region: S3 Standard, a Cloud Storage regional bucket, Azure ZRS. */
  ZONE = 'zone',
  /**
   * Copies in a second region as well: S3 cross-region replication (give `replication`), a Cloud Storage dual- or
   * multi-region location, Azure GZRS.
   */
  GEO = 'geo',
}

/** Properties of tiered object storage, cloud-neutral. */
export interface TieredStorageSpecProps {
  /**
   * Default tiers, warm to cold.
   * @default - INFREQUENT at 30 days, COLD at 90, DEEP_ARCHIVE at 365 (the archive step only where the cloud keeps an
   *   archive tier for the storage's redundancy: Azure has none on zone- and geo-zone-redundant accounts)
   */
  readonly tiers?: StorageTier[];
  /**
   * Let the provider move objects by access (S3 Intelligent-Tiering, GCS Autoclass, Azure last-access rules)
   * instead of by age. Excludes `tiers`.
   * @default false
   */
  readonly autoTiering?: boolean;
  /**
   * Per-prefix lifecycle. Objects outside every prefix stay in the standard class.
   * @default - `raw/` and `features/` tiered, `checkpoints/` expiring after 30 days, `models/` kept
   */
  readonly prefixes?: PrefixRule[];
  /**
   * Keep previous versions of objects.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Delete noncurrent versions this many days after they stop being current (1 to 3650).
   * @default 90
   */
  readonly noncurrentVersionExpireDays?: number;
  /**
   * Abort incomplete multipart uploads after this many days (1 to 365).
   * @default 7
   */
  readonly abortIncompleteUploadsAfterDays?: number;
  /**
   * Who holds the key.
   * @default StorageEncryption.PROVIDER_MANAGED
   */
  readonly encryption?: StorageEncryption;
  /**
   * High-throughput tier for training.
   * @default HighThroughputTier.NONE
   */
  readonly highThroughput?: HighThroughputTier;
  /**
   * FSx for Lustre capacity in GiB (1200, or a multiple of 2400).
   * @default 1200
   */
  readonly lustreCapacityGiB?: number;
  /**
   * Expected data in TiB, for the cost estimate.
   * @default 10
   */
  readonly expectedDataTiB?: number;
  /**
   * How many copies of the data exist, and how far apart.
   * @default StorageRedundancy.ZONE
   */
  readonly redundancy?: StorageRedundancy;
}

const DEFAULT_TIERS: StorageTier[] = [
  { storageClass: StorageTierClass.INFREQUENT, afterDays: 30 },
  { storageClass: StorageTierClass.COLD, afterDays: 90 },
  { storageClass: StorageTierClass.DEEP_ARCHIVE, afterDays: 365 },
];

/** One resolved lifecycle rule: what a renderer writes. */
export interface ResolvedLifecycleRule {
  /** Stable rule id, e.g. `raw`, `checkpoints`, `all`. */
  readonly id: string;
  /** Key prefix ('' for the whole bucket). */
  readonly prefix: string;
  /** Transitions, warm to cold. */
  readonly tiers: StorageTier[];
  /** Expiry in days, or undefined. */
  readonly expireAfterDays?: number;
}

/**
 * Tiered object storage with its defaults resolved, and the rules every cloud shares.
 */
export class TieredStorageSpec {
  /** Given properties. */
  public readonly props: TieredStorageSpecProps;

  /** Whether the cloud can keep an archive tier for this storage (the default tiers end there only if it can). */
  public readonly archiveTierAvailable: boolean;

  /**
   * @param props the neutral properties
   * @param archiveTierAvailable whether the cloud keeps an archive tier for this storage's redundancy (Azure has
   *   none on ZRS and GZRS accounts): without one, the default tiers stop at COLD. Explicit tiers are the user's.
   */
  constructor(props: TieredStorageSpecProps = {}, archiveTierAvailable: boolean = true) {
    this.props = props ?? {};
    this.archiveTierAvailable = archiveTierAvailable;
  }

  /** Whether access-based tiering is on. */
  public get autoTiering(): boolean { return this.props.autoTiering ?? false; }
  /** Default tiers. */
  public get tiers(): StorageTier[] {
    if (this.autoTiering) return [];
    return this.props.tiers ?? (this.archiveTierAvailable ? DEFAULT_TIERS : DEFAULT_TIERS.filter((t) => t.storageClass !== StorageTierClass.DEEP_ARCHIVE));
  }
  /** Whether versioning is on. */
  public get versioned(): boolean { return this.props.versioned ?? true; }
  /** Noncurrent version expiry, days. */
  public get noncurrentVersionExpireDays(): number { return this.props.noncurrentVersionExpireDays ?? 90; }
  /** Incomplete upload abort, days. */
  public get abortIncompleteUploadsAfterDays(): number { return this.props.abortIncompleteUploadsAfterDays ?? 7; }
  /** Encryption. */
  public get encryption(): StorageEncryption { return this.props.encryption ?? StorageEncryption.PROVIDER_MANAGED; }
  /** High-throughput tier. */
  public get highThroughput(): HighThroughputTier { return this.props.highThroughput ?? HighThroughputTier.NONE; }
  /** Lustre capacity, GiB. */
  public get lustreCapacityGiB(): number { return this.props.lustreCapacityGiB ?? 1200; }
  /** Expected data, TiB. */
  public get expectedDataTiB(): number { return this.props.expectedDataTiB ?? 10; }
  /** Redundancy. */
  public get redundancy(): StorageRedundancy { return this.props.redundancy ?? StorageRedundancy.ZONE; }

  /** The per-prefix rules with defaults. */
  public get prefixes(): PrefixRule[] {
    return this.props.prefixes ?? [
      { prefix: 'raw/' },
      this.autoTiering ? { prefix: 'features/' } : { prefix: 'features/', tiers: [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }] },
      { prefix: 'checkpoints/', expireAfterDays: 30, tiers: [] },
      { prefix: 'models/', keep: true },
    ];
  }

  /** The lifecycle rules a renderer writes, one per prefix (or one for the whole bucket). */
  public lifecycleRules(): ResolvedLifecycleRule[] {
    const rules = this.prefixes.length === 0 ? [{ prefix: '' } as PrefixRule] : this.prefixes;
    return rules
      .filter((r) => !r.keep)
      .map((r) => ({
        id: ruleId(r.prefix),
        prefix: r.prefix,
        tiers: this.autoTiering ? [] : (r.tiers ?? this.tiers),
        expireAfterDays: r.expireAfterDays,
      }));
  }

  /**
   * Every problem with the properties for one cloud (empty when valid).
   */
  public validate(cloud: Cloud): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const props = this.props;
    booleans(p, props, ['autoTiering', 'versioned']);
    if (props.autoTiering && props.tiers !== undefined) {
      p.push(Validation.problem('tiers', 'set', 'unset when autoTiering is true (the provider tiers by access instead of by age)'));
    }
    if (props.tiers !== undefined) p.push(...this.validateTiers(cloud, 'tiers', props.tiers));
    if (props.prefixes !== undefined && !Array.isArray(props.prefixes)) {
      p.push(Validation.problem('prefixes', props.prefixes, 'a list of prefix rules'));
      return p;
    }
    const seen = new Set<string>();
    const ids = new Map<string, string>();
    this.prefixes.forEach((r, i) => {
      const where = `prefixes[${i}]`;
      if (typeof r?.prefix !== 'string' || r.prefix.length > 1024 || r.prefix.startsWith('/')) {
        p.push(Validation.problem(`${where}.prefix`, r?.prefix, 'a key prefix of at most 1024 characters, not starting with /'));
        return;
      }
      if (seen.has(r.prefix)) p.push(Validation.problem(`${where}.prefix`, r.prefix, 'each prefix at most once'));
      for (const other of seen) {
        if (other !== r.prefix && (other.startsWith(r.prefix) || r.prefix.startsWith(other))) {
          p.push(Validation.problem(`${where}.prefix`, r.prefix, `a prefix that does not overlap '${other}' (overlapping rules make the provider pick one)`));
        }
      }
      // two prefixes the rule ids fold together (raw/ and raw_) would be two rules of one id: S3 and Azure refuse that
      const id = ruleId(r.prefix);
      const clash = ids.get(id);
      if (!r.keep && clash !== undefined && clash !== r.prefix) {
        p.push(Validation.problem(`${where}.prefix`, r.prefix, `a prefix whose lifecycle rule id ('${id}', its letters and digits) differs from that of '${clash}'`));
      }
      if (!r.keep) ids.set(id, r.prefix);
      seen.add(r.prefix);
      if (r.keep && (r.tiers !== undefined || r.expireAfterDays !== undefined)) {
        p.push(Validation.problem(`${where}.keep`, true, 'without tiers or expireAfterDays (keep means hot and forever)'));
      }
      if (r.tiers !== undefined) {
        if (this.autoTiering && r.tiers.length > 0) p.push(Validation.problem(`${where}.tiers`, 'set', 'unset when autoTiering is true'));
        p.push(...this.validateTiers(cloud, `${where}.tiers`, r.tiers));
      }
      if (r.expireAfterDays !== undefined) {
        const tiers = Array.isArray(r.tiers) ? r.tiers : this.tiers;
        // the last tier counts only when it is a known class (an unknown one is reported above)
        const candidate = tiers[tiers.length - 1];
        const last = candidate && StorageClasses.coldness(candidate.storageClass) >= 0 ? candidate : undefined;
        const min = last && typeof last.afterDays === 'number' ? last.afterDays + StorageClasses.of(cloud, last.storageClass).minimumDays : 1;
        wholeInRange(p, `${where}.expireAfterDays`, r.expireAfterDays, min, 36500,
          last ? ` (after the last tier's ${StorageClasses.of(cloud, last.storageClass).providerName} minimum of ${StorageClasses.of(cloud, last.storageClass).minimumDays} days)` : '');
      }
    });
    if (props.noncurrentVersionExpireDays !== undefined) wholeInRange(p, 'noncurrentVersionExpireDays', props.noncurrentVersionExpireDays, 1, 3650);
    if (props.noncurrentVersionExpireDays !== undefined && props.versioned === false) {
      p.push(Validation.problem('noncurrentVersionExpireDays', props.noncurrentVersionExpireDays, 'unset when versioned is false'));
    }
    if (props.abortIncompleteUploadsAfterDays !== undefined) wholeInRange(p, 'abortIncompleteUploadsAfterDays', props.abortIncompleteUploadsAfterDays, 1, 365);
    if (props.encryption !== undefined && !Object.values(StorageEncryption).includes(props.encryption)) {
      p.push(Validation.problem('encryption', props.encryption, Object.values(StorageEncryption).join(' or ')));
    }
    if (props.highThroughput !== undefined) {
      if (!Object.values(HighThroughputTier).includes(props.highThroughput)) {
        p.push(Validation.problem('highThroughput', props.highThroughput, Object.values(HighThroughputTier).join(', ')));
      }
      // which clouds have a high-throughput tier: their capability tables (src/<cloud>/cloud.ts)
    }
    if (props.lustreCapacityGiB !== undefined) {
      const c = props.lustreCapacityGiB;
      if (!(Number.isInteger(c) && (c === 1200 || (c >= 2400 && c % 2400 === 0 && c <= 2_400_000)))) {
        p.push(Validation.problem('lustreCapacityGiB', c, '1200, or a multiple of 2400 up to 2400000 (FSx for Lustre PERSISTENT_2)'));
      }
      if (this.highThroughput !== HighThroughputTier.LUSTRE) {
        p.push(Validation.problem('lustreCapacityGiB', c, 'unset unless highThroughput is lustre'));
      }
    }
    if (props.redundancy !== undefined && !Object.values(StorageRedundancy).includes(props.redundancy)) {
      p.push(Validation.problem('redundancy', props.redundancy, Object.values(StorageRedundancy).join(', ')));
    }
    if (props.expectedDataTiB !== undefined && !(typeof props.expectedDataTiB === 'number' && props.expectedDataTiB >= 0 && props.expectedDataTiB <= 1e6)) {
      p.push(Validation.problem('expectedDataTiB', props.expectedDataTiB, 'a number of TiB from 0 to 1000000'));
    }
    return p;
  }

  private validateTiers(cloud: Cloud, where: string, tiers: StorageTier[]): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    if (!Array.isArray(tiers)) return [Validation.problem(where, tiers, 'a list of { storageClass, afterDays }')];
    const allowedTiers = Object.values(StorageTierClass);
    let prev: { tier: StorageTierClass; days: number; name: string; min: number } | undefined;
    const providerNames = new Set<string>();
    tiers.forEach((t, i) => {
      const at = `${where}[${i}]`;
      if (!allowedTiers.includes(t?.storageClass)) {
        p.push(Validation.problem(`${at}.storageClass`, t?.storageClass, allowedTiers.join(', ')));
        return;
      }
      const pc = StorageClasses.of(cloud, t.storageClass);
      if (providerNames.has(pc.providerName)) {
        p.push(Validation.problem(`${at}.storageClass`, t.storageClass, `a tier that is not ${pc.providerName} again (on ${cloud} archive and deep-archive are both ${pc.providerName})`));
      }
      providerNames.add(pc.providerName);
      let min = pc.minimumDays;
      let why = `${pc.providerName} minimum on ${cloud}`;
      if (prev) {
        if (StorageClasses.coldness(t.storageClass) <= StorageClasses.coldness(prev.tier)) {
          p.push(Validation.problem(`${at}.storageClass`, t.storageClass, `a tier colder than ${prev.tier} (tiers go from warm to cold: ${allowedTiers.join(' < ')})`));
        }
        if (prev.days + prev.min > min) {
          min = prev.days + prev.min;
          why = `${prev.days} days of ${prev.name} plus its ${prev.min}-day minimum`;
        }
      }
      wholeInRange(p, `${at}.afterDays`, t.afterDays, min, 36500, ` (${why})`);
      prev = { tier: t.storageClass, days: typeof t.afterDays === 'number' ? t.afterDays : 0, name: pc.providerName, min: pc.minimumDays };
    });
    return p;
  }

  /**
   * Validates and throws an Error naming the construct and every problem.
   */
  public assertValid(path: string, cloud: Cloud): void {
    Validation.throwIfAny('TieredStorage', path, this.validate(cloud));
  }
}

/** The lifecycle rule id of a prefix: its letters and digits joined by dashes ('all' for the whole bucket). */
function ruleId(prefix: string): string {
  return prefix === '' ? 'all' : prefix.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rule';
}
