import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import { Testing } from 'cdktf';
import { network, resources, synth, synthString } from './util';
import { buildApp } from '../../examples/gcp/main';
import { EndpointMode, InstanceType, PurchaseOption, StorageEncryption, StorageTierClass, TerraformPolicyChecks, StrategySelector, GcpPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';
import * as gcp from '../../src/gcp';
import { TerraformApp, TerraformStack } from '../../src/tf';
import { factsOf, summaryFleet } from '../helpers';

function fleetDoc(instanceType: string, extra: any = {}) {
  return synth((s) => {
    const fleetProps = { instanceType: InstanceType.of(instanceType), ...extra };
    const net = network(s, fleetProps);
    new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: net });
  });
}

describe('gcp.ClusterNetwork', () => {
  test('a3-megagpu-8g: a host VPC plus 8 GPU VPCs with MTU 8244, no auto subnets', () => {
    const doc = fleetDoc('a3-megagpu-8g');
    const nets = resources(doc, 'google_compute_network');
    expect(nets).toHaveLength(9);
    expect(nets.every((n) => n.auto_create_subnetworks === false)).toBe(true);
    expect(nets.filter((n) => n.mtu === 8244)).toHaveLength(8);
    expect(resources(doc, 'google_compute_subnetwork').find((s) => s.name === 'test-host')).toMatchObject({
      private_ip_google_access: true, ip_cidr_range: '10.40.0.0/16', log_config: expect.objectContaining({ metadata: 'INCLUDE_ALL_METADATA' }),
    });
  });

  test('a3-highgpu-8g: 4 GPU VPCs', () => {
    expect(resources(fleetDoc('a3-highgpu-8g'), 'google_compute_network').filter((n) => n.mtu === 8244)).toHaveLength(4);
  });

  test('a3-ultragpu-8g: a second gVNIC VPC and one RoCE VPC with its network profile and 8 subnets', () => {
    const doc = fleetDoc('a3-ultragpu-8g');
    const rdma = resources(doc, 'google_compute_network').find((n) => n.name === 'test-rdma');
    expect(rdma.network_profile).toBe('https://www.googleapis.com/compute/beta/projects/my-project/global/networkProfiles/us-east4-a-vpc-roce');
    expect(resources(doc, 'google_compute_subnetwork').filter((s) => /test-rdma-\d$/.test(s.name))).toHaveLength(8);
  });

  test('firewall: internal traffic allowed, every other ingress denied, nothing open to the internet', () => {
    const doc = fleetDoc('a3-megagpu-8g');
    const fw = resources(doc, 'google_compute_firewall');
    expect(fw.find((f) => f.name === 'test-deny-ingress')).toMatchObject({ deny: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'], priority: 65534 });
    expect(fw.filter((f) => f.allow && f.source_ranges.includes('0.0.0.0/0'))).toEqual([]);
  });

  test('Cloud NAT only with internetEgress', () => {
    expect(resources(synth((s) => { network(s); }), 'google_compute_router_nat')).toHaveLength(0);
    const doc = synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', internetEgress: true }); });
    expect(resources(doc, 'google_compute_router_nat')).toEqual([expect.objectContaining({ source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' })]);
  });

  test.each<[string, any, RegExp]>([
    ['a bad project', { project: 'My Project', region: 'us-east4' }, /project = 'My Project'/],
    ['a bad region', { project: 'my-project', region: 'virginia' }, /region = 'virginia'/],
    ['a zone of another region', { project: 'my-project', region: 'us-east4', zone: 'us-central1-a' }, /zone = 'us-central1-a': allowed: a zone of us-east4/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => synth((s) => { new gcp.ClusterNetwork(s, 'Network', props); })).toThrow(msg);
  });
});

describe('gcp.GpuFleet', () => {
  test.each([
    ['a3-megagpu-8g', 9, 'GVNIC'],
    ['a3-highgpu-8g', 5, 'GVNIC'],
    ['g2-standard-4', 1, 'GVNIC'],
  ])('%s: %d NICs, each %s, none with an external IP', (type, n, nicType) => {
    const t = resources(fleetDoc(type), 'google_compute_instance_template')[0];
    expect(t.network_interface).toHaveLength(n);
    expect(t.network_interface.every((x: any) => x.nic_type === nicType && x.access_config === undefined)).toBe(true);
    expect(new Set(t.network_interface.map((x: any) => x.network)).size).toBe(n);
  });

  test('a3-ultragpu-8g: 2 gVNIC and 8 MRDMA NICs on hyperdisk', () => {
    const t = resources(fleetDoc('a3-ultragpu-8g'), 'google_compute_instance_template')[0];
    expect(t.network_interface.filter((x: any) => x.nic_type === 'MRDMA')).toHaveLength(8);
    expect(t.network_interface.filter((x: any) => x.nic_type === 'GVNIC')).toHaveLength(2);
    expect(t.disk[0].disk_type).toBe('hyperdisk-balanced');
  });

  test('instance template: machine type, TERMINATE on maintenance, Shielded VM, OS Login, own service account', () => {
    const json = synthString((s) => {
      const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2 };
      new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: network(s, fleetProps) });
    });
    expect(json).toHaveResourceWithProperties(ComputeInstanceTemplate, {
      machine_type: 'a3-megagpu-8g',
      scheduling: { automatic_restart: true, on_host_maintenance: 'TERMINATE', preemptible: false, provisioning_model: 'STANDARD' },
      shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
      metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' },
    });
    expect(json).not.toHaveResourceWithProperties(ComputeInstanceTemplate, { machine_type: 'a3-highgpu-8g' });
    const iam = resources(JSON.parse(json), 'google_project_iam_member').map((m) => m.role).sort();
    expect(iam).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter']);
  });

  test('compact placement COLLOCATED for several nodes; max_distance only through a google-beta provider', () => {
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 2 });
    expect(resources(doc, 'google_compute_resource_policy')).toEqual([expect.objectContaining({ group_placement_policy: { collocation: 'COLLOCATED' } })]);
    expect(resources(fleetDoc('a3-megagpu-8g', { nodes: 1 }), 'google_compute_resource_policy')).toHaveLength(0);
  });

  test('spot and reservation', () => {
    const spot = resources(fleetDoc('a3-megagpu-8g', { purchase: PurchaseOption.spot() }), 'google_compute_instance_template')[0];
    expect(spot.scheduling).toMatchObject({ provisioning_model: 'SPOT', preemptible: true, automatic_restart: false, instance_termination_action: 'STOP' });
    const res = resources(fleetDoc('a3-megagpu-8g', { purchase: PurchaseOption.reservation('mega-res') }), 'google_compute_instance_template')[0];
    expect(res.reservation_affinity).toEqual({ type: 'SPECIFIC_RESERVATION', specific_reservation: { key: 'compute.googleapis.com/reservation-name', values: ['mega-res'] } });
  });

  test('scale to zero: an autoscaler with a working-hours schedule', () => {
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 2, scaleToZero: {} });
    expect(resources(doc, 'google_compute_autoscaler')[0].autoscaling_policy).toMatchObject({
      min_replicas: 0,
      max_replicas: 2,
      scaling_schedules: [{ name: 'working-hours', schedule: '0 7 * * 1-5', duration_sec: 13 * 3600, min_required_replicas: 2, time_zone: 'UTC' }],
    });
    expect(resources(doc, 'google_compute_instance_group_manager')[0].target_size).toBeUndefined();
  });

  test('fails when the network was not made for the fleet', () => {
    expect(() => synth((s) => {
      const net = network(s);
      new gcp.GpuFleet(s, 'Fleet', { instanceType: InstanceType.A3_MEGAGPU_8G, network: net });
    })).toThrow(/network = 'test\/Network': allowed: a ClusterNetwork created with fleet: .* \(it lacks the GPU networks gpu-0/);
  });

  test('fails on max_distance 1 for A3', () => {
    expect(() => fleetDoc('a3-megagpu-8g', { nodes: 2, placementMaxDistance: 1 })).toThrow(/GpuFleet 'test\/Fleet'[\s\S]*placementMaxDistance = 1/);
  });

  test('fleet figures from the synthesized JSON: full and single-NIC', () => {
    expect(factsOf(fleetDoc('a3-megagpu-8g', { nodes: 2 })).fleets.map(summaryFleet)).toEqual([
      { path: 'test/Fleet', instanceType: 'a3-megagpu-8g', nodes: 2, configuredGbps: 1800, maxGbps: 1800 },
    ]);
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 2 });
    const t: any = Object.values(doc.resource.google_compute_instance_template)[0];
    t.network_interface = t.network_interface.slice(0, 1);
    expect(factsOf(doc).fleets.map(summaryFleet)[0].configuredGbps).toBe(200);
  });
});

