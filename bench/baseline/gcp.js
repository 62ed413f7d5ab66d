// The Google Cloud reference platform (bursty-research: cloud-first, 8 x a3-megagpu-8g on spot) written by hand with
// cdktf and @cdktf/provider-google, the way a team would without this library: the same 45 resources, every value
// typed in. bench/bench.ts synthesizes it next to GcpPlatformStack and checks the resource types match.
const { App, TerraformOutput, TerraformStack } = require('cdktf');
const { BigqueryDataset } = require('@cdktf/provider-google/lib/bigquery-dataset');
const { ComputeAutoscaler } = require('@cdktf/provider-google/lib/compute-autoscaler');
const { ComputeFirewall } = require('@cdktf/provider-google/lib/compute-firewall');
const { ComputeInstanceGroupManager } = require('@cdktf/provider-google/lib/compute-instance-group-manager');
const { ComputeInstanceTemplate } = require('@cdktf/provider-google/lib/compute-instance-template');
const { ComputeNetwork } = require('@cdktf/provider-google/lib/compute-network');
const { ComputeResourcePolicy } = require('@cdktf/provider-google/lib/compute-resource-policy');
const { ComputeSubnetwork } = require('@cdktf/provider-google/lib/compute-subnetwork');
const { MonitoringAlertPolicy } = require('@cdktf/provider-google/lib/monitoring-alert-policy');
const { MonitoringDashboard } = require('@cdktf/provider-google/lib/monitoring-dashboard');
const { ProjectIamMember } = require('@cdktf/provider-google/lib/project-iam-member');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { ServiceAccount } = require('@cdktf/provider-google/lib/service-account');
const { StorageBucket } = require('@cdktf/provider-google/lib/storage-bucket');
const { StorageBucketIamMember } = require('@cdktf/provider-google/lib/storage-bucket-iam-member');
const { VertexAiEndpoint } = require('@cdktf/provider-google/lib/vertex-ai-endpoint');

