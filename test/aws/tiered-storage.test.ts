import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { stack, withNetwork } from './util';
import { HighThroughputTier, InstanceType, StorageEncryption, StorageRedundancy, StorageTierClass, aws } from '../../src';

describe('aws.TieredStorage', () => {
  const s = stack();
  new aws.TieredStorage(s, 'Data');
  const t = Template.fromStack(s);
  const dataBucket = () => Object.entries(t.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('DataBucket'))![1] as any;

  test('versioned, encrypted, public access blocked, ACLs off, retained', () => {
    const b = dataBucket();
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.UpdateReplacePolicy).toBe('Retain');
    expect(b.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { LogFilePrefix: 'data-bucket/', DestinationBucketName: { Ref: expect.stringMatching(/^DataAccessLogs/) } },
    });
  });

  test('TLS only (and TLS 1.2 at least) in the bucket policy', () => {
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^DataBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('lifecycle: raw tiered to IA, Glacier IR and Deep Archive; checkpoints expire; models untouched; housekeeping', () => {
    const rules: any[] = dataBucket().Properties.LifecycleConfiguration.Rules;
    expect(rules.map((r) => r.Id)).toEqual(['raw', 'features', 'checkpoints', 'housekeeping']);
    expect(rules[0]).toMatchObject({
      Prefix: 'raw/',
      Transitions: [
        { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
        { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
        { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
      ],
    });
    expect(rules[2]).toMatchObject({ Prefix: 'checkpoints/', ExpirationInDays: 30 });
    expect(rules[3]).toMatchObject({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } });
    expect(JSON.stringify(rules)).not.toContain('models/');
  });

  test('access logs bucket: SSE-S3, retained, writable by the logging service for this bucket only', () => {
    t.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'expire-logs' })] } }) });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataBucket'), 'Arn'] } } },
        })]),
      },
    });
  });

  test('customer-managed key with rotation, retained', () => {
    const s2 = stack();
    new aws.TieredStorage(s2, 'Data', { encryption: StorageEncryption.CUSTOMER_MANAGED });
    const t2 = Template.fromStack(s2);
    t2.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
    t2.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }] },
    });
  });

  test('replication to a disaster-recovery bucket: KMS objects and delete markers, with its own role', () => {
    const s2 = stack();
    const dr = s3.Bucket.fromBucketArn(s2, 'Dr', 'arn:aws:s3:::records-dr-eu-west-1');
    const drKey = kms.Key.fromKeyArn(s2, 'DrKey', 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555');
    new aws.TieredStorage(s2, 'Data', { encryption: StorageEncryption.CUSTOMER_MANAGED, replication: { destination: dr, destinationKey: drKey } });
    const t2 = Template.fromStack(s2);
    const b = Object.entries(t2.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('DataBucket'))![1] as any;
    expect(b.Properties.ReplicationConfiguration.Rules).toEqual([expect.objectContaining({
      Id: 'disaster-recovery',
      Status: 'Enabled',
      Priority: 0,
      DeleteMarkerReplication: { Status: 'Enabled' },
      Destination: expect.objectContaining({ Bucket: 'arn:aws:s3:::records-dr-eu-west-1', EncryptionConfiguration: { ReplicaKmsKeyID: drKey.keyArn } }),
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    })]);
    expect(b.Properties.ReplicationConfiguration.Role).toBeDefined();
    // without replication the bucket has none
    expect(dataBucket().Properties.ReplicationConfiguration).toBeUndefined();
  });

  test('auto tiering: Intelligent-Tiering with archive tiers at 90 and 180 days', () => {
    const s2 = stack();
    new aws.TieredStorage(s2, 'Data', { autoTiering: true });
    Template.fromStack(s2).hasResourceProperties('AWS::S3::Bucket', {
      IntelligentTieringConfigurations: [{ Id: 'archive', Status: 'Enabled', Tierings: [{ AccessTier: 'ARCHIVE_ACCESS', Days: 90 }, { AccessTier: 'DEEP_ARCHIVE_ACCESS', Days: 180 }] }],
    });
  });

  test('Express One Zone directory bucket in the cluster subnet zone', () => {
    const { stack: s2, network } = withNetwork();
    new aws.TieredStorage(s2, 'Data', { network, highThroughput: HighThroughputTier.EXPRESS_ONE_ZONE });
    Template.fromStack(s2).hasResource('AWS::S3Express::DirectoryBucket', {
      DeletionPolicy: 'Retain',
      Properties: { DataRedundancy: 'SingleAvailabilityZone', LocationName: { 'Fn::GetAtt': [Match.stringLikeRegexp('NetworkClusterSubnet'), 'AvailabilityZoneId'] } },
    });
  });

  test('FSx for Lustre PERSISTENT_2 in the cluster subnet, linked to the bucket', () => {
    const { stack: s2, network } = withNetwork();
    new aws.TieredStorage(s2, 'Data', { network, highThroughput: HighThroughputTier.LUSTRE, lustreCapacityGiB: 2400 });
    const t2 = Template.fromStack(s2);
    t2.hasResource('AWS::FSx::FileSystem', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        FileSystemType: 'LUSTRE',
        StorageCapacity: 2400,
        FileSystemTypeVersion: '2.15',
        LustreConfiguration: Match.objectLike({ DeploymentType: 'PERSISTENT_2' }),
      }),
    });
    t2.hasResourceProperties('AWS::FSx::DataRepositoryAssociation', {
      FileSystemPath: '/data',
      DataRepositoryPath: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^DataBucket') }, '/']] },
    });
  });

  test('grantReadWrite names its actions (no wildcards) on the objects', () => {
    const { stack: s2, network } = withNetwork();
    const storage = new aws.TieredStorage(s2, 'Data');
    const fleet = new aws.GpuFleet(s2, 'Fleet', { instanceType: InstanceType.G6_XLARGE, network });
    storage.grantReadWrite(fleet, 'checkpoints/*');
    Template.fromStack(s2).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataBucket'), 'Arn'] }, '/checkpoints/*']] },
        })]),
      },
    });
  });

  test.each<[string, any, RegExp]>([
    ['a tier before the S3 minimum', { tiers: [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 10 }] }, /tiers\[0\]\.afterDays = 10: allowed: a whole number from 30/],
    ['a high-throughput tier without a network', { highThroughput: HighThroughputTier.LUSTRE }, /network = undefined: allowed: an aws.ClusterNetwork when highThroughput is lustre/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => new aws.TieredStorage(stack(), 'Data', props)).toThrow(msg);
  });
});

describe('aws.TieredStorage redundancy', () => {
  const drBucket = (s: ReturnType<typeof stack>) => s3.Bucket.fromBucketArn(s, 'Dr', 'arn:aws:s3:::dr-bucket-eu-west-1');

  test('geo with replication: the bucket replicates every object to the other region\'s bucket', () => {
    const s = stack();
    new aws.TieredStorage(s, 'Data', { redundancy: StorageRedundancy.GEO, replication: { destination: drBucket(s) } });
    Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: Match.anyValue(),
        Rules: [Match.objectLike({ Id: 'disaster-recovery', Status: 'Enabled', Destination: Match.objectLike({ Bucket: 'arn:aws:s3:::dr-bucket-eu-west-1' }) })],
      },
    });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['local (S3 has no single-zone general purpose bucket)', { redundancy: StorageRedundancy.LOCAL },
      /redundancy = 'local': allowed: on AWS: zone \(S3 Standard keeps copies in at least three zones\) or geo/],
    ['geo without replication', { redundancy: StorageRedundancy.GEO }, /redundancy = 'geo': allowed: on AWS: geo with `replication`/],
  ])('fails on %s, naming the path, the property and what AWS supports', (_n, props, msg) => {
    expect(() => new aws.TieredStorage(stack(), 'Data', props)).toThrow(/\[ai-infra\] TieredStorage 'Test\/Data': invalid property/);
    expect(() => new aws.TieredStorage(stack(), 'Data', props)).toThrow(msg);
  });

  test('fails on zone with replication (replication is the geo copy)', () => {
    const s = stack();
    expect(() => new aws.TieredStorage(s, 'Data', { redundancy: StorageRedundancy.ZONE, replication: { destination: drBucket(s) } }))
      .toThrow(/TieredStorage 'Test\/Data': invalid property\n {2}- redundancy = 'zone': allowed: on AWS: geo or unset with `replication`/);
  });
});
