import { AwsNetworkModel } from './aws-model';
import { clone, synthDemoStacks } from './model';

// the three demo stacks, synthesized once for this file as the demo builds them
const stacks = synthDemoStacks('aws');

describe.each(stacks.map((s) => [s.name, s] as const))('AWS reachability: %s', (_name, stack) => {
  const model = new AwsNetworkModel(stack.document);

  test('fleet nodes reach the bucket, the image registry and logs over HTTPS', () => {
    expect(model.canReach('fleet', 'bucket', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/S3 gateway endpoint/) });
    expect(model.canReach('fleet', 'registry', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/ecr\.api via .*ecr\.dkr via/) });
    expect(model.canReach('fleet', 'logs', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/logs via/) });
  });

  test('fleet nodes reach each other on all traffic (EFA: all traffic in and out to the group itself), and only each other', () => {
    const v = model.canReach('fleet', 'fleetPeer', 0, 'all');
    expect(v.reachable).toBe(true);
    expect(v.reason).toMatch(/egress .*ALLTRAFFIC.*ingress .*ALLTRAFFIC/);
    expect(model.fleetIngressFromOutside()).toEqual([]);
  });

  test('the endpoint container reaches its model data, the image registry and logs', () => {
    // on the code before 4fc5978 these fail with "endpoint container cannot reach model data: ... no egress rule of
    // NetworkEndpointSecurityGroup... allows tcp/443 to the S3 prefix list"
    expect(model.canReach('endpointContainer', 'modelData', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/egress ServingModelSecurityGroup.*S3 gateway endpoint/) });
    expect(model.canReach('endpointContainer', 'registry', 443, 'tcp')).toMatchObject({ reachable: true });
    expect(model.canReach('endpointContainer', 'logs', 443, 'tcp')).toMatchObject({ reachable: true });
  });

  test('nothing more: no ingress from anywhere, no route to the internet (no strategy asks for internet egress)', () => {
    expect(model.openIngress()).toEqual([]);
    expect(model.canReach('fleet', 'internet', 443, 'tcp')).toMatchObject({ reachable: false, reason: expect.stringMatching(/no default route/) });
    expect(model.canReach('endpointContainer', 'internet', 443, 'tcp').reachable).toBe(false);
    // the endpoint container is not a fleet member
    expect(model.canReach('endpointContainer', 'fleetPeer', 0, 'all').reachable).toBe(false);
  });

  const lustre = stack.document.Metadata['ai-infra'].constructs.find((c: any) => c.kind === 'TieredStorage').resources.lustre;
  (lustre ? test : test.skip)('Lustre clients (the fleet) reach the file system on TCP 988 and 1018-1023, and the serving container does not', () => {
    expect(model.lustrePortsBlocked()).toEqual([]);
    // nothing more: the file system admits only the fleet and its own file servers
    expect(model.lustreIngressFromOutside()).toEqual([]);
    expect(model.canReach('fleet', 'lustre', 2049, 'tcp').reachable).toBe(false);
    expect(model.canReach('endpointContainer', 'lustre', 988, 'tcp').reachable).toBe(false);
  });
});

describe('AWS reachability: the demo stacks', () => {
  test('three scenarios: hybrid, cloud-first and edge-centric; Lustre in the cloud-first one', () => {
    expect(stacks.map((s) => s.strategy)).toEqual(['hybrid', 'cloud-first', 'edge-centric']);
    expect(stacks.filter((s) => new AwsNetworkModel(s.document).lustre() !== undefined).map((s) => s.strategy)).toEqual(['cloud-first']);
  });

  test('edge-centric: the Greengrass role reads its component artifact', () => {
    const edge = stacks.find((s) => s.strategy === 'edge-centric')!;
    expect(new AwsNetworkModel(edge.document).canReach('edge', 'modelData', 443, 'tcp'))
      .toMatchObject({ reachable: true, reason: expect.stringMatching(/models\/edge\/model\.onnx readable by EdgeTokenExchangeRole/) });
  });
});