function build(app, id) {
  const stack = new TerraformStack(app, id);
  const project = 'bench-project';
  const region = 'us-east4';
  const zone = 'us-east4-a';
  const labels = { project: 'research-lab', strategy: 'cloud-first', workload: 'fine-tuning' };
  new GoogleProvider(stack, 'google', { project, region, defaultLabels: labels });

  // network: host VPC + 8 GPU VPCs (MTU 8244), one subnet each, firewalls
  const host = new ComputeNetwork(stack, 'Network_HostNetwork', { project, name: `${id}-host`, autoCreateSubnetworks: false, routingMode: 'REGIONAL' });
  const hostSubnet = new ComputeSubnetwork(stack, 'Network_HostSubnet', {
    project, region, name: `${id}-host`, network: host.id, ipCidrRange: '10.40.0.0/16', privateIpGoogleAccess: true,
    logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
  });
  new ComputeFirewall(stack, 'Network_AllowInternal', {
    project, name: `${id}-allow-internal`, network: host.id, direction: 'INGRESS', priority: 1000, sourceRanges: ['10.40.0.0/16'],
    allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }], logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
  });
  new ComputeFirewall(stack, 'Network_DenyIngress', {
    project, name: `${id}-deny-ingress`, network: host.id, direction: 'INGRESS', priority: 65534, sourceRanges: ['0.0.0.0/0'],
    deny: [{ protocol: 'all' }], logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
  });
  const nics = [{ network: host.id, subnetwork: hostSubnet.id, nicType: 'GVNIC' }];
  for (let i = 0; i < 8; i++) {
    const net = new ComputeNetwork(stack, `Network_Gpu${i}Network`, { project, name: `${id}-gpu-${i}`, autoCreateSubnetworks: false, mtu: 8244 });
    const sub = new ComputeSubnetwork(stack, `Network_Gpu${i}Subnet`, { project, region, name: `${id}-gpu-${i}`, network: net.id, ipCidrRange: `192.168.${i}.0/24` });
    new ComputeFirewall(stack, `Network_Gpu${i}AllowInternal`, {
      project, name: `${id}-gpu-${i}-allow-internal`, network: net.id, direction: 'INGRESS', priority: 1000, sourceRanges: [`192.168.${i}.0/24`], allow: [{ protocol: 'all' }],
    });
    nics.push({ network: net.id, subnetwork: sub.id, nicType: 'GVNIC' });
  }

  // storage
  const logBucket = new StorageBucket(stack, 'Data_LogBucket', {
    project, name: 'bench-project-data-9ec9f6-logs', location: region, forceDestroy: false, uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced', versioning: { enabled: true }, lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: 365 } }],
    lifecycle: { preventDestroy: true },
  });
  const live = (age, prefix) => ({ age, matchesPrefix: [prefix], withState: 'LIVE' });
  const bucket = new StorageBucket(stack, 'Data_Bucket', {
    project, name: 'bench-project-data-9ec9f6', location: region, storageClass: 'STANDARD', forceDestroy: false, uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced', versioning: { enabled: true }, softDeletePolicy: { retentionDurationSeconds: 604800 }, labels: { 'ai-infra-storage': 'data' },
    logging: { logBucket: logBucket.name, logObjectPrefix: 'bench-project-data-9ec9f6/' },
    lifecycleRule: [
      { action: { type: 'SetStorageClass', storageClass: 'NEARLINE' }, condition: live(30, 'raw/') },
      { action: { type: 'SetStorageClass', storageClass: 'COLDLINE' }, condition: live(90, 'raw/') },
      { action: { type: 'SetStorageClass', storageClass: 'ARCHIVE' }, condition: live(365, 'raw/') },
      { action: { type: 'SetStorageClass', storageClass: 'NEARLINE' }, condition: live(30, 'features/') },
      { action: { type: 'Delete' }, condition: live(30, 'checkpoints/') },
      { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 90, withState: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ],
    lifecycle: { preventDestroy: true },
  });
  new StorageBucketIamMember(stack, 'Data_UsageLogsWriter', { bucket: logBucket.name, role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com' });

  // fleet
  const sa = new ServiceAccount(stack, 'Training_ServiceAccount', { project, accountId: `${id}-training-sa`, displayName: `GPU fleet ${id}/Training` });
  for (const role of ['logging.logWriter', 'monitoring.metricWriter']) {
    new ProjectIamMember(stack, `Training_Role${role.split('.')[1]}`, { project, role: `roles/${role}`, member: `serviceAccount:${sa.email}` });
  }
  new StorageBucketIamMember(stack, 'Data_ReadWriteGrant', { bucket: bucket.name, role: 'roles/storage.objectUser', member: `serviceAccount:${sa.email}` });
  const placement = new ComputeResourcePolicy(stack, 'Training_Placement', { project, region, name: `${id}-training-compact`, groupPlacementPolicy: { collocation: 'COLLOCATED' } });
  const template = new ComputeInstanceTemplate(stack, 'Training_Template', {
    project, region, namePrefix: `${id}-training-`, machineType: 'a3-megagpu-8g', tags: [`${id}-node`],
    labels: { ...labels, accelerator: 'nvidia-h100', 'ai-infra-fleet': `${id}-training` },
    disk: [{ boot: true, autoDelete: true, diskSizeGb: 200, diskType: 'pd-balanced', sourceImage: 'projects/deeplearning-platform-release/global/images/family/common-cu128-ubuntu-2204-nvidia-570' }],
    networkInterface: nics,
    metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' },
    scheduling: { provisioningModel: 'SPOT', preemptible: true, automaticRestart: false, onHostMaintenance: 'TERMINATE', instanceTerminationAction: 'STOP' },
    serviceAccount: { email: sa.email, scopes: ['cloud-platform'] },
    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
    resourcePolicies: [placement.id],
    lifecycle: { createBeforeDestroy: true },
  });
  const group = new ComputeInstanceGroupManager(stack, 'Training_Group', {
    project, zone, name: `${id}-training`, baseInstanceName: `${id}-training`,
    version: [{ name: 'primary', instanceTemplate: template.selfLinkUnique }],
    updatePolicy: { type: 'OPPORTUNISTIC', minimalAction: 'REPLACE', replacementMethod: 'RECREATE', maxSurgeFixed: 0, maxUnavailableFixed: 1 },
  });
  new ComputeAutoscaler(stack, 'Training_Autoscaler', {
    project, zone, name: `${id}-training-schedule`, target: group.id,
    autoscalingPolicy: {
      minReplicas: 0, maxReplicas: 8, cooldownPeriod: 300, mode: 'ON',
      scalingSchedules: [{ name: 'working-hours', schedule: '0 7 * * 1-5', timeZone: 'UTC', durationSec: 46800, minRequiredReplicas: 8 }],
    },
  });

  // serving
  const dataset = new BigqueryDataset(stack, 'Serving_Logs', { project, datasetId: `${id}_serving_logs`, location: region, deleteContentsOnDestroy: false, lifecycle: { preventDestroy: true } });
  const endpoint = new VertexAiEndpoint(stack, 'Serving_Endpoint', {
    project, region, location: region, name: '1993138686', displayName: `${id}-serving`, description: `ai-infra endpoint ${id}/Serving`,
    labels: { 'ai-infra-endpoint': `${id}-serving` },
    privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlist: [project] },
    predictRequestResponseLoggingConfig: { enabled: true, samplingRate: 0.2, bigqueryDestination: { outputUri: `bq://${project}.${dataset.datasetId}` } },
  });

  // monitoring
  const endpointFilter = (metric) => `metric.type="aiplatform.googleapis.com/prediction/online/${metric}" AND resource.type="aiplatform.googleapis.com/Endpoint" AND resource.label.endpoint_id="1993138686"`;
  const gpuFilter = `metric.type="agent.googleapis.com/gpu/utilization" AND resource.type="gce_instance" AND metadata.user_labels."ai-infra-fleet"="${group.name}"`;
  const alert = (name, displayName, filter, aligner, comparison, threshold, duration) => new MonitoringAlertPolicy(stack, name, {
    project: template.project, displayName, combiner: 'OR',
    conditions: [{ displayName, conditionThreshold: { filter, comparison, thresholdValue: threshold, duration, aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: aligner }] } }],
  });
  alert('Monitoring_GpuIdle', `${id}/Training: GPUs under 10% busy for an hour`, gpuFilter, 'ALIGN_MEAN', 'COMPARISON_LT', 10, '3600s');
  alert('Monitoring_Latency', `${id}/Serving: p99 latency over 300 ms`, endpointFilter('prediction_latencies'), 'ALIGN_PERCENTILE_99', 'COMPARISON_GT', 300, '900s');
  alert('Monitoring_Errors', `${id}/Serving: prediction errors`, endpointFilter('error_count'), 'ALIGN_SUM', 'COMPARISON_GT', 0, '600s');
  const tile = (xPos, yPos, width, title, filter, aligner) => ({
    xPos, yPos, width, height: 4,
    widget: { title, xyChart: { dataSets: [{ timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: '300s', perSeriesAligner: aligner } } }, plotType: 'LINE' }] } },
  });
  new MonitoringDashboard(stack, 'Monitoring_Dashboard', {
    project,
    dashboardJson: JSON.stringify({
      displayName: `ai-infra ${id}`,
      mosaicLayout: {
        columns: 12,
        tiles: [
          tile(0, 0, 6, 'GPU utilization (%)', gpuFilter, 'ALIGN_MEAN'),
          tile(6, 0, 6, 'Endpoint p99 latency (ms)', endpointFilter('prediction_latencies'), 'ALIGN_PERCENTILE_99'),
          tile(0, 4, 4, 'Predictions per second', endpointFilter('prediction_count'), 'ALIGN_RATE'),
          tile(4, 4, 4, 'Prediction errors', endpointFilter('error_count'), 'ALIGN_SUM'),
          { xPos: 8, yPos: 4, width: 4, height: 4, widget: { title: 'Cost per 1,000 predictions', text: { content: 'g2-standard-4 has no catalog price: see ai-infra cost', format: 'MARKDOWN' } } },
        ],
      },
    }),
  });

  new TerraformOutput(stack, 'bucket_name', { value: bucket.name });
  new TerraformOutput(stack, 'serving_endpoint_id', { value: endpoint.name, description: `Vertex AI endpoint of ${id}/Serving` });
  new TerraformOutput(stack, 'serving_deploy_model_command', {
    value: `gcloud ai endpoints deploy-model 1993138686 --project=${project} --region=${region} --model=MODEL_ID --display-name=${id}-serving --machine-type=g2-standard-4 --accelerator=type=nvidia-l4,count=1 --min-replica-count=1 --max-replica-count=8 --autoscaling-metric-specs=gpu-duty-cycle=60 --traffic-split=0=100`,
    description: 'Terraform cannot upload or deploy a custom model: upload it with `gcloud ai models upload`, then run this with its MODEL_ID',
  });
  new TerraformOutput(stack, 'strategy', { value: 'cloud-first' });
  return stack;
}

module.exports = { build };

if (require.main === module) {
  const app = new App();
  build(app, 'reference');
  app.synth();
}
