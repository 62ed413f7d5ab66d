import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { fleetDoc, network, resources, synth, synthString } from './util';
import { InstanceType, PurchaseOption, gcp } from '../../src';
import { factsOf, summaryFleet } from '../helpers';

const OPS_AGENT_INSTALL = 'bash add-google-cloud-ops-agent-repo.sh --also-install';

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
      metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'startup-script': expect.stringContaining(OPS_AGENT_INSTALL) },
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

describe('gcp.GpuFleet: GPU metrics and the idle alert', () => {
  test('gpuMetrics (the default): the startup script installs the Ops Agent, whose NVML receiver publishes agent.googleapis.com/gpu/utilization', () => {
    const t = resources(fleetDoc('a3-megagpu-8g', { nodes: 2 }), 'google_compute_instance_template')[0];
    const script: string = t.metadata['startup-script'];
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain('if ! systemctl is-active --quiet google-cloud-ops-agent; then');
    expect(script).toContain('curl -sSfO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh');
    expect(script).toContain(OPS_AGENT_INSTALL);
  });

  test('the idle alert: the fleet-wide average GPU utilization under idleGpuPercent for an hour', () => {
    const json = synthString((s) => {
      const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2, idleGpuPercent: 25 };
      new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: network(s, fleetProps) });
    });
    expect(json).toHaveResourceWithProperties(MonitoringAlertPolicy, {
      display_name: 'test/Fleet: GPUs under 25% busy for an hour',
      conditions: [expect.objectContaining({
        condition_threshold: {
          filter: expect.stringMatching(/^metric\.type="agent\.googleapis\.com\/gpu\/utilization" AND resource\.type="gce_instance" AND metadata\.user_labels\."ai-infra-fleet"="test-fleet"$/),
          comparison: 'COMPARISON_LT',
          threshold_value: 25,
          duration: '3600s',
          aggregations: [{ alignment_period: '300s', per_series_aligner: 'ALIGN_MEAN', cross_series_reducer: 'REDUCE_MEAN' }],
        },
      })],
    });
    // the default threshold is the neutral one: 10%
    const policies = resources(fleetDoc('a3-megagpu-8g', { nodes: 2 }), 'google_monitoring_alert_policy');
    expect(policies.map((p) => p.conditions[0].condition_threshold.threshold_value)).toEqual([10]);
  });

  test('without gpuMetrics: no Ops Agent install and no idle alert (the metric would not exist)', () => {
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 2, gpuMetrics: false });
    const t = resources(doc, 'google_compute_instance_template')[0];
    expect(t.metadata).toEqual({ 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' });
    expect(resources(doc, 'google_monitoring_alert_policy')).toEqual([]);
  });
});

describe('gcp.GpuFleet: neutral settings Google Cloud honours or refuses', () => {
  test.each<[string, any, RegExp]>([
    ['minNodes below nodes', { nodes: 4, minNodes: 2 }, /- minNodes = 2: allowed: equal to nodes \(4\) on Google Cloud: a managed instance group holds a fixed size/],
    ['maxNodes above nodes', { nodes: 2, maxNodes: 6 }, /- maxNodes = 6: allowed: equal to nodes \(2\) on Google Cloud/],
    ['placementMaxDistance without a google-beta provider', { nodes: 2, placementMaxDistance: 3 }, /- placementMaxDistance = 3: allowed: unset, or give betaProvider/],
    ['a spot maximum price', { purchase: PurchaseOption.spot({ maxPricePerHour: 40 }) }, /- purchase\.maxPricePerHour = 40: allowed: unset on Google Cloud \(Spot VMs/],
  ])('fails on %s (Google Cloud would drop it)', (_n, props, msg) => {
    expect(() => fleetDoc('a3-megagpu-8g', props)).toThrow(new RegExp(`GpuFleet 'test/Fleet'[\\s\\S]*${msg.source}`));
  });

  test('minNodes and maxNodes equal to nodes are accepted', () => {
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 2, minNodes: 2, maxNodes: 2 });
    expect(resources(doc, 'google_compute_instance_group_manager')[0].target_size).toBe(2);
  });

  test('placementMaxDistance with a google-beta provider: the policy carries max_distance on that provider', () => {
    const doc = synth((s) => {
      const beta = new GoogleProvider(s, 'beta', { alias: 'beta', project: 'my-project' });
      const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2, placementMaxDistance: 3 };
      new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: network(s, fleetProps), betaProvider: beta });
    });
    expect(resources(doc, 'google_compute_resource_policy')[0]).toMatchObject({
      provider: 'google.beta', group_placement_policy: { collocation: 'COLLOCATED', max_distance: 3 },
    });
  });
});

