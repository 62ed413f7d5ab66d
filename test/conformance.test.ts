/**
 * Conformance: one neutral spec through all three clouds. Every neutral setting (every prop of the core
 * `*SpecProps` interfaces) is either rendered by a cloud (the synthesized output differs from the defaults) or
 * refused by it (the library's error names the construct path and the property). A setting a cloud reads and
 * then drops would leave the output unchanged and fail here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Testing, TerraformStack } from 'cdktf';
import {
  aws, azure, EndpointAuth, EndpointMode, EndpointScaling, gcp, GpuFleetSpec, HighThroughputTier, InstanceType, PurchaseOption,
  StorageEncryption, StorageRedundancy, StorageTierClass,
} from '../src';
import { ROOT } from './helpers';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../src/demo/scenarios';

type Kind = 'ClusterNetwork' | 'GpuFleet' | 'TieredStorage' | 'ModelEndpoint';
type CloudId = 'aws' | 'gcp' | 'azure';

const FLEET_TYPE: Record<CloudId, InstanceType> = {
  aws: InstanceType.P5_48XLARGE,
  gcp: InstanceType.A3_MEGAGPU_8G,
  azure: InstanceType.STANDARD_ND96ISR_H100_V5,
};
/** A second serving type per cloud (instanceType is a neutral setting too). */
const OTHER_SERVING: Record<CloudId, string> = { aws: 'ml.g6.xlarge', gcp: 'n1-standard-8', azure: 'Standard_NC24ads_A100_v4' };

/**
 * The model each endpoint serves unless a case sets another: with one, every endpoint setting renders (without one
 * an endpoint is pending and the sizing settings have no model to apply to).
 */
const MODEL_ARTIFACT: Record<CloudId, string> = {
  aws: 'models/model.tar.gz', gcp: 'gs://my-models/model', azure: 'azureml://registries/azureml/models/bert/versions/1',
};
const OTHER_ARTIFACT: Record<CloudId, string> = {
  aws: 's3://other-models/model.tar.gz', gcp: 'gs://other-models/model', azure: 'azureml://registries/azureml/models/bert/versions/2',
};

/** Synthesizes one construct of `kind` on `cloud` with the neutral `props` (and what the cloud needs around it). */
function synth(cloud: CloudId, kind: Kind, given: Record<string, any>): string {
  const props = kind === 'ModelEndpoint' ? { modelArtifact: MODEL_ARTIFACT[cloud], ...given } : given;
  const fleetSpec = (extra: Record<string, any> = {}) => new GpuFleetSpec({ instanceType: FLEET_TYPE[cloud], nodes: 2, ...extra } as any);
  if (cloud === 'aws') {
    const stack = new Stack(new App(), 'Conformance', { env: { region: 'us-east-1', account: '111122223333' } });
    const fleetProps = kind === 'GpuFleet' ? props : {};
    const network = new aws.ClusterNetwork(stack, 'Network', kind === 'ClusterNetwork' ? props : { fleet: fleetSpec(fleetProps) });
    if (kind === 'GpuFleet') new aws.GpuFleet(stack, 'Fleet', { instanceType: FLEET_TYPE.aws, nodes: 2, ...props, network } as any);
    if (kind === 'TieredStorage') new aws.TieredStorage(stack, 'Data', { ...props, network } as any);
    if (kind === 'ModelEndpoint') {
      const storage = new aws.TieredStorage(stack, 'Data', { network });
      const endpoint = new aws.ModelEndpoint(stack, 'Serving', { ...props, storage, network } as any);
      // privateOnly shows in who may invoke (SageMaker endpoints take no resource policy)
      endpoint.grantInvoke(new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }));
    }
    return JSON.stringify(Template.fromStack(stack).toJSON());
  }
  const stack = new TerraformStack(Testing.app(), 'conformance');
  if (cloud === 'gcp') {
    const where = { project: 'my-project', region: 'us-east4' };
    const fleetProps = kind === 'GpuFleet' ? props : {};
    const network = new gcp.ClusterNetwork(stack, 'Network', kind === 'ClusterNetwork' ? { ...where, ...props } as any : { ...where, fleet: fleetSpec(fleetProps) });
    if (kind === 'GpuFleet') new gcp.GpuFleet(stack, 'Fleet', { instanceType: FLEET_TYPE.gcp, nodes: 2, ...props, network } as any);
    if (kind === 'TieredStorage') new gcp.TieredStorage(stack, 'Data', { project: where.project, location: where.region, ...props } as any);
    if (kind === 'ModelEndpoint') new gcp.ModelEndpoint(stack, 'Serving', { ...props, network } as any);
  } else {
    const where = { resourceGroupName: 'rg-ml', location: 'eastus' };
    const fleetProps = kind === 'GpuFleet' ? props : {};
    const network = new azure.ClusterNetwork(stack, 'Network', kind === 'ClusterNetwork' ? { ...where, ...props } as any : { ...where, fleet: fleetSpec(fleetProps) });
    if (kind === 'GpuFleet') {
      new azure.GpuFleet(stack, 'Fleet', { instanceType: FLEET_TYPE.azure, nodes: 2, ...props, network, adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY } as any);
    }
    if (kind === 'TieredStorage') new azure.TieredStorage(stack, 'Data', { ...where, ...props } as any);
    if (kind === 'ModelEndpoint') new azure.ModelEndpoint(stack, 'Serving', { ...props, network } as any);
  }
  return Testing.synth(stack);
}

