import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3express from 'aws-cdk-lib/aws-s3express';
import { Construct } from 'constructs';
import { AWS_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { limitGrantsToAwsServices } from './kms-policy';
import { recordResources } from './manifest';
import { acknowledge, acknowledgeCompliance, acknowledgeGuard, nagArn } from './nag';
import { Cloud } from '../core/catalog/cloud';
import { StorageTierClass } from '../core/catalog/storage-class';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { HighThroughputTier, StorageEncryption, StorageRedundancy, TieredStorageSpec, TieredStorageSpecProps } from '../core/specs/tiered-storage-spec';
import { Validation, ValidationProblem } from '../core/validation';

const S3_CLASS: Record<StorageTierClass, s3.StorageClass> = {
  [StorageTierClass.INFREQUENT]: s3.StorageClass.INFREQUENT_ACCESS,
  [StorageTierClass.COLD]: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
  [StorageTierClass.ARCHIVE]: s3.StorageClass.GLACIER,
  [StorageTierClass.DEEP_ARCHIVE]: s3.StorageClass.DEEP_ARCHIVE,
};

/**
 * Properties of AWS tiered object storage.
 */
export interface TieredStorageProps extends TieredStorageSpecProps {
  /**
   * The cluster network: required for a high-throughput tier (placed in the cluster subnet's zone).
   * @default - none
   */
  readonly network?: ClusterNetwork;
  /**
   * Replicate every object (new versions, deletes as markers) to a bucket the user keeps in another region or
   * account: the disaster-recovery copy HIPAA's contingency plan asks for. The destination must be versioned.
   * @default - no replication
   */
  readonly replication?: TieredStorageReplication;
}

/**
 * Where `aws.TieredStorage` replicates its objects.
 */
export interface TieredStorageReplication {
  /** The destination bucket (versioned; in another region for disaster recovery). */
  readonly destination: s3.IBucket;
  /**
   * Key that encrypts the replicas in the destination's region.
   * @default - the destination bucket's default encryption
   */
  readonly destinationKey?: kms.IKey;
}

/**
 * Tiered object storage: an S3 bucket with versioning, encryption, TLS only, public access blocked,
 * access logs, lifecycle tiers per prefix with the AWS minimums validated, noncurrent-version expiry
 * and incomplete-upload abort, retained on delete; optionally an S3 Express One Zone directory bucket
 * or an FSx for Lustre PERSISTENT_2 file system linked to the bucket, for training throughput.
 *
 * @example
 * declare const network: aws.ClusterNetwork;
 * declare const fleet: aws.GpuFleet;
 * const data = new aws.TieredStorage(this, 'Data', {
 *   network,
 *   tiers: [
 *     { storageClass: StorageTierClass.INFREQUENT, afterDays: 30 },
 *     { storageClass: StorageTierClass.DEEP_ARCHIVE, afterDays: 180 },
 *   ],
 * });
 * data.grantReadWrite(fleet, 'checkpoints/*');
 */
export class TieredStorage extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: TieredStorageSpec;
  /** The data bucket. */
  public readonly bucket: s3.Bucket;
  /** The bucket that receives the data bucket's access logs. */
  public readonly accessLogsBucket: s3.Bucket;
  /** The customer-managed key, when encryption is customer-managed. */
  public readonly key?: kms.Key;
  /** The Express One Zone directory bucket, when chosen. */
  public readonly expressBucket?: s3express.CfnDirectoryBucket;
  /** The Lustre file system, when chosen. */
  public readonly lustre?: fsx.LustreFileSystem;

  constructor(scope: Construct, id: string, props: TieredStorageProps = {}) {
    super(scope, id);
    requireProps('TieredStorage', this.node.path, props, {
      replication: [(v) => v === undefined || typeof (v as TieredStorageReplication | null)?.destination?.bucketArn === 'string', 'unset, or { destination } with the destination bucket'],
    });
    this.spec = new TieredStorageSpec(props);
    const problems = [...this.spec.validate(Cloud.AWS), ...unsupportedSettings(AWS_CLOUD, 'TieredStorage', props)];
    Validation.throwIfAny('TieredStorage', this.node.path, problems.length > 0 ? problems : redundancyProblems(props));
    const spec = this.spec;
    if (spec.highThroughput !== HighThroughputTier.NONE && !props.network) {
      throw new Error(`[ai-infra] TieredStorage '${this.node.path}': invalid property\n  - network = undefined: allowed: an aws.ClusterNetwork when highThroughput is ${spec.highThroughput} (the tier sits in the cluster subnet's zone)`);
    }

    if (spec.encryption === StorageEncryption.CUSTOMER_MANAGED) {
      this.key = new kms.Key(this, 'Key', {
        enableKeyRotation: true,
        description: `Data key of ${this.node.path}`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      limitGrantsToAwsServices(this.key);
    }

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // the log delivery service writes only to SSE-S3 buckets
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    });

    const rules: s3.LifecycleRule[] = spec.lifecycleRules().map((r) => ({
      id: r.id,
      prefix: r.prefix === '' ? undefined : r.prefix,
      transitions: spec.autoTiering
        ? [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }]
        : r.tiers.map((t) => ({ storageClass: S3_CLASS[t.storageClass], transitionAfter: Duration.days(t.afterDays) })),
      expiration: r.expireAfterDays !== undefined ? Duration.days(r.expireAfterDays) : undefined,
    })).filter((r) => (r.transitions?.length ?? 0) > 0 || r.expiration !== undefined);
    rules.push({
      id: 'housekeeping',
      abortIncompleteMultipartUploadAfter: Duration.days(spec.abortIncompleteUploadsAfterDays),
      noncurrentVersionExpiration: spec.versioned ? Duration.days(spec.noncurrentVersionExpireDays) : undefined,
      expiredObjectDeleteMarker: spec.versioned ? undefined : undefined,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: spec.versioned,
      encryption: this.key ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: this.key,
      bucketKeyEnabled: this.key ? true : undefined,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: rules,
      transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
      intelligentTieringConfigurations: spec.autoTiering
        ? [{ name: 'archive', archiveAccessTierTime: Duration.days(90), deepArchiveAccessTierTime: Duration.days(180) }]
        : undefined,
      removalPolicy: RemovalPolicy.RETAIN,
      replicationRules: props.replication ? [{
        destination: props.replication.destination,
        kmsKey: props.replication.destinationKey,
        sseKmsEncryptedObjects: this.key ? true : undefined,
        deleteMarkerReplication: true,
        priority: 0,
        id: 'disaster-recovery',
      }] : undefined,
    });
    if (!props.replication) {
      acknowledgeCompliance(this.bucket, 'Replication needs a versioned bucket in a second region that the user owns: pass `replication` to turn it on; the bucket is versioned and retained',
        'S3BucketReplicationEnabled');
    }
    if (!this.key) {
      const reason = 'SSE-S3 was chosen (encryption: PROVIDER_MANAGED, the platform plan\'s choice below high sensitivity); encryption: CUSTOMER_MANAGED gives a KMS key';
      acknowledgeCompliance(this.bucket, reason, 'S3DefaultEncryptionKMS');
      acknowledgeGuard(this.bucket, reason, 's3_bucket_default_encryption_kms_check');
    }
    acknowledgeCompliance(this.accessLogsBucket, 'S3 server access logs are delivered only to an SSE-S3 bucket, and a log bucket is not replicated (its source is)',
      'S3DefaultEncryptionKMS', 'S3BucketReplicationEnabled');
    acknowledgeGuard(this.accessLogsBucket, 'S3 server access logs are delivered only to an SSE-S3 bucket', 's3_bucket_default_encryption_kms_check');
    acknowledgeGuard(this.accessLogsBucket, 'A server access log bucket does not log itself (each delivery would log another); the data bucket logs to it',
      's3_bucket_logging_enabled_check');
    for (const bucket of [this.bucket, this.accessLogsBucket]) {
      acknowledgeGuard(bucket, 'Object Lock makes objects immutable for a retention period, which the lifecycle expiry and checkpoint rewrites must not be; ' +
        'the bucket is versioned and retained, and only the grants given delete', 's3_bucket_object_lock_enabled_check');
      acknowledgeGuard(bucket, 'No consumer of object events is part of this construct; the app adds one with addEventNotification where a pipeline needs it',
        's3_event_notifications_enabled_check');
    }

    // Access logs through a bucket policy for the logging service (not ACLs), whatever the app's
    // feature flags: the log bucket keeps ACLs disabled.
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: 'data-bucket/',
    };
    this.accessLogsBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'S3ServerAccessLogsPolicy',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.accessLogsBucket.arnForObjects('data-bucket/*')],
      conditions: {
        ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      },
    }));

    if (spec.highThroughput === HighThroughputTier.EXPRESS_ONE_ZONE) {
      const subnet = props.network!.clusterSubnet;
      const zoneId = subnet instanceof ec2.Subnet ? (subnet.node.defaultChild as ec2.CfnSubnet).attrAvailabilityZoneId : undefined;
      if (!zoneId) {
        throw new Error(`[ai-infra] TieredStorage '${this.node.path}': invalid property\n  - network = ${props.network!.node.path}: allowed: a ClusterNetwork whose cluster subnet this app creates (Express One Zone needs its zone id)`);
      }
      this.expressBucket = new s3express.CfnDirectoryBucket(this, 'ExpressBucket', {
        dataRedundancy: 'SingleAvailabilityZone',
        locationName: zoneId,
        bucketEncryption: {
          serverSideEncryptionConfiguration: [{
            serverSideEncryptionByDefault: this.key
              ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.keyArn }
              : { sseAlgorithm: 'AES256' },
            bucketKeyEnabled: this.key ? true : undefined,
          }],
        },
        lifecycleConfiguration: { rules: [{ id: 'scratch', status: 'Enabled', expirationInDays: 30, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
      });
      this.expressBucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    if (spec.highThroughput === HighThroughputTier.LUSTRE) {
      const network = props.network!;
      const sg = new ec2.SecurityGroup(this, 'LustreSecurityGroup', {
        vpc: network.vpc,
        allowAllOutbound: false,
        description: 'FSx for Lustre: LNET from the GPU fleet only',
      });
      sg.addIngressRule(network.efaSecurityGroup, ec2.Port.tcp(988), 'Lustre from the fleet');
      sg.addIngressRule(network.efaSecurityGroup, ec2.Port.tcpRange(1018, 1023), 'Lustre from the fleet');
      sg.addIngressRule(sg, ec2.Port.tcp(988), 'Lustre between file servers');
      sg.addIngressRule(sg, ec2.Port.tcpRange(1018, 1023), 'Lustre between file servers');
      sg.addEgressRule(sg, ec2.Port.allTcp(), 'Lustre between file servers');
      network.efaSecurityGroup.addEgressRule(sg, ec2.Port.tcp(988), 'Lustre');
      network.efaSecurityGroup.addEgressRule(sg, ec2.Port.tcpRange(1018, 1023), 'Lustre');
      this.lustre = new fsx.LustreFileSystem(this, 'Lustre', {
        vpc: network.vpc,
        vpcSubnet: network.clusterSubnet,
        storageCapacityGiB: spec.lustreCapacityGiB,
        securityGroup: sg,
        kmsKey: this.key,
        fileSystemTypeVersion: fsx.FileSystemTypeVersion.V_2_15,
        lustreConfiguration: {
          deploymentType: fsx.LustreDeploymentType.PERSISTENT_2,
          perUnitStorageThroughput: 250,
          dataCompressionType: fsx.LustreDataCompressionType.LZ4,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      new fsx.CfnDataRepositoryAssociation(this, 'LustreDataRepository', {
        fileSystemId: this.lustre.fileSystemId,
        fileSystemPath: '/data',
        dataRepositoryPath: `s3://${this.bucket.bucketName}/`,
        batchImportMetaDataOnCreate: true,
        s3: {
          autoImportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] },
          autoExportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] },
        },
      });
    }
    recordResources(this, 'TieredStorage', {
      bucket: this.bucket, accessLogsBucket: this.accessLogsBucket, key: this.key, expressBucket: this.expressBucket, lustre: this.lustre,
    }, { expectedDataTiB: this.spec.expectedDataTiB });
  }

  /**
   * Grants read access to objects under a prefix (and the Express bucket and key, where present),
   * with named actions only.
   *
   * @param keyPattern objects to grant, e.g. `models/*`
   * @default '*'
   */
  public grantRead(grantee: iam.IGrantable, keyPattern: string = '*'): iam.Grant {
    return this.grantObjects(grantee, keyPattern, ['s3:GetObject', 's3:GetObjectVersion'], false);
  }

  /**
   * Grants read and write access to objects under a prefix (and the Express bucket and key, where present),
   * with named actions only.
   *
   * @param keyPattern objects to grant, e.g. `checkpoints/*`
   * @default '*'
   */
  public grantReadWrite(grantee: iam.IGrantable, keyPattern: string = '*'): iam.Grant {
    return this.grantObjects(grantee, keyPattern,
      ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], true);
  }

  /**
   * Grants writing new objects under a prefix (data capture, async output).
   */
  public grantPut(grantee: iam.IGrantable, keyPattern: string): iam.Grant {
    return this.grantObjects(grantee, keyPattern, ['s3:PutObject', 's3:AbortMultipartUpload'], true, false);
  }

  private grantObjects(grantee: iam.IGrantable, keyPattern: string, actions: string[], write: boolean, list = true): iam.Grant {
    const g = iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.bucket.arnForObjects(keyPattern)] });
    if (list) {
      iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket', 's3:GetBucketLocation'], resourceArns: [this.bucket.bucketArn] });
    }
    if (this.key) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: write ? ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'] : ['kms:Decrypt'],
        resourceArns: [this.key.keyArn],
      });
    }
    this.grantExpress(grantee, write ? 'ReadWrite' : 'ReadOnly');
    if (keyPattern.includes('*') && iam.Role.isRole(grantee.grantPrincipal)) {
      acknowledge(grantee.grantPrincipal, `Object access under ${keyPattern} of the ${this.node.path} bucket: objects are created at run time, so the key is a pattern`,
        `AwsSolutions-IAM5[Resource::${nagArn(this.bucket)}/${keyPattern}]`);
    }
    return g;
  }

  /** `s3://bucket/key` of an object in the data bucket. */
  public s3UrlForObject(key: string): string {
    return this.bucket.s3UrlForObject(key);
  }

  private grantExpress(grantee: iam.IGrantable, mode: 'ReadOnly' | 'ReadWrite') {
    if (!this.expressBucket) return;
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3express:CreateSession'],
      resources: [this.expressBucket.attrArn],
      conditions: { StringEquals: { 's3express:SessionMode': mode } },
    }));
  }
}

/** `redundancy` with `replication`: a second region's copy is what GEO means on S3, and only GEO has one. */
function redundancyProblems(props: TieredStorageProps): ValidationProblem[] {
  const r = props.redundancy;
  if (r === StorageRedundancy.GEO && !props.replication) {
    return [Validation.problem('redundancy', r, `on ${AWS_CLOUD.displayName}: geo with \`replication\` (S3 keeps a copy in another region only by replicating to a bucket there); or zone`)];
  }
  if (r === StorageRedundancy.ZONE && props.replication) {
    return [Validation.problem('redundancy', r, `on ${AWS_CLOUD.displayName}: geo or unset with \`replication\` (replication keeps a copy in another region)`)];
  }
  return [];
}
