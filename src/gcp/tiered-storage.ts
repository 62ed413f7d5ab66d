import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { StorageBucket, StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import { GCP_CLOUD } from './cloud';
import { IGrantable, memberOf } from './grant';
import { Cloud } from '../core/catalog/cloud';
import { regionProblems } from '../core/catalog/regions';
import { StorageClasses } from '../core/catalog/storage-class';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { dnsName, shortHash } from '../core/internal/names';
import { StorageEncryption, StorageRedundancy, TieredStorageSpec, TieredStorageSpecProps } from '../core/specs/tiered-storage-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { load } from '../lazy';
import { recordResources } from '../terraform/manifest';
import { Token, Tokenization } from '../tf';

/** Provider modules loaded on first use: only customer-managed encryption needs them. */
const cmek = () => ({
  KmsCryptoKey: load<typeof import('@cdktf/provider-google/lib/kms-crypto-key')>('@cdktf/provider-google/lib/kms-crypto-key').KmsCryptoKey,
  KmsKeyRing: load<typeof import('@cdktf/provider-google/lib/kms-key-ring')>('@cdktf/provider-google/lib/kms-key-ring').KmsKeyRing,
  KmsCryptoKeyIamMember: load<typeof import('@cdktf/provider-google/lib/kms-crypto-key-iam-member')>('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember,
  DataGoogleStorageProjectServiceAccount: load<typeof import('@cdktf/provider-google/lib/data-google-storage-project-service-account')>('@cdktf/provider-google/lib/data-google-storage-project-service-account').DataGoogleStorageProjectServiceAccount,
});

/**
 * What a grant's construct id is derived from: the member with each token replaced by the reference it stands for
 * (`google_service_account.Training_ServiceAccount_81358374.email`), so the id follows the construct tree, not the
 * process-wide token counter (which moves whenever anything else creates a token first).
 */
function grantKey(member: string): string {
  if (!Token.isUnresolved(member)) return member;
  const fragments = Tokenization.reverseString(member);
  return [...fragments.literals.map(String), ...fragments.tokens.map((t) => String((t as { identifier?: unknown }).identifier ?? t))].join('|');
}

/** Properties of Google Cloud tiered storage. */
export interface TieredStorageProps extends TieredStorageSpecProps {
  /** Project id. */
  readonly project: string;
  /**
   * Bucket location: a region (`us-east4`) with `redundancy` ZONE (the default), or a predefined dual-region (`NAM4`)
   * or multi-region (`US`) with `redundancy` GEO.
   * @see https://cloud.google.com/storage/docs/locations
   */
  readonly location: string;
  /**
   * Bucket name (globally unique).
   * @default - `<project>-<construct id>-<hash of the path>`
   */
  readonly bucketName?: string;
  /**
   * Soft-delete retention in days (7 to 90).
   * @default 7
   */
  readonly softDeleteDays?: number;
}

const BUCKET = /^[a-z0-9][-_a-z0-9]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/i;
/** Multi-regions and predefined dual-regions: data in two or more regions (https://cloud.google.com/storage/docs/locations). */
const MULTI_REGIONS = ['ASIA', 'EU', 'US'];
const DUAL_REGIONS = ['ASIA1', 'EUR4', 'EUR5', 'EUR7', 'EUR8', 'NAM4'];
const GEO_LOCATIONS = `a dual-region (${DUAL_REGIONS.join(', ')}) or multi-region (${MULTI_REGIONS.join(', ')}) location`;

/**
 * Google Cloud tiered storage: a GCS bucket with uniform bucket-level access, public access prevention
 * enforced, versioning, soft delete, access logs, lifecycle SetStorageClass rules per prefix with the
 * GCS minimums validated (or Autoclass), noncurrent-version cleanup, optional CMEK with rotation, and
 * `prevent_destroy`. Redundancy is the location's: a regional bucket keeps copies across the region's zones
 * (ZONE), a dual- or multi-region one in two or more regions (GEO); no location keeps one zone's copy (LOCAL).
 *
 * @example
 * declare const fleet: gcp.GpuFleet;
 * const data = new gcp.TieredStorage(this, 'Data', { project: 'my-ml-project', location: 'us-east4' });
 * data.grantReadWrite(fleet);
 * data.grantRead(gcp.Grantee.member('group:analysts@example.com'));
 */
export class TieredStorage extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: TieredStorageSpec;
  /** The data bucket. */
  public readonly bucket: StorageBucket;
  /** The bucket receiving usage logs. */
  public readonly logBucket: StorageBucket;
  /** The customer-managed key, when chosen. */
  public readonly key?: KmsCryptoKey;
  /** Project id. */
  public readonly project: string;

  constructor(scope: Construct, id: string, props: TieredStorageProps) {
    super(scope, id);
    requireProps('TieredStorage', this.node.path, props);
    this.spec = new TieredStorageSpec(props);
    const problems = [...this.spec.validate(Cloud.GCP), ...unsupportedSettings(GCP_CLOUD, 'TieredStorage', props)];
    const name = props.bucketName ?? dnsName(`${props.project}-${id}-${shortHash(this.node.path).slice(0, 6)}`, 63);
    if (typeof props.project !== 'string' || !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.project)) {
      problems.push(Validation.problem('project', props.project, 'a Google Cloud project id'));
    }
    if (typeof props.location !== 'string' || !/^[A-Za-z]+[-A-Za-z0-9]*$/.test(props.location)) {
      problems.push(Validation.problem('location', props.location, 'a region (us-east4) or multi-region (US, EU)'));
    } else if (REGION.test(props.location)) {
      // a regional bucket: a region of the catalog (Cloud Storage reads the name case-insensitively)
      problems.push(...regionProblems(Cloud.GCP, 'location', props.location.toLowerCase()).map((p) => ({ ...p, value: `'${props.location}'` })));
    }
    if (!BUCKET.test(name) || name.includes('google')) {
      problems.push(Validation.problem('bucketName', name, '3-63 lower case letters, digits, dashes and underscores, not containing "google"'));
    }
    if (props.softDeleteDays !== undefined && !(Number.isInteger(props.softDeleteDays) && props.softDeleteDays >= 7 && props.softDeleteDays <= 90)) {
      problems.push(Validation.problem('softDeleteDays', props.softDeleteDays, 'a whole number from 7 to 90'));
    }
    if (problems.length === 0) problems.push(...this.redundancyProblems(props));
    Validation.throwIfAny('TieredStorage', this.node.path, problems);
    const spec = this.spec;
    this.project = props.project;

    if (spec.encryption === StorageEncryption.CUSTOMER_MANAGED) {
      const { KmsKeyRing, KmsCryptoKey, DataGoogleStorageProjectServiceAccount, KmsCryptoKeyIamMember } = cmek();
      const ring = new KmsKeyRing(this, 'KeyRing', { project: props.project, name: `${name}-ring`, location: props.location.toLowerCase() });
      this.key = new KmsCryptoKey(this, 'Key', {
        name: `${name}-key`,
        keyRing: ring.id,
        rotationPeriod: '7776000s',
        purpose: 'ENCRYPT_DECRYPT',
        lifecycle: { preventDestroy: true },
      });
      const gcsAgent = new DataGoogleStorageProjectServiceAccount(this, 'StorageServiceAgent', { project: props.project });
      new KmsCryptoKeyIamMember(this, 'StorageAgentUsesKey', {
        cryptoKeyId: this.key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: `serviceAccount:${gcsAgent.emailAddress}`,
      });
    }

    this.logBucket = new StorageBucket(this, 'LogBucket', {
      project: props.project,
      name: dnsName(`${name}-logs`, 63),
      location: props.location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: false,
      versioning: { enabled: true },
      lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: 365 } }],
      lifecycle: { preventDestroy: true },
    });
    new StorageBucketIamMember(this, 'UsageLogsWriter', {
      bucket: this.logBucket.name, role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com',
    });

    const rules: StorageBucketLifecycleRule[] = [];
    for (const r of spec.lifecycleRules()) {
      const prefix = r.prefix === '' ? undefined : [r.prefix];
      for (const t of r.tiers) {
        rules.push({
          action: { type: 'SetStorageClass', storageClass: StorageClasses.of(Cloud.GCP, t.storageClass).providerName },
          condition: { age: t.afterDays, matchesPrefix: prefix, withState: 'LIVE' },
        });
      }
      if (r.expireAfterDays !== undefined) {
        rules.push({ action: { type: 'Delete' }, condition: { age: r.expireAfterDays, matchesPrefix: prefix, withState: 'LIVE' } });
      }
    }
    if (spec.versioned) {
      rules.push({ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: spec.noncurrentVersionExpireDays, withState: 'ARCHIVED' } });
    }
    rules.push({ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: spec.abortIncompleteUploadsAfterDays } });

    this.bucket = new StorageBucket(this, 'Bucket', {
      project: props.project,
      name,
      location: props.location,
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: false,
      versioning: { enabled: spec.versioned },
      softDeletePolicy: { retentionDurationSeconds: (props.softDeleteDays ?? 7) * 86400 },
      autoclass: spec.autoTiering ? { enabled: true, terminalStorageClass: 'ARCHIVE' } : undefined,
      lifecycleRule: rules,
      logging: { logBucket: this.logBucket.name, logObjectPrefix: `${name}/` },
      encryption: this.key ? { defaultKmsKeyName: this.key.id } : undefined,
      labels: { 'ai-infra-storage': dnsName(id, 63) },
      lifecycle: { preventDestroy: true },
    });
    recordResources(this, Cloud.GCP, 'TieredStorage', { bucket: this.bucket, logBucket: this.logBucket, key: this.key },
      { expectedDataTiB: this.spec.expectedDataTiB });
  }

  /**
   * Grants object read (`roles/storage.objectViewer`) on this bucket only.
   *
   * @param grantee a `gcp.GpuFleet`, or `gcp.Grantee.member('group:...')`
   */
  public grantRead(grantee: IGrantable): StorageBucketIamMember {
    return this.grant('ReadGrant', grantee, 'roles/storage.objectViewer');
  }

  /**
   * Grants object read and write, no bucket administration (`roles/storage.objectUser`), on this bucket only.
   *
   * @param grantee a `gcp.GpuFleet`, or `gcp.Grantee.member('group:...')`
   */
  public grantReadWrite(grantee: IGrantable): StorageBucketIamMember {
    return this.grant('ReadWriteGrant', grantee, 'roles/storage.objectUser');
  }

  private grant(kind: string, grantee: IGrantable, role: string): StorageBucketIamMember {
    const member = memberOf(grantee, 'TieredStorage', this.node.path);
    return new StorageBucketIamMember(this, `${kind}${shortHash(grantKey(member))}`, { bucket: this.bucket.name, role, member });
  }

  /** The location must give the redundancy: a region for ZONE, a dual- or multi-region for GEO. */
  private redundancyProblems(props: TieredStorageProps): ValidationProblem[] {
    const location = props.location;
    const geo = [...MULTI_REGIONS, ...DUAL_REGIONS].includes(location.toUpperCase());
    if (this.spec.redundancy === StorageRedundancy.GEO && !geo) {
      return [Validation.problem('redundancy', props.redundancy,
        `zone with location ${location} (${REGION.test(location) ? 'a single region' : 'not a dual- or multi-region'}); geo needs ${GEO_LOCATIONS}`)];
    }
    if (this.spec.redundancy === StorageRedundancy.ZONE && !REGION.test(location)) {
      if (!geo) return [Validation.problem('location', location, `a region (e.g. us-east4) for redundancy zone, or ${GEO_LOCATIONS} for geo`)];
      return [props.redundancy === undefined
        ? Validation.problem('location', location, `a region (e.g. us-east4) while redundancy is zone (the default); ${location} keeps copies in several regions: set redundancy: StorageRedundancy.GEO`)
        : Validation.problem('redundancy', props.redundancy, `geo with location ${location} (it keeps copies in several regions), or a region location for zone`)];
    }
    return [];
  }
}