/** One non-default value per neutral setting (a value the cloud could render, where one exists). */
const CASES: Record<Kind, Record<string, (cloud: CloudId) => any>> = {
  ClusterNetwork: {
    cidr: () => '10.50.0.0/16',
    internetEgress: () => true,
    flowLogs: () => false,
    // a fleet that needs more than the /24 the cluster subnet starts at (Google Cloud: GPU networks too)
    fleet: (c) => ({
      aws: new GpuFleetSpec({ instanceType: InstanceType.G6_XLARGE, nodes: 200 }),
      gcp: new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 4 }),
      azure: new GpuFleetSpec({ instanceType: InstanceType.STANDARD_NC24ADS_A100_V4, nodes: 200 }),
    })[c],
    // room for 300 nodes: a /22 cluster subnet on every cloud
    maxFleetNodes: () => 300,
    onPremisesCidrs: () => ['192.168.0.0/16'],
  },
  GpuFleet: {
    instanceType: (c) => ({ aws: InstanceType.P5EN_48XLARGE, gcp: InstanceType.A3_HIGHGPU_8G, azure: InstanceType.STANDARD_ND96ASR_V4 })[c],
    nodes: () => 3,
    minNodes: () => 1,
    maxNodes: () => 4,
    purchase: () => PurchaseOption.spot(),
    placement: () => false,
    rootVolumeGiB: () => 500,
    scaleToZero: () => ({}),
    gpuMetrics: () => false,
    idleGpuPercent: () => 20,
    // Azure: recorded in the facts manifest (the subscription's raised limit); refused elsewhere
    placementGroupVmLimit: () => 200,
  },
  TieredStorage: {
    tiers: () => [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 45 }],
    autoTiering: () => true,
    prefixes: () => [{ prefix: 'raw/', tiers: [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 60 }] }],
    versioned: () => false,
    noncurrentVersionExpireDays: () => 60,
    abortIncompleteUploadsAfterDays: () => 3,
    encryption: () => StorageEncryption.CUSTOMER_MANAGED,
    highThroughput: () => HighThroughputTier.LUSTRE,
    lustreCapacityGiB: () => 2400,
    expectedDataTiB: () => 50,
    redundancy: () => StorageRedundancy.GEO,
  },
  ModelEndpoint: {
    instanceType: (c) => OTHER_SERVING[c],
    minInstances: () => 2,
    maxInstances: () => 6,
    targetInvocationsPerInstance: () => 300,
    scaling: () => EndpointScaling.cpuUtilization(70),
    dataCapturePercent: () => 50,
    privateOnly: () => false,
    latencyAlarmMs: () => 250,
    modelArtifact: (c) => OTHER_ARTIFACT[c],
  },
};

/**
 * Settings that only mean something beside another one: the case is measured against a baseline that has the
 * context, so the setting itself must change the output (or be refused by name).
 */
const CONTEXT: Record<string, Record<string, any>> = {
  'TieredStorage.lustreCapacityGiB': { highThroughput: HighThroughputTier.LUSTRE },
};

/** The neutral props as declared in the core specs (read from the source, so a new prop needs a case here). */
function declaredProps(): Record<Kind, string[]> {
  const out = {} as Record<Kind, string[]>;
  for (const kind of Object.keys(CASES) as Kind[]) {
    const file = path.join(ROOT, 'src/core/specs', `${kind.replace(/[A-Z]/g, (m, i) => (i ? '-' : '') + m.toLowerCase())}-spec.ts`);
    const text = fs.readFileSync(file, 'utf8');
    const body = new RegExp(`export interface ${kind}SpecProps \\{([\\s\\S]*?)\\n\\}`).exec(text)![1];
    out[kind] = [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1]);
  }
  return out;
}

