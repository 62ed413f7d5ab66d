import { GcpNetworkModel } from './gcp-model';
import { clone, synthDemoStacks } from './model';

// the three demo stacks, synthesized once for this file as the demo builds them
const stacks = synthDemoStacks('gcp');
const onPremises = (s: { scenario: string }) => s.scenario === 'regulated-records';

describe.each(stacks.map((s) => [s.name, s] as const))('Google Cloud reachability: %s', (_name, stack) => {
  const model = new GcpNetworkModel(stack.document);

  test('fleet nodes reach Cloud Storage, Artifact Registry and Cloud Logging over HTTPS through Private Google Access', () => {
    for (const d of ['bucket', 'registry', 'logs'] as const) {
      expect(model.canReach('fleet', d, 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/implied allow-egress.*Private Google Access on google_compute_subnetwork\.Network_HostSubnet.*default route/) });
    }
    expect(model.canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(/roles\/storage\.objectUser on google_storage_bucket\.Data_Bucket_80AFC3B6/);
  });

  test('fleet nodes reach each other on every interface\'s network (all protocols on the GPU fabric networks)', () => {
    expect(model.canReach('fleet', 'fleetPeer', 443, 'tcp').reachable).toBe(true);
    expect(model.canReach('fleet', 'fleetPeer', 50000, 'udp').reachable).toBe(true);
    const nics = model.fleet()!.nics;
    if (nics.length > 1) {
      // the host network admits TCP, UDP and ICMP from the VPC (not every protocol); GPUDirect runs on the fabric
      // networks, which admit all protocols from the fabric subnet itself
      expect(model.canReach('fleet', 'fleetPeer', 0, 'all')).toMatchObject({ reachable: false, reason: expect.stringMatching(/ingress all\/\* from 10\.40\.0\.0\/16 denied by google_compute_firewall\.Network_DenyIngress_B0C10150/) });
      for (const nic of nics.slice(1)) {
        expect(model.evaluate({ network: nic.network, direction: 'INGRESS', peer: nic.cidr, protocol: 'all', port: 0, tags: [] }).reachable).toBe(true);
      }
    }
  });

  test('the serving container (Vertex AI, managed) reaches its model, image and logs; only Private Service Connect reaches it', () => {
    for (const d of ['modelData', 'registry', 'logs'] as const) expect(model.canReach('endpointContainer', d, 443, 'tcp').reachable).toBe(true);
    expect(model.endpointAccess()).toMatchObject({ reachable: true, reason: expect.stringMatching(/Private Service Connect only, projects \["[a-z-]+-ml"\]/) });
  });

  test('nothing more: no ingress from anywhere, no internet egress, fleet ingress only from itself (and the declared site)', () => {
    expect(model.openIngress()).toEqual([]);
    expect(model.canReach('fleet', 'internet', 443, 'tcp')).toEqual({ reachable: false, reason: 'fleet has no external address and no Cloud NAT serves its subnet' });
    expect(model.fleetIngressFromOutside()).toEqual(onPremises(stack) ? ['google_compute_firewall.Network_AllowOnPremises_72B13B88 from 172.16.0.0/16'] : []);
    // an address outside the network meets the deny-ingress rule
    const host = model.fleet()!.nics[0];
    expect(model.evaluate({ network: host.network, direction: 'INGRESS', peer: '198.51.100.7', protocol: 'tcp', port: 22, tags: [] }).reason)
      .toMatch(/denied by google_compute_firewall\.Network_DenyIngress_B0C10150 \(priority 65534\)/);
  });
});

describe('Google Cloud reachability: the demo stacks', () => {
  test('three scenarios; the edge-centric one\'s edge cluster pulls from its Artifact Registry repository', () => {
    expect(stacks.map((s) => s.strategy)).toEqual(['hybrid', 'cloud-first', 'edge-centric']);
    const edge = new GcpNetworkModel(stacks[2].document);
    expect(edge.canReach('edge', 'registry', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/EdgeCluster pulls from .*EdgeImages \(DOCKER/) });
    expect(new GcpNetworkModel(stacks[1].document).canReach('edge', 'registry', 443, 'tcp').reachable).toBe(false);
  });
});

