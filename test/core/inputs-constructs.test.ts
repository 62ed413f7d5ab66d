import { App, Stack } from 'aws-cdk-lib';
import { Testing, TerraformStack } from 'cdktf';
import * as src from '../../src';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

/**
 * Every public construct and platform stack given null, missing, NaN, infinite or wrong-shaped props, one prop at a
 * time: the library's error naming the path and the property, never a TypeError.
 */
const KINDS = ['ClusterNetwork', 'GpuFleet', 'TieredStorage', 'ModelEndpoint', 'PlatformMonitoring'];
const CLOUDS = [['aws', src.aws, false], ['gcp', src.gcp, true], ['azure', src.azure, true]] as const;
const WHERE: Record<string, object> = {
  aws: {},
  gcp: { project: 'demo-project', region: 'us-east4', location: 'us-east4' },
  azure: { resourceGroupName: 'rg', location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY },
};
const KEYS = ['instanceType', 'network', 'fleet', 'endpoint', 'storage', 'alertEmail', 'tiers', 'prefixes', 'cidr', 'zones', 'nodes', 'purchase',
  'scaleToZero', 'project', 'region', 'location', 'resourceGroupName', 'mode', 'minInstances', 'image', 'onPremisesCidrs', 'replication', 'redundancy', 'encryption'];
const ODD: unknown[] = [null, Number.NaN, Infinity, {}, [], 5];

/** Runs `build`; returns why it is not acceptable (a TypeError, another error), or undefined. */
function crash(label: string, build: () => void): string | undefined {
  try {
    build();
  } catch (e) {
    if (!(e instanceof Error) || e instanceof TypeError || !e.message.startsWith('[ai-infra]') || !/\n {2}- [\w.[\]() ']+ = .*: allowed: /.test(e.message)) {
      return `${label}: ${e instanceof Error ? `${e.constructor.name}: ${e.message.split('\n')[0]}` : String(e)}`;
    }
  }
  return undefined;
}

test.each(CLOUDS)('%s constructs: null, missing and wrong-shaped props are the library\'s error', (cloud, ns, terraform) => {
  const crashes: string[] = [];
  const stack = () => (terraform ? new TerraformStack(Testing.app(), 'c') : new Stack(new App(), 'c'));
  const fleetType = src.InstanceType.all().find((t) => t.cloud === cloud);
  for (const kind of KINDS) {
    for (const props of [undefined, null, Number.NaN, [], 'x']) {
      crashes.push(crash(`${cloud}.${kind}(${String(props)})`, () => new (ns as any)[kind](stack(), 'X', props)) ?? '');
    }
    for (const key of KEYS) {
      for (const v of ODD) {
        crashes.push(crash(`${cloud}.${kind}({ ${key}: ${String(v)} })`, () => new (ns as any)[kind](stack(), 'X', {
          ...WHERE[cloud], instanceType: kind === 'GpuFleet' ? fleetType : undefined, [key]: v,
        })) ?? '');
      }
    }
  }
  expect(crashes.filter((c) => c)).toEqual([]);
});

test('platform stacks: null or missing props and selections are the library\'s error', () => {
  const selection = src.StrategySelector.select({ dataSensitivity: src.DataSensitivity.LOW, workloadPattern: src.WorkloadPattern.STEADY, latencyBudgetMs: 100, trainingGpus: 8 });
  const base: Record<string, any> = {
    AwsPlatformStack: { selection, project: 'lab-one', workload: 'ft' },
    GcpPlatformStack: { selection, project: 'lab-one', workload: 'ft', gcpProject: 'demo-project', region: 'us-east4' },
    AzurePlatformStack: { selection, project: 'lab-one', workload: 'ft', location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY },
  };
  const crashes: string[] = [];
  for (const [kind, props] of Object.entries(base)) {
    const app = (): any => (kind === 'AwsPlatformStack' ? new App() : Testing.app());
    expect(() => new (src as any)[kind](app(), 'ok', props)).not.toThrow(); // the base case is valid: each case below changes one thing
    for (const p of [undefined, null, 5, []]) crashes.push(crash(`${kind}(${String(p)})`, () => new (src as any)[kind](app(), 'c', p)) ?? '');
    for (const key of [...Object.keys(props), 'alertEmail', 'onPremises', 'zone', 'resourceGroupName', 'edgeNodeLocation']) {
      for (const v of [undefined, ...ODD, '']) {
        crashes.push(crash(`${kind}({ ${key}: ${String(v)} })`, () => new (src as any)[kind](app(), 'c', { ...props, [key]: v })) ?? '');
      }
    }
  }
  expect(crashes.filter((c) => c)).toEqual([]);
});

test('the errors name the property', () => {
  expect(() => new src.gcp.PlatformMonitoring(new TerraformStack(Testing.app(), 'c'), 'Monitoring', { fleet: undefined } as any))
    .toThrow(/PlatformMonitoring 'c\/Monitoring': invalid properties\n {2}- fleet = undefined: allowed: a GpuFleet of this cloud\n {2}- endpoint = undefined/);
  expect(() => new src.azure.ClusterNetwork(new TerraformStack(Testing.app(), 'c'), 'Net', null as any))
    .toThrow(/ClusterNetwork 'c\/Net': invalid property\n {2}- props = null: allowed: an object of ClusterNetwork properties/);
  expect(() => new src.AwsPlatformStack(new App(), 'P', { project: 'p', workload: 'w' } as any))
    .toThrow(/PlatformPlan 'P': invalid property\n {2}- selection = undefined: allowed: the Selection from StrategySelector.select/);
});
