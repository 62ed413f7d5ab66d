import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { withNetwork } from './util';
import { AwsPlatformStack, Cloud, EndpointMode, ModelEndpointSpec, StrategySelector, aws } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';

/** The statements of the managed policy attached to the role whose logical id starts with `rolePrefix`. */
function statementsOf(t: Template, rolePrefix: string): any[] {
  const policies = Object.values<any>(t.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => p.Properties.Roles.some((r: any) => String(r.Ref).startsWith(rolePrefix)));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}
const list = (v: any): any[] => (Array.isArray(v) ? v : [v]);
/** The object-key pattern of an `arn:...:bucket/pattern` resource rendered as Fn::Join. */
function keyPattern(resource: any): string | undefined {
  const parts = resource?.['Fn::Join']?.[1];
  return Array.isArray(parts) && typeof parts[parts.length - 1] === 'string' && parts[parts.length - 1].startsWith('/') ? parts[parts.length - 1].slice(1) : undefined;
}
/** Object-key patterns the statements allow `action` on. */
function objectPatterns(statements: any[], action: string): string[] {
  return statements.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action))
    .flatMap((s) => list(s.Resource).map(keyPattern).filter((k): k is string => k !== undefined)).sort();
}

describe('least privilege: the training fleet on the platform bucket', () => {
  const s = DEFAULT_SCENARIOS.find((x) => x.name === 'bursty-research')!;
  const t = Template.fromStack(new AwsPlatformStack(new App(), 'Platform', { ...s.platform, selection: StrategySelector.select(s.requirements) }));
  const statements = statementsOf(t, 'TrainingInstanceRole');

  test('deletes only its checkpoints (never captured inference data or models)', () => {
    expect(objectPatterns(statements, 's3:DeleteObject')).toEqual(['checkpoints/*']);
  });

  test('writes only its checkpoints and new models', () => {
    expect(objectPatterns(statements, 's3:PutObject')).toEqual(['checkpoints/*', 'models/*']);
  });

  test('reads datasets, captured data (for retraining) and its checkpoints, nothing else', () => {
    expect(objectPatterns(statements, 's3:GetObject')).toEqual(['checkpoints/*', 'data-capture/*', 'datasets/*']);
  });

  test('the endpoint still writes captured data and reads its model', () => {
    const endpoint = statementsOf(t, 'ServingExecutionRole');
    expect(objectPatterns(endpoint, 's3:PutObject')).toEqual(['data-capture/*']);
    expect(objectPatterns(endpoint, 's3:GetObject')).toEqual(['models/model.tar.gz']);
    expect(objectPatterns(endpoint, 's3:DeleteObject')).toEqual([]);
  });
});

describe('least privilege: the SageMaker execution role\'s network-interface actions', () => {
  const { stack, network } = withNetwork();
  const storage = new aws.TieredStorage(stack, 'Data');
  const e = new aws.ModelEndpoint(stack, 'Serving', { storage, network, modelArtifact: 'models/model.tar.gz' });
  const t = Template.fromStack(stack);
  const statements = statementsOf(t, 'ServingExecutionRole');
  const withAction = (a: string) => statements.filter((st) => list(st.Action).includes(a));

  test('no network-interface action that takes a resource is allowed on *', () => {
    for (const a of ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface']) {
      expect(withAction(a).length).toBeGreaterThan(0);
      for (const st of withAction(a)) expect(list(st.Resource)).not.toContain('*');
    }
  });

  test('interfaces are created in the private subnets with the model\'s own security group', () => {
    const create = withAction('ec2:CreateNetworkInterface').find((st) => st.Condition === undefined)!;
    const resources = JSON.stringify(stack.resolve(create.Resource));
    for (const subnet of network.privateSubnets) expect(resources).toContain(JSON.stringify(stack.resolve(subnet.subnetId)));
    expect(resources).toContain(JSON.stringify(stack.resolve(e.securityGroup!.securityGroupId)));
    expect(resources).toContain(':security-group/');
    expect(resources).toContain(':subnet/');
  });

  test('the interface actions are limited to interfaces in this VPC (ec2:Vpc)', () => {
    const onEni = statements.find((st) => list(st.Action).includes('ec2:DeleteNetworkInterface'))!;
    expect(list(onEni.Action).sort()).toEqual(['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface']);
    expect(JSON.stringify(onEni.Resource)).toContain(':network-interface/*');
    expect(JSON.stringify(onEni.Condition.ArnEquals['ec2:Vpc'])).toContain(JSON.stringify(stack.resolve(network.vpc.vpcId)));
  });

  test('Describe* (and DeleteNetworkInterfacePermission, keyed by a permission id) stay on *, as EC2 requires', () => {
    const star = statements.find((st) => list(st.Action).includes('ec2:DescribeSubnets'))!;
    expect(star.Resource).toBe('*');
    expect(list(star.Action).every((a: string) => a.startsWith('ec2:Describe') || a === 'ec2:DeleteNetworkInterfacePermission')).toBe(true);
  });

  test('a serverless endpoint (no VPC) gets no EC2 permissions at all', () => {
    const s2 = withNetwork();
    new aws.ModelEndpoint(s2.stack, 'Serving', { storage: new aws.TieredStorage(s2.stack, 'Data'), network: s2.network, mode: EndpointMode.SERVERLESS, modelArtifact: 'models/model.tar.gz' });
    const st = statementsOf(Template.fromStack(s2.stack), 'ServingExecutionRole');
    expect(st.flatMap((x) => list(x.Action)).filter((a: string) => a.startsWith('ec2:'))).toEqual([]);
  });
});

describe('network isolation on by default for AWS real-time and async endpoints', () => {
  const model = (props: any) => {
    const { stack, network } = withNetwork();
    new aws.ModelEndpoint(stack, 'Serving', { storage: new aws.TieredStorage(stack, 'Data'), network, modelArtifact: 'models/model.tar.gz', ...props });
    return Template.fromStack(stack);
  };

  test.each([['realtime', {}], ['async', { mode: EndpointMode.ASYNC }]])('%s: EnableNetworkIsolation true when unset', (_n, props) => {
    model(props).hasResourceProperties('AWS::SageMaker::Model', { EnableNetworkIsolation: true });
  });

  test('explicit false is honoured', () => {
    model({ networkIsolation: false }).hasResourceProperties('AWS::SageMaker::Model', { EnableNetworkIsolation: false });
  });

  test('serverless: the default is off and is no error (Serverless Inference does not support it)', () => {
    model({ mode: EndpointMode.SERVERLESS }).hasResourceProperties('AWS::SageMaker::Model', { EnableNetworkIsolation: false, VpcConfig: Match.absent() });
  });

  test('the neutral default stays off on the clouds without the setting', () => {
    const spec = new ModelEndpointSpec({});
    expect(spec.networkIsolationFor(Cloud.AWS)).toBe(true);
    expect(spec.networkIsolationFor(Cloud.GCP)).toBe(false);
    expect(spec.networkIsolationFor(Cloud.AZURE)).toBe(false);
    // mode is aws.ModelEndpointProps' own; the spec resolves it when the props carry it
    expect(new ModelEndpointSpec({ mode: EndpointMode.SERVERLESS } as aws.ModelEndpointProps).networkIsolationFor(Cloud.AWS)).toBe(false);
  });
});
