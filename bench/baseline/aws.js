// The AWS reference platform (the bursty-research scenario: cloud-first, 8 x p5.48xlarge on spot) written by hand
// with aws-cdk-lib, the way a team would without this library: the same 74 resources, every value typed in.
// bench/bench.ts synthesizes it next to AwsPlatformStack and checks the resource types match.
const {
  App, Aws, Duration, RemovalPolicy, Stack, Tags, CfnOutput,
} = require('aws-cdk-lib');
const appscaling = require('aws-cdk-lib/aws-applicationautoscaling');
const autoscaling = require('aws-cdk-lib/aws-autoscaling');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');
const ec2 = require('aws-cdk-lib/aws-ec2');
const fsx = require('aws-cdk-lib/aws-fsx');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const logs = require('aws-cdk-lib/aws-logs');
const s3 = require('aws-cdk-lib/aws-s3');
const sagemaker = require('aws-cdk-lib/aws-sagemaker');
const sns = require('aws-cdk-lib/aws-sns');

function build(app, id) {
  const stack = new Stack(app, id);

  // network
  const vpc = new ec2.Vpc(stack, 'NetworkVpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }],
    restrictDefaultSecurityGroup: true,
  });
  const cluster = new ec2.PrivateSubnet(stack, 'NetworkClusterSubnet', {
    vpcId: vpc.vpcId, availabilityZone: vpc.availabilityZones[0], cidrBlock: '10.40.255.0/24', mapPublicIpOnLaunch: false,
  });
  const efaSg = new ec2.SecurityGroup(stack, 'NetworkEfaSecurityGroup', { vpc, allowAllOutbound: false, description: 'GPU fleet: EFA' });
  efaSg.addIngressRule(efaSg, ec2.Port.allTraffic(), 'EFA from fleet members');
  efaSg.addEgressRule(efaSg, ec2.Port.allTraffic(), 'EFA to fleet members');
  const endpointSg = new ec2.SecurityGroup(stack, 'NetworkEndpointSecurityGroup', { vpc, allowAllOutbound: false, description: 'Interface endpoints' });
  endpointSg.addIngressRule(ec2.Peer.ipv4('10.40.0.0/16'), ec2.Port.tcp(443), 'HTTPS from the VPC');
  efaSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to endpoints');
  vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnets: [...vpc.isolatedSubnets, cluster] }] });
  const services = [
    ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM], ['Ssmmessages', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES],
    ['Ec2messages', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES], ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
    ['EcrDkr', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER], ['Sts', ec2.InterfaceVpcEndpointAwsService.STS],
    ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS], ['Monitoring', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING],
    ['SagemakerApi', ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_API], ['SagemakerRuntime', ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME],
  ];
  for (const [name, service] of services) {
    vpc.addInterfaceEndpoint(name, { service, privateDnsEnabled: true, subnets: { subnets: vpc.isolatedSubnets }, securityGroups: [endpointSg], open: false });
  }
  const flowKey = new kms.Key(stack, 'NetworkFlowLogsKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  flowKey.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
  }));
  const flowLogs = new logs.LogGroup(stack, 'NetworkFlowLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN, encryptionKey: flowKey });
  const flowRole = new iam.Role(stack, 'NetworkFlowLogsRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
  const flowPolicy = new iam.ManagedPolicy(stack, 'NetworkFlowLogsRolePolicy', { roles: [flowRole] });
  flowPolicy.addStatements(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [flowLogs.logGroupArn] }));
  new ec2.FlowLog(stack, 'NetworkVpcFlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc), destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs, flowRole.withoutPolicyUpdates()), trafficType: ec2.FlowLogTrafficType.ALL,
  });

  // storage
  const accessLogs = new s3.Bucket(stack, 'DataAccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, versioned: true, removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
  });
  const bucket = new s3.Bucket(stack, 'DataBucket', {
    versioned: true, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
    lifecycleRules: [
      {
        id: 'raw', prefix: 'raw/', transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) },
        ],
      },
      { id: 'features', prefix: 'features/', transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] },
      { id: 'checkpoints', prefix: 'checkpoints/', expiration: Duration.days(30) },
      { id: 'housekeeping', abortIncompleteMultipartUploadAfter: Duration.days(7), noncurrentVersionExpiration: Duration.days(90) },
    ],
  });
  bucket.node.defaultChild.loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: 'data-bucket/' };
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')], actions: ['s3:PutObject'], resources: [accessLogs.arnForObjects('data-bucket/*')],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  const lustreSg = new ec2.SecurityGroup(stack, 'DataLustreSecurityGroup', { vpc, allowAllOutbound: false, description: 'FSx for Lustre' });
  lustreSg.addIngressRule(efaSg, ec2.Port.tcp(988), 'Lustre from the fleet');
  lustreSg.addIngressRule(efaSg, ec2.Port.tcpRange(1018, 1023), 'Lustre from the fleet');
  lustreSg.addIngressRule(lustreSg, ec2.Port.tcp(988), 'Lustre between servers');
  lustreSg.addIngressRule(lustreSg, ec2.Port.tcpRange(1018, 1023), 'Lustre between servers');
  lustreSg.addEgressRule(lustreSg, ec2.Port.allTcp(), 'Lustre between servers');
  efaSg.addEgressRule(lustreSg, ec2.Port.tcp(988), 'Lustre');
  efaSg.addEgressRule(lustreSg, ec2.Port.tcpRange(1018, 1023), 'Lustre');
  lustreSg.addIngressRule(lustreSg, ec2.Port.tcpRange(988, 1023), 'Lustre');
  const lustre = new fsx.LustreFileSystem(stack, 'DataLustre', {
    vpc, vpcSubnet: cluster, storageCapacityGiB: 9600, securityGroup: lustreSg, fileSystemTypeVersion: fsx.FileSystemTypeVersion.V_2_15,
    lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2, perUnitStorageThroughput: 250, dataCompressionType: fsx.LustreDataCompressionType.LZ4 },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  new fsx.CfnDataRepositoryAssociation(stack, 'DataLustreDataRepository', {
    fileSystemId: lustre.fileSystemId, fileSystemPath: '/data', dataRepositoryPath: `s3://${bucket.bucketName}/`, batchImportMetaDataOnCreate: true,
    s3: { autoImportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] }, autoExportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] } },
  });

  // fleet: 8 x p5.48xlarge, 32 network cards: ENA at card 0 device 0, efa-only at card 0 device 1 and device 0 of cards 1-31
  const role = new iam.Role(stack, 'TrainingInstanceRole', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
  });
  const rolePolicy = new iam.ManagedPolicy(stack, 'TrainingInstanceRolePolicy', { roles: [role] });
  rolePolicy.addStatements(
    new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } } }),
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resources: [bucket.arnForObjects('*')] }),
    new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
  );
  const placement = new ec2.PlacementGroup(stack, 'TrainingPlacementGroup', { strategy: ec2.PlacementGroupStrategy.CLUSTER });
  const userData = ec2.UserData.forLinux();
  userData.addCommands('amazon-cloudwatch-agent-ctl -a start');
  const lt = new ec2.LaunchTemplate(stack, 'TrainingLaunchTemplate', {
    instanceType: new ec2.InstanceType('p5.48xlarge'),
    machineImage: ec2.MachineImage.fromSsmParameter('/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id'),
    role, userData, requireImdsv2: true, httpPutResponseHopLimit: 2, detailedMonitoring: true, placementGroup: placement,
    blockDevices: [{ deviceName: '/dev/sda1', volume: ec2.BlockDeviceVolume.ebs(200, { volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true, deleteOnTermination: true, iops: 6000, throughput: 500 }) }],
  });
  const nics = [{ NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' }, { NetworkCardIndex: 0, DeviceIndex: 1, InterfaceType: 'efa-only' }];
  for (let card = 1; card < 32; card++) nics.push({ NetworkCardIndex: card, DeviceIndex: 0, InterfaceType: 'efa-only' });
  lt.node.defaultChild.addPropertyOverride('LaunchTemplateData.NetworkInterfaces',
    nics.map((n) => ({ ...n, Groups: [efaSg.securityGroupId], SubnetId: cluster.subnetId, DeleteOnTermination: true })));
  const asg = new autoscaling.AutoScalingGroup(stack, 'TrainingGroup', {
    vpc, vpcSubnets: { subnets: [cluster] }, minCapacity: 8, maxCapacity: 8, groupMetrics: [autoscaling.GroupMetrics.all()],
    healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(15) }),
    mixedInstancesPolicy: {
      launchTemplate: lt,
      instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: autoscaling.SpotAllocationStrategy.CAPACITY_OPTIMIZED },
    },
    capacityRebalance: true,
  });
  asg.scaleOnSchedule('ScaleToZero', { schedule: autoscaling.Schedule.expression('0 20 * * 1-5'), timeZone: 'UTC', minCapacity: 0, maxCapacity: 0, desiredCapacity: 0 });
  asg.scaleOnSchedule('ScaleUp', { schedule: autoscaling.Schedule.expression('0 7 * * 1-5'), timeZone: 'UTC', minCapacity: 8, maxCapacity: 8, desiredCapacity: 8 });
  const asgDim = { AutoScalingGroupName: asg.autoScalingGroupName };
  new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensionsMap: asgDim, statistic: 'Maximum', period: Duration.minutes(5) })
    .createAlarm(stack, 'TrainingStatusCheckAlarm', { threshold: 1, evaluationPeriods: 2, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING });
  new cloudwatch.Metric({ namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensionsMap: asgDim, statistic: 'Minimum', period: Duration.minutes(5) })
    .createAlarm(stack, 'TrainingInServiceAlarm', { threshold: 8, evaluationPeriods: 3, comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING });
  const gpuUtil = new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'nvidia_smi_utilization_gpu', dimensionsMap: asgDim, statistic: 'Average', period: Duration.minutes(15) });
  gpuUtil.createAlarm(stack, 'TrainingGpuIdleAlarm', { threshold: 10, evaluationPeriods: 4, comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING });

  // serving: ml.g5.xlarge, 1-4 instances
  const endpointName = `${id}-Serving-1A8FF581`;
  const key = new kms.Key(stack, 'ServingKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  const execRole = new iam.Role(stack, 'ServingExecutionRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const execPolicy = new iam.ManagedPolicy(stack, 'ServingExecutionRolePolicy', { roles: [execRole] });
  execPolicy.addStatements(
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [bucket.arnForObjects('models/model.tar.gz')] }),
    new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
    new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [bucket.arnForObjects('data-capture/*')] }),
    new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'], resources: [key.keyArn] }),
    new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
    new iam.PolicyStatement({ actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], resources: [`arn:${Aws.PARTITION}:ecr:${Aws.REGION}:*:repository/*`] }),
    new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/sagemaker/Endpoints/${endpointName}*`] }),
    new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'AWS/SageMaker'] } } }),
    new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission',
        'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }),
  );
  const modelSg = new ec2.SecurityGroup(stack, 'ServingModelSecurityGroup', { vpc, allowAllOutbound: false, description: 'SageMaker model containers' });
  modelSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the VPC endpoints');
  const model = new sagemaker.CfnModel(stack, 'ServingModel', {
    executionRoleArn: execRole.roleArn,
    primaryContainer: { image: `763104351884.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/pytorch-inference:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker`, modelDataUrl: `s3://${bucket.bucketName}/models/model.tar.gz` },
    vpcConfig: { subnets: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [modelSg.securityGroupId] },
    enableNetworkIsolation: false,
  });
  model.node.addDependency(execPolicy);
  const config = new sagemaker.CfnEndpointConfig(stack, 'ServingEndpointConfig', {
    productionVariants: [{ variantName: 'AllTraffic', modelName: model.attrModelName, initialInstanceCount: 1, instanceType: 'ml.g5.xlarge', initialVariantWeight: 1 }],
    dataCaptureConfig: {
      enableCapture: true, initialSamplingPercentage: 10, destinationS3Uri: `s3://${bucket.bucketName}/data-capture`, kmsKeyId: key.keyArn,
      captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }], captureContentTypeHeader: { jsonContentTypes: ['application/json'] },
    },
  });
  const dims = { EndpointName: endpointName, VariantName: 'AllTraffic' };
  const sm = (metricName, props = {}) => new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName, dimensionsMap: dims, period: Duration.minutes(5), ...props });
  const latency = sm('ModelLatency', { statistic: 'p99' }).createAlarm(stack, 'ServingLatencyAlarm', {
    threshold: 250000, evaluationPeriods: 3, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const errors = sm('Invocation5XXErrors', { statistic: 'Sum' }).createAlarm(stack, 'ServingErrorAlarm', {
    threshold: 1, evaluationPeriods: 2, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  sm('Invocations', { statistic: 'Sum', period: Duration.hours(1) }).createAlarm(stack, 'ServingIdleAlarm', {
    threshold: 1, evaluationPeriods: 1, comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
  const endpoint = new sagemaker.CfnEndpoint(stack, 'ServingEndpoint', {
    endpointName, endpointConfigName: config.attrEndpointConfigName,
    deploymentConfig: {
      blueGreenUpdatePolicy: {
        trafficRoutingConfiguration: { type: 'CANARY', canarySize: { type: 'CAPACITY_PERCENT', value: 10 }, waitIntervalInSeconds: 600 },
        terminationWaitInSeconds: 600, maximumExecutionTimeoutInSeconds: 3600,
      },
      autoRollbackConfiguration: { alarms: [{ alarmName: latency.alarmName }, { alarmName: errors.alarmName }] },
    },
  });
  const target = new appscaling.ScalableTarget(stack, 'ServingScaling', {
    serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER, resourceId: `endpoint/${endpointName}/variant/AllTraffic`,
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount', minCapacity: 1, maxCapacity: 4,
    role: iam.Role.fromRoleArn(stack, 'ServingScalingRole', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`),
  });
  target.node.addDependency(endpoint);
  target.scaleToTrackMetric('InvocationsPerInstance', {
    predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE, targetValue: 100, scaleInCooldown: Duration.minutes(10), scaleOutCooldown: Duration.minutes(2),
  });

  // monitoring
  const topicKey = new kms.Key(stack, 'MonitoringTopicKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  topicKey.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
  const topic = new sns.Topic(stack, 'MonitoringAlarmTopic', { masterKey: topicKey, enforceSSL: true });
  void topic;
  const inv = sm('Invocations', { statistic: 'Sum', period: Duration.hours(1) });
  new cloudwatch.Dashboard(stack, 'MonitoringDashboard', {
    start: '-P7D',
    widgets: [[
      new cloudwatch.GraphWidget({ title: 'GPU utilization (%)', left: [gpuUtil], width: 12, leftYAxis: { min: 0, max: 100 } }),
      new cloudwatch.GraphWidget({ title: 'Endpoint p99 model latency (ms)', left: [new cloudwatch.MathExpression({ expression: 'lat / 1000', usingMetrics: { lat: sm('ModelLatency', { statistic: 'p99' }) }, label: 'p99 ms' })], width: 12 }),
    ], [
      new cloudwatch.GraphWidget({ title: 'Endpoint error rate (%)', left: [new cloudwatch.MathExpression({ expression: '100 * err / MAX([inv, 1])', usingMetrics: { err: sm('Invocation5XXErrors', { statistic: 'Sum', period: Duration.hours(1) }), inv }, label: '5xx %', period: Duration.hours(1) })], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Invocations per hour', left: [inv], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Estimated cost per 1,000 predictions (USD, 1 x $1.41/h)', left: [new cloudwatch.MathExpression({ expression: '1000 * 1.41 / MAX([inv, 1])', usingMetrics: { inv }, label: 'USD per 1,000', period: Duration.hours(1) })], width: 8 }),
    ]],
  });

  new CfnOutput(stack, 'EndpointName', { value: endpointName, description: 'SageMaker endpoint' });
  new CfnOutput(stack, 'DataBucketName', { value: bucket.bucketName, description: 'Data lake / model artifact bucket' });
  new CfnOutput(stack, 'Strategy', { value: 'cloud-first' });
  for (const [k, v] of Object.entries({ project: 'research-lab', strategy: 'cloud-first', workload: 'fine-tuning' })) {
    Tags.of(stack).add(k, v, { excludeResourceTypes: ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::CloudWatch::Dashboard'] });
  }
  return stack;
}

module.exports = { build };

if (require.main === module) {
  const app = new App();
  build(app, 'reference');
  app.synth();
}