describe('gcp.TieredStorage', () => {
  const doc = synth((s) => {
    const st = new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4', encryption: StorageEncryption.CUSTOMER_MANAGED });
    st.grantReadWrite('serviceAccount:fleet@my-project.iam.gserviceaccount.com');
  });
  const bucket = resources(doc, 'google_storage_bucket').find((b) => !b.name.endsWith('-logs'));

  test('uniform access, public access prevention, versioning, soft delete, logging, CMEK, prevent_destroy', () => {
    expect(bucket).toMatchObject({
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      soft_delete_policy: { retention_duration_seconds: 7 * 86400 },
      storage_class: 'STANDARD',
      lifecycle: { prevent_destroy: true },
      logging: expect.objectContaining({ log_bucket: expect.any(String) }),
      encryption: { default_kms_key_name: expect.stringContaining('google_kms_crypto_key') },
    });
    expect(resources(doc, 'google_kms_crypto_key')[0]).toMatchObject({ rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
  });

  test('lifecycle: NEARLINE 30, COLDLINE 90, ARCHIVE 365 on raw/; checkpoints deleted at 30; noncurrent and multipart cleanup', () => {
    const rules = bucket.lifecycle_rule;
    const raw = rules.filter((r: any) => r.condition.matches_prefix?.[0] === 'raw/');
    expect(raw.map((r: any) => [r.action.storage_class, r.condition.age])).toEqual([['NEARLINE', 30], ['COLDLINE', 90], ['ARCHIVE', 365]]);
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { age: 30, matches_prefix: ['checkpoints/'], with_state: 'LIVE' } });
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 90, with_state: 'ARCHIVED' } });
    expect(rules).toContainEqual({ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } });
    expect(JSON.stringify(rules)).not.toContain('models/');
  });

  test('IAM for the fleet: object user on this bucket', () => {
    expect(resources(doc, 'google_storage_bucket_iam_member')).toContainEqual(expect.objectContaining({
      role: 'roles/storage.objectUser', member: 'serviceAccount:fleet@my-project.iam.gserviceaccount.com',
    }));
  });

  test('autoclass instead of SetStorageClass rules', () => {
    const d = synth((s) => { new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'US', autoTiering: true }); });
    const b = resources(d, 'google_storage_bucket').find((x) => !x.name.endsWith('-logs'));
    expect(b.autoclass).toEqual({ enabled: true, terminal_storage_class: 'ARCHIVE' });
    expect(JSON.stringify(b.lifecycle_rule)).not.toContain('SetStorageClass');
  });

  test('fails on ARCHIVE before 365 days', () => {
    expect(() => synth((s) => {
      new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'US', tiers: [{ storageClass: StorageTierClass.ARCHIVE, afterDays: 180 }] });
    })).toThrow(/tiers\[0\]\.afterDays = 180: allowed: a whole number from 365/);
  });
});