describe('gcp.GpuFleet: current hardware from the catalog (issue 15)', () => {
  const a4x = (extra: any = {}) => synth((s) => {
    const fleet = { instanceType: InstanceType.A4X_HIGHGPU_4G, nodes: 18, purchase: PurchaseOption.reservation('a4x-res'), ...extra };
    new gcp.GpuFleet(s, 'Fleet', { ...fleet, network: network(s, fleet) });
  });

  test('a4x-highgpu-4g: 2 gVNIC and 4 MRDMA NICs (one per RDMA subnet, 4 GPUs), the Arm image, the 1x72 slice', () => {
    const doc = a4x();
    const t = resources(doc, 'google_compute_instance_template')[0];
    expect(t.machine_type).toBe('a4x-highgpu-4g');
    expect(t.network_interface.map((n: any) => n.nic_type)).toEqual(['GVNIC', 'GVNIC', 'MRDMA', 'MRDMA', 'MRDMA', 'MRDMA']);
    // each MRDMA NIC in its own subnet of the RoCE VPC
    expect(new Set(t.network_interface.slice(2).map((n: any) => n.subnetwork)).size).toBe(4);
    expect(t.disk[0].source_image).toBe('projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2404-arm64-with-nvidia-570');
    expect(t.reservation_affinity).toMatchObject({ type: 'SPECIFIC_RESERVATION', specific_reservation: { values: ['a4x-res'] } });
    expect(resources(doc, 'google_compute_resource_policy')[0].group_placement_policy).toMatchObject({ collocation: 'COLLOCATED', gpu_topology: '1x72' });
    const f = factsOf(doc).fleets[0];
    expect([f.configuredGbps, f.maxGbps]).toEqual([2000, 2000]);
  });

  test('a4x-highgpu-4g is not sold on demand: the default purchase is refused, naming reservation and spot', () => {
    expect(() => synth((s) => {
      const fleet = { instanceType: InstanceType.A4X_HIGHGPU_4G };
      new gcp.GpuFleet(s, 'Fleet', { ...fleet, network: network(s, fleet) });
    })).toThrow(/purchase = 'on-demand \(the default\)': allowed: PurchaseOption\.reservation\(id\) or PurchaseOption\.spot\(\): a4x-highgpu-4g is sold as reservation, spot, flex-start only .*flex-start is not rendered by the fleets/);
  });

  test('a4x-highgpu-4g on spot synthesizes with the SPOT provisioning model', () => {
    const t = resources(a4x({ purchase: PurchaseOption.spot() }), 'google_compute_instance_template')[0];
    expect(t.scheduling).toMatchObject({ provisioning_model: 'SPOT', preemptible: true });
  });

  test.each(['a3-ultragpu-8g', 'a4-highgpu-8g'])('%s with a reservation: no compact placement policy (the dense reservation places the VMs)', (type) => {
    const reserved = fleetDoc(type, { nodes: 4, purchase: PurchaseOption.reservation('dense-res') });
    expect(resources(reserved, 'google_compute_resource_policy')).toHaveLength(0);
    expect(resources(reserved, 'google_compute_instance_template')[0].resource_policies).toBeUndefined();
    // on demand, several nodes are still co-located
    expect(resources(fleetDoc(type, { nodes: 4 }), 'google_compute_resource_policy')).toHaveLength(1);
  });

  test('a3-edgegpu-8g: 1 gVNIC + 4 GPU NICs at 100% of the published 600 Gbps', () => {
    const doc = fleetDoc('a3-edgegpu-8g');
    expect(resources(doc, 'google_compute_instance_template')[0].network_interface).toHaveLength(5);
    const f = factsOf(doc).fleets[0];
    expect([f.configuredGbps, f.maxGbps]).toEqual([600, 600]);
  });

  test('x86 types keep the Deep Learning VM image', () => {
    expect(resources(fleetDoc('a3-megagpu-8g'), 'google_compute_instance_template')[0].disk[0].source_image)
      .toBe('projects/deeplearning-platform-release/global/images/family/common-cu128-ubuntu-2204-nvidia-570');
  });
});