describe('AWS reachability: the model finds broken networks (negative controls)', () => {
  const base = stacks.find((s) => s.strategy === 'cloud-first')!.document;
  const manifest = (doc: any, kind: string) => doc.Metadata['ai-infra'].constructs.find((c: any) => c.kind === kind).resources;

  test('the SageMaker defect fixed in 4fc5978: a model in the interface endpoints\' group (egress "disallow all") cannot reach its model data nor pull its image', () => {
    // the old code's shape: the model's VpcConfig used the cluster network's endpoint security group
    const doc = clone(base);
    const endpointSg = manifest(doc, 'ClusterNetwork').endpointSecurityGroup;
    const model = manifest(doc, 'ModelEndpoint').model;
    doc.Resources[model].Properties.VpcConfig.SecurityGroupIds = [{ 'Fn::GetAtt': [endpointSg, 'GroupId'] }];
    delete doc.Resources[manifest(doc, 'ModelEndpoint').securityGroup];
    const m = new AwsNetworkModel(doc);
    expect(m.canReach('endpointContainer', 'modelData', 443, 'tcp')).toEqual({
      reachable: false,
      reason: `endpoint container cannot reach model data: endpoint container ${model} cannot reach S3: no egress rule of ${endpointSg} allows tcp/443 to the S3 prefix list`,
    });
    expect(m.canReach('endpointContainer', 'registry', 443, 'tcp').reason).toMatch(/^endpoint container cannot reach the image registry: .*no egress rule of/);
    expect(m.canReach('endpointContainer', 'logs', 443, 'tcp').reachable).toBe(false);
    // and on the synthesized (fixed) template the same questions pass
    expect(new AwsNetworkModel(base).canReach('endpointContainer', 'modelData', 443, 'tcp').reachable).toBe(true);
  });

  test('removing the S3 gateway endpoint\'s route from the cluster subnet\'s table cuts the fleet off the bucket and the registry', () => {
    const doc = clone(base);
    const gw = doc.Resources[manifest(doc, 'ClusterNetwork').s3Endpoint].Properties;
    const m0 = new AwsNetworkModel(doc);
    const clusterSubnet = manifest(doc, 'ClusterNetwork').clusterSubnet;
    const table = (m0 as any).routeTableOf(clusterSubnet);
    gw.RouteTableIds = gw.RouteTableIds.filter((t: any) => t.Ref !== table);
    const m = new AwsNetworkModel(doc);
    expect(m.canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(new RegExp(`subnet ${clusterSubnet}'s route table ${table} is not one of the S3 gateway endpoint's route tables`));
    expect(m.canReach('fleet', 'registry', 443, 'tcp').reachable).toBe(false);
    // the serving container's subnets keep the route
    expect(m.canReach('endpointContainer', 'modelData', 443, 'tcp').reachable).toBe(true);
  });

  test('an EFA group with a port-limited self rule fails the all-traffic check; an open ingress rule is reported', () => {
    const doc = clone(base);
    const efa = manifest(doc, 'ClusterNetwork').efaSecurityGroup;
    for (const x of Object.values<any>(doc.Resources)) {
      if (x.Type === 'AWS::EC2::SecurityGroupIngress' && x.Properties.GroupId['Fn::GetAtt']?.[0] === efa && x.Properties.IpProtocol === '-1') {
        Object.assign(x.Properties, { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 });
      }
    }
    doc.Resources[efa].Properties.SecurityGroupIngress = [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Description: 'ssh' }];
    const m = new AwsNetworkModel(doc);
    expect(m.canReach('fleet', 'fleetPeer', 0, 'all').reason).toMatch(new RegExp(`no ingress rule of ${efa} admits all/\\* from fleet`));
    expect(m.openIngress()).toEqual([`${efa} inline ingress 0 (ssh)`]);
    expect(m.fleetIngressFromOutside()).toEqual([`${efa} inline ingress 0 (ssh) from 0.0.0.0/0`]);
  });

  test('a Lustre group without 1018-1023 blocks those ports, a VPC-wide Lustre rule is reported; an interface endpoint without private DNS is not a path', () => {
    const doc = clone(base);
    for (const [id, x] of Object.entries<any>(doc.Resources)) {
      if (x.Type === 'AWS::EC2::SecurityGroupIngress' && x.Properties.FromPort === 1018) delete doc.Resources[id];
    }
    const logs = manifest(doc, 'ClusterNetwork').interfaceEndpoints.find((e: string) => doc.Resources[e].Properties.ServiceName.endsWith('.logs'));
    doc.Resources[logs].Properties.PrivateDnsEnabled = false;
    const lustreSg = manifest(doc, 'TieredStorage').lustre;
    doc.Resources[doc.Resources[lustreSg].Properties.SecurityGroupIds[0]['Fn::GetAtt'][0]].Properties.SecurityGroupIngress = [{ CidrIp: '10.40.0.0/16', IpProtocol: 'tcp', FromPort: 988, ToPort: 988 }];
    const m = new AwsNetworkModel(doc);
    expect(m.lustreIngressFromOutside()).toEqual([expect.stringMatching(/inline ingress 0 \(\) from 10\.40\.0\.0\/16$/)]);
    expect(m.lustrePortsBlocked()).toHaveLength(6);
    expect(m.canReach('fleet', 'lustre', 988, 'tcp').reachable).toBe(true);
    expect(m.canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/has no private DNS/);
  });

  test('a default route to a NAT gateway shows as internet egress', () => {
    const doc = clone(base);
    const m0 = new AwsNetworkModel(doc);
    const table = (m0 as any).routeTableOf(manifest(doc, 'ClusterNetwork').clusterSubnet);
    doc.Resources.TestNat = { Type: 'AWS::EC2::NatGateway', Properties: {} };
    doc.Resources.TestDefault = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: table }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'TestNat' } } };
    expect(new AwsNetworkModel(doc).canReach('fleet', 'internet', 443, 'tcp').reachable).toBe(true);
  });
});