describe('gcp.ModelEndpoint', () => {
  test('private service connect, request/response logging at 20% to BigQuery, deploy command output', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s) }); });
    const e = resources(doc, 'google_vertex_ai_endpoint')[0];
    expect(e.name).toMatch(/^[1-9]\d{9}$/);
    expect(e.private_service_connect_config).toEqual({ enable_private_service_connect: true, project_allowlist: ['my-project'] });
    expect(e.predict_request_response_logging_config).toMatchObject({ enabled: true, sampling_rate: 0.2 });
    expect(doc.output.serving_deploy_model_command.value).toMatch(new RegExp(`^gcloud ai endpoints deploy-model ${e.name} --project=my-project --region=us-east4 .*--machine-type=g2-standard-4 --accelerator=type=nvidia-l4,count=1`));
  });

  test('VPC peering uses the project number and the host network', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), connectivity: gcp.EndpointConnectivity.VPC_PEERING }); });
    expect(resources(doc, 'google_vertex_ai_endpoint')[0].network).toMatch(/^projects\/\$\{data\.google_project\.[^}]+\.number\}\/global\/networks\/\$\{google_compute_network/);
  });

  test('Model Garden deployment of a Hugging Face model', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' } }); });
    expect(resources(doc, 'google_vertex_ai_endpoint_with_model_garden_deployment')[0]).toMatchObject({
      hugging_face_model_id: 'Qwen/Qwen3-0.6B',
      deploy_config: { dedicated_resources: { machine_spec: { machine_type: 'g2-standard-4', accelerator_type: 'NVIDIA_L4', accelerator_count: 1 }, min_replica_count: 1 } },
    });
  });

  test('grantInvoke is conditioned on this endpoint', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s) }).grantInvoke('user:ana@example.com'); });
    const m = resources(doc, 'google_project_iam_member').find((x) => x.member === 'user:ana@example.com');
    expect(m.role).toBe('roles/aiplatform.user');
    expect(m.condition.expression).toMatch(/^resource\.name\.startsWith\("projects\/my-project\/locations\/us-east4\/endpoints\/\d{10}"\)$/);
  });

  test.each<[string, any, RegExp]>([
    ['a dedicated endpoint while private only', { connectivity: gcp.EndpointConnectivity.DEDICATED }, /connectivity = 'dedicated': allowed: private-service-connect or vpc-peering while privateOnly/],
    ['both model sources', { modelGarden: { huggingFaceModelId: 'a/b', publisherModelName: 'publishers/google/models/x' } }, /modelGarden = .*: allowed: exactly one/],
    ['serverless', { mode: EndpointMode.SERVERLESS }, /mode = 'serverless': allowed: realtime on gcp/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); })).toThrow(msg);
  });
});