describe('conformance: every neutral setting is rendered or refused on every cloud', () => {
  test('every neutral prop of the core specs has a case here', () => {
    const declared = declaredProps();
    for (const kind of Object.keys(CASES) as Kind[]) {
      expect(Object.keys(CASES[kind]).sort()).toEqual([...declared[kind]].sort());
    }
  });

  for (const cloud of ['aws', 'gcp', 'azure'] as CloudId[]) {
    describe(cloud, () => {
      const baselines: Record<string, string> = {};
      const baseline = (kind: Kind, context: Record<string, any>) => (baselines[`${kind} ${JSON.stringify(context)}`] ??= synth(cloud, kind, context));
      for (const kind of Object.keys(CASES) as Kind[]) {
        for (const [prop, value] of Object.entries(CASES[kind])) {
          test(`${kind}.${prop}`, () => {
            const context = CONTEXT[`${kind}.${prop}`] ?? {};
            let before: string | undefined;
            try {
              before = baseline(kind, context);
            } catch (e) {
              // the context itself is refused on this cloud (e.g. serverless outside AWS): nothing more to measure
              expect(String((e as Error).message)).toMatch(/\[ai-infra\] \w+ '[^']+'/);
              return;
            }
            let out: string | undefined;
            let error: unknown;
            try {
              out = synth(cloud, kind, { ...context, [prop]: value(cloud) });
            } catch (e) {
              error = e;
            }
            if (process.env.CONFORMANCE_REPORT) {
              fs.appendFileSync(process.env.CONFORMANCE_REPORT, `${cloud}\t${kind}.${prop}\t${error === undefined ? 'rendered' : `refused: ${String((error as Error).message).split('\n').find((l) => l.includes(`- ${prop}`))?.trim()}`}\n`);
            }
            if (error !== undefined) {
              // refused: the library's error, naming the construct and the property (never a TypeError)
              expect(error).not.toBeInstanceOf(TypeError);
              expect(String((error as Error).message)).toMatch(new RegExp(`\\[ai-infra\\] \\w+ '[^']+'[^]*- ${prop}([.[][^ ]*)? = `));
            } else {
              // rendered: the setting changed what was synthesized
              expect(out).not.toEqual(before);
            }
          });
        }
      }
    });
  }
});

describe('capability tables: a setting a cloud does not honour is refused with the cloud, path, property and what it supports', () => {
  const DISPLAY: Record<CloudId, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };
  test.each([
    ['gcp', 'ModelEndpoint', 'mode', EndpointMode.SERVERLESS, 'realtime'],
    ['azure', 'ModelEndpoint', 'mode', EndpointMode.ASYNC, 'realtime'],
    ['aws', 'ModelEndpoint', 'auth', EndpointAuth.KEY, 'unset'],
    ['gcp', 'ModelEndpoint', 'auth', EndpointAuth.KEY, 'unset'],
    ['azure', 'ModelEndpoint', 'networkIsolation', true, 'false'],
    ['gcp', 'ModelEndpoint', 'networkIsolation', true, 'false'],
    ['azure', 'ModelEndpoint', 'privateOnly', false, 'true only'],
    ['aws', 'GpuFleet', 'placementMaxDistance', 2, 'unset'],
    ['gcp', 'GpuFleet', 'efaInterfaceMode', 'efa', 'unset'],
    ['azure', 'GpuFleet', 'efaInterfaceMode', 'efa', 'unset'],
    ['gcp', 'ClusterNetwork', 'efaInterfaceMode', 'efa', 'unset'],
    ['azure', 'ClusterNetwork', 'efaInterfaceMode', 'efa', 'unset'],
    ['azure', 'GpuFleet', 'placementMaxDistance', 2, 'unset'],
    ['gcp', 'TieredStorage', 'highThroughput', HighThroughputTier.LUSTRE, 'none'],
    ['azure', 'TieredStorage', 'highThroughput', HighThroughputTier.EXPRESS_ONE_ZONE, 'none'],
    ['aws', 'TieredStorage', 'redundancy', StorageRedundancy.LOCAL, 'zone'],
    ['gcp', 'TieredStorage', 'redundancy', StorageRedundancy.LOCAL, 'zone'],
    ['gcp', 'ClusterNetwork', 'zones', 3, 'unset'],
    ['azure', 'ClusterNetwork', 'zones', 3, 'unset'],
    ['aws', 'ClusterNetwork', 'gpuNetworkCidr', '172.20.0.0/16', 'unset'],
    ['azure', 'ClusterNetwork', 'gpuNetworkCidr', '172.20.0.0/16', 'unset'],
  ] as Array<[CloudId, Kind, string, unknown, string]>)('%s %s.%s = %p is refused', (cloud, kind, prop, value, supports) => {
    expect(() => synth(cloud, kind, { [prop]: value })).toThrow(
      new RegExp(`\\[ai-infra\\] ${kind} '[^']+'[^]*- ${prop} = [^\\n]*: allowed: on ${DISPLAY[cloud]}: ${supports}`));
  });
});
