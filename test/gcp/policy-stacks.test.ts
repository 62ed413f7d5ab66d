import { fleetDoc, network, resources, synth } from './util';
import { StorageEncryption, TerraformPolicyChecks, gcp } from '../../src';

const findings = (doc: any) => TerraformPolicyChecks.check(doc).findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

describe('Terraform policy checks on the Google Cloud constructs beyond the demo', () => {
  test.each(['a3-highgpu-8g', 'a3-megagpu-8g', 'a3-ultragpu-8g', 'a4-highgpu-8g'])('a %s fleet and its network pass every rule', (type) => {
    expect(findings(fleetDoc(type))).toEqual([]);
  });

  test('GPU subnets carry Private Google Access and sampled flow logs; RoCE subnets (whose profile has neither) do not', () => {
    const subnets = resources(fleetDoc('a3-ultragpu-8g'), 'google_compute_subnetwork');
    const gpu = subnets.filter((s) => /-gpu-\d$|-host-1$/.test(s.name));
    expect(gpu.length).toBeGreaterThan(0);
    for (const s of gpu) {
      expect(s).toMatchObject({ private_ip_google_access: true, log_config: { aggregation_interval: 'INTERVAL_10_MIN', flow_sampling: 0.1, metadata: 'EXCLUDE_ALL_METADATA' } });
    }
    const rdma = subnets.filter((s) => /-rdma-\d$/.test(s.name));
    expect(rdma).toHaveLength(8);
    for (const s of rdma) expect([s.private_ip_google_access, s.log_config]).toEqual([undefined, undefined]);
  });

  test('control: a GPU subnet without flow logs is flagged by GCP-NET-1', () => {
    const doc = fleetDoc('a3-megagpu-8g');
    const [name, subnet] = Object.entries<any>(doc.resource.google_compute_subnetwork).find(([, s]) => /-gpu-0$/.test(s.name))!;
    delete subnet.log_config;
    expect(findings(doc)).toEqual([`GCP-NET-1 google_compute_subnetwork.${name}: flow logs are off`]);
  });

  test('customer-managed storage, a Model Garden endpoint and a peered endpoint with its own key pass every rule', () => {
    const doc = synth((s) => {
      const net = network(s);
      new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4', encryption: StorageEncryption.CUSTOMER_MANAGED, expectedDataTiB: 10 });
      new gcp.ModelEndpoint(s, 'Garden', { network: net, modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false, dataCapturePercent: 0 });
      new gcp.ModelEndpoint(s, 'Peered', {
        network: net, connectivity: gcp.EndpointConnectivity.VPC_PEERING, loggingKmsKeyName: 'projects/my-project/locations/us-east4/keyRings/r/cryptoKeys/k',
      });
    });
    expect(findings(doc)).toEqual([]);
  });
});