describe('Terraform policy checks on Google Cloud output', () => {
  test.each(DEFAULT_SCENARIOS.map((s) => [s.name, s] as const))('the %s platform passes every rule', (_n, s) => {
    const app = new TerraformApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tf-')) });
    const stack = new GcpPlatformStack(app, 'p', { ...s.platform, selection: StrategySelector.select(s.requirements), gcpProject: 'demo-project', region: 'us-east4' });
    const report = TerraformPolicyChecks.check(JSON.parse(Testing.synth(stack)));
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(10);
  });

  test('control: an open firewall, an external IP and a public bucket are found', () => {
    const doc = {
      resource: {
        google_compute_firewall: { open: { direction: 'INGRESS', source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp' }] } },
        google_compute_instance_template: { t: { network_interface: [{ access_config: [{}] }], shielded_instance_config: {}, metadata: {} } },
        google_storage_bucket: { b: { name: 'b', public_access_prevention: 'inherited', uniform_bucket_level_access: false } },
      },
    };
    const ids = TerraformPolicyChecks.check(doc).findings.map((f) => `${f.ruleId} ${f.address}`);
    expect(ids).toEqual(expect.arrayContaining([
      'GCP-FW-1 google_compute_firewall.open', 'GCP-VM-1 google_compute_instance_template.t', 'GCP-GCS-1 google_storage_bucket.b', 'GCP-GCS-2 google_storage_bucket.b',
    ]));
  });
});

describe('examples/gcp', () => {
  test('synthesizes a spot a3-megagpu-8g fleet with 9 NICs and passes the policy checks', () => {
    const app = buildApp(Testing.app());
    const doc = JSON.parse(Testing.synth(app.node.findChild('training-platform') as TerraformStack));
    const t = resources(doc, 'google_compute_instance_template')[0];
    expect(t.network_interface).toHaveLength(9);
    expect(t.scheduling.provisioning_model).toBe('SPOT');
    expect(TerraformPolicyChecks.check(doc).findings).toEqual([]);
  });
});