describe('Google Cloud reachability: the model finds broken networks (negative controls)', () => {
  const base = stacks.find((s) => s.strategy === 'cloud-first')!.document;
  const hostNetwork = '${google_compute_network.Network_HostNetwork_6116D5EF.id}';

  test('a deny-all egress firewall (what deleting the egress allowance amounts to) cuts the fleet off Google APIs', () => {
    const doc = clone(base);
    doc.resource.google_compute_firewall.TestDenyEgress = { name: 'deny-egress', network: hostNetwork, direction: 'EGRESS', priority: 65000, deny: [{ protocol: 'all' }], destination_ranges: ['0.0.0.0/0'] };
    const m = new GcpNetworkModel(doc);
    expect(m.canReach('fleet', 'bucket', 443, 'tcp').reason).toBe('fleet cannot reach Cloud Storage: egress tcp/443 to 142.250.0.1 denied by google_compute_firewall.TestDenyEgress (priority 65000)');
    // an allow rule for Google's ranges at a lower priority number wins over it
    doc.resource.google_compute_firewall.TestAllowApis = { name: 'allow-apis', network: hostNetwork, direction: 'EGRESS', priority: 1000, allow: [{ protocol: 'tcp', ports: ['443'] }], destination_ranges: ['142.250.0.0/15'] };
    expect(new GcpNetworkModel(doc).canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(/allowed by google_compute_firewall\.TestAllowApis/);
  });

  test('the path alone is not access: without the bucket grant or the log writer role the fleet cannot use them', () => {
    const doc = clone(base);
    delete doc.resource.google_storage_bucket_iam_member.Data_ReadWriteGrante5693fa9_E1FE2B33;
    delete doc.resource.google_project_iam_member.Training_RolelogWriter_A5F0C036;
    const m = new GcpNetworkModel(doc);
    expect(m.canReach('fleet', 'bucket', 443, 'tcp').reason).toBe('fleet cannot use google_storage_bucket.Data_Bucket_80AFC3B6: no IAM grant to serviceAccount:${google_service_account.Training_ServiceAccount_81358374.email}');
    expect(m.canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/no roles\/logging\.logWriter/);
  });

  test('without Private Google Access, or without the default route, Google APIs are out of reach', () => {
    const noPga = clone(base);
    noPga.resource.google_compute_subnetwork.Network_HostSubnet_AB5B3797.private_ip_google_access = false;
    expect(new GcpNetworkModel(noPga).canReach('fleet', 'registry', 443, 'tcp').reason).toMatch(/has no Private Google Access/);
    const noRoute = clone(base);
    noRoute.resource.google_compute_network.Network_HostNetwork_6116D5EF.delete_default_routes_on_create = true;
    expect(new GcpNetworkModel(noRoute).canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/has no route to the default internet gateway/);
  });

  test('a fabric network without its allow-internal rule stops the collectives; an open rule is reported', () => {
    const doc = clone(base);
    delete doc.resource.google_compute_firewall.Network_Gpu3AllowInternal_D869DF81;
    doc.resource.google_compute_firewall.TestOpen = { name: 'open', network: hostNetwork, direction: 'INGRESS', priority: 900, allow: [{ protocol: 'tcp', ports: ['22'] }], source_ranges: ['0.0.0.0/0'] };
    const m = new GcpNetworkModel(doc);
    expect(m.canReach('fleet', 'fleetPeer', 443, 'tcp').reason).toMatch(/ingress tcp\/443 from 192\.168\.3\.0\/24 denied by the implied deny-ingress rule/);
    expect(m.openIngress()).toEqual(['google_compute_firewall.TestOpen']);
    expect(m.fleetIngressFromOutside()).toEqual(['google_compute_firewall.TestOpen from 0.0.0.0/0']);
  });

  test('a Vertex AI endpoint without Private Service Connect is public', () => {
    const doc = clone(base);
    delete doc.resource.google_vertex_ai_endpoint.Serving_Endpoint_C149CBA2.private_service_connect_config;
    expect(new GcpNetworkModel(doc).endpointAccess().reachable).toBe(false);
  });
});
