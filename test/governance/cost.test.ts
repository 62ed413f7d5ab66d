import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { AwsPlatformStack, GcpPlatformStack, StrategySelector } from '../../src';
import { HOURS_PER_MONTH } from '../../src/core/catalog/price';
import { PlatformFacts } from '../../src/core/facts';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';
import { CostEstimator } from '../../src/governance/cost';
import { estimateCost } from '../../src/governance/cost/estimate';
import { synthTerraform } from '../helpers';

function facts(cloud: string, over: Partial<PlatformFacts> = {}): PlatformFacts {
  return {
    cloud,
    fleets: [],
    storage: [],
    endpoints: [],
    alarms: 0,
    costTags: true,
    publicIps: 0,
    openIngress: 0,
    natGateways: 0,
    vpnConnections: 0,
    interfaceEndpoints: 0,
    flowLogs: true,
    ...over,
  };
}
function fleet(path: string, instanceType: string, nodes: number, purchase: 'on-demand' | 'spot' | 'reservation', hoursPerWeek = 168) {
  return { path, instanceType, nodes, purchase, hoursPerWeek, configuredGbps: 0, maxGbps: 0, placement: true };
}

describe('cost estimate: a total says when it is incomplete and by which lines', () => {
  test('four H200 nodes without a catalog price: the total is marked incomplete and names the fleet', () => {
    const e = estimateCost(facts('aws', {
      region: 'us-east-1',
      fleets: [fleet('P/Training', 'p5e.48xlarge', 4, 'on-demand')],
      storage: [{ path: 'P/Data', dataTiB: 10, tiered: false, versioned: true, customerManagedKey: false, highThroughput: false, classes: ['STANDARD'], transitions: [] }],
    }));
    expect(e.complete).toBe(false);
    expect(e.unpricedItems).toEqual(['fleet P/Training']);
    expect(e.lines.find((l) => l.item === 'fleet P/Training')).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    // the headline is the storage alone: a lower bound, said so
    expect(e.monthlyUsd).toBeCloseTo(10 * 1024 * 0.023, 1);
  });

  test('every line priced: complete, nothing named', () => {
    const e = estimateCost(facts('aws', { region: 'us-east-1', fleets: [fleet('P/Training', 'p5.48xlarge', 2, 'on-demand')] }));
    expect(e).toMatchObject({ complete: true, unpricedItems: [] });
  });
});

describe('cost estimate: spot is priced from a dated observation or unpriced', () => {
  test('an Azure spot fleet is never charged on-demand under a spot label: unpriced, and the total says so', () => {
    const e = estimateCost(facts('azure', { region: 'eastus', fleets: [fleet('P/Training', 'Standard_ND96isr_H100_v5', 8, 'spot')] }));
    const l = e.lines.find((x) => x.item === 'fleet P/Training')!;
    expect(l).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    expect(l.basis).toContain('no spot price observation for Standard_ND96isr_H100_v5 on Azure');
    expect(e).toMatchObject({ complete: false, unpricedItems: ['fleet P/Training'] });
  });

  test('an AWS type with an on-demand price but no spot observation (p4d): the spot line is unpriced, not on-demand', () => {
    const e = estimateCost(facts('aws', { region: 'us-east-1', fleets: [fleet('P/T', 'p4d.24xlarge', 2, 'spot')] }));
    expect(e.lines[0]).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    expect(e.lines[0].basis).toContain('no spot price observation for p4d.24xlarge on AWS');
    expect(e.unpricedItems).toEqual(['fleet P/T']);
  });

  test('a Google Cloud a3-highgpu-8g spot fleet uses the most recent observation (Jul 2026, 50.61 $/h) and names it', () => {
    const e = estimateCost(facts('gcp', { region: 'us-central1', fleets: [fleet('P/T', 'a3-highgpu-8g', 2, 'spot')] }));
    const l = e.lines[0];
    expect(l.monthlyUsd).toBeCloseTo(2 * HOURS_PER_MONTH * 50.61, 1);
    expect(l.basis).toContain('spot 50.61 $/h observed us-central1 2026-07-30, Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml @fd66b26');
    expect(l.price).toMatchObject({ usd: 50.61, asOf: '2026-07-30', region: 'us-central1' });
    expect(l.standsInFor).toBeUndefined();
    // the February observation (25.76) is kept in the catalog but not used
    expect(l.basis).not.toContain('25.76');
  });

  test('p5e has no on-demand price, but a spot observation in us-east-2: spot is priced and labelled as standing in for us-east-1', () => {
    const e = estimateCost(facts('aws', { region: 'us-east-1', fleets: [fleet('P/T', 'p5e.48xlarge', 1, 'spot')] }));
    expect(e.lines[0].monthlyUsd).toBeCloseTo(HOURS_PER_MONTH * 18.74, 1);
    expect(e.lines[0].standsInFor).toBe('us-east-1');
    expect(e.lines[0].basis).toContain('us-east-2 price standing in for us-east-1');
  });

  test('the same Azure fleet on demand is priced at the on-demand rate', () => {
    const e = estimateCost(facts('azure', { region: 'eastus', fleets: [fleet('P/Training', 'Standard_ND96isr_H100_v5', 8, 'on-demand')] }));
    expect(e.lines[0].monthlyUsd).toBeCloseTo(8 * HOURS_PER_MONTH * 98.32, 1);
    expect(e.complete).toBe(true);
  });

  test('an AWS p5 spot fleet is charged the observed spot price, and the line names its date and source', () => {
    const e = estimateCost(facts('aws', { region: 'us-east-1', fleets: [fleet('P/Training', 'p5.48xlarge', 8, 'spot')] }));
    const l = e.lines[0];
    expect(l.monthlyUsd).toBeCloseTo(8 * HOURS_PER_MONTH * 25.75, 1);
    expect(l.basis).toMatch(/spot 25\.75 \$\/h observed us-east-1 2026-11-01, skypilot-org\/skypilot-catalog/);
  });

  test('a2-highgpu-1g spot uses 1.928 (2026-07-30), not the February 1.804', () => {
    const priced = estimateCost(facts('gcp', { region: 'us-central1', fleets: [fleet('P/T', 'a2-highgpu-1g', 1, 'spot')] }));
    expect(priced.lines[0].basis).toMatch(/spot 1\.928 \$\/h observed us-central1 2026-07-30/);
    expect(priced.lines[0].monthlyUsd).toBeCloseTo(HOURS_PER_MONTH * 1.928, 1);
  });
});

describe('cost estimate: TPU slices, serving prices on every cloud, Azure Cold', () => {
  test('a v6e slice of 4 x ct6e-standard-4t (4x4, 16 chips) on demand: 16 chips x 730 h x 2.70 $/chip-hour', () => {
    const e = estimateCost(facts('gcp', { region: 'us-east1', fleets: [fleet('P/Tpu', 'ct6e-standard-4t', 4, 'on-demand')] }));
    expect(e.lines[0].monthlyUsd).toBeCloseTo(16 * HOURS_PER_MONTH * 2.70, 1);
    expect(e.lines[0].basis).toContain('4 x ct6e-standard-4t = 16 TPU v6e chips');
    expect(e.lines[0].price).toMatchObject({ unit: 'chip-hour', region: 'us-east1' });
    expect(e.complete).toBe(true);
  });

  test('the same slice on spot: the per-chip spot observation (1.89), named', () => {
    const e = estimateCost(facts('gcp', { region: 'us-east1', fleets: [fleet('P/Tpu', 'ct6e-standard-4t', 4, 'spot')] }));
    expect(e.lines[0].monthlyUsd).toBeCloseTo(16 * HOURS_PER_MONTH * 1.89, 1);
    expect(e.lines[0].basis).toMatch(/spot per chip observed us-east1 2024-12-01, dstackai\/gpuhunt/);
  });

  test.each([
    ['aws', 'us-east-1', 'ml.g5.xlarge', 1.41],
    ['gcp', 'us-central1', 'a3-highgpu-8g', 101.0074],
    ['azure', 'eastus', 'Standard_NC4as_T4_v3', 0.526],
    ['azure', 'eastus', 'Standard_NC24ads_A100_v4', 3.673],
  ])('%s endpoint on %s: priced at the serving price %s $/h', (cloud, region, type, usd) => {
    const e = estimateCost(facts(cloud, { region, endpoints: [{ path: 'P/Serve', instanceType: type, minInstances: 2, maxInstances: 4, autoscaling: true, private: true }] }));
    expect(e.lines[0]).toMatchObject({ unpriced: false });
    expect(e.lines[0].monthlyUsd).toBeCloseTo(2 * HOURS_PER_MONTH * usd, 1);
  });

  test('a Vertex AI g2-standard-4 endpoint is unpriced and says why (the Compute Engine price is not the Vertex price)', () => {
    const e = estimateCost(facts('gcp', { region: 'us-central1', endpoints: [{ path: 'P/Serve', instanceType: 'g2-standard-4', minInstances: 1, maxInstances: 2, autoscaling: true, private: true }] }));
    expect(e.lines[0]).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    expect(e.lines[0].basis).toContain('no Vertex AI prediction SKU rate for G2 / L4');
    expect(e.unpricedItems).toEqual(['endpoint P/Serve']);
  });

  test('Azure Cold is priced at its own (secondary) figure, not the Cool price', () => {
    const e = estimateCost(facts('azure', {
      region: 'eastus',
      storage: [{ path: 'P/Data', dataTiB: 1, tiered: true, versioned: true, customerManagedKey: false, highThroughput: false, classes: ['Hot', 'Cold'], transitions: [{ storageClass: 'Cold', afterDays: 0 }] }],
    }));
    expect(e.lines[0].basis).toContain('100% Cold $0.0036');
    expect(e.lines[0].monthlyUsd).toBeCloseTo(1024 * 0.0036, 2);
  });
});

describe('cost estimate: prices are for the stack\'s region or say which region they stand in for', () => {
  const s = DEFAULT_SCENARIOS[1];
  const doc = synthTerraform(new GcpPlatformStack(Testing.app(), 'p', {
    ...s.platform, selection: StrategySelector.select(s.requirements), gcpProject: 'demo-project', region: 'us-east4',
  }));

  test('Google Cloud storage on a us-east4 stack: the us-central1 price is labelled as standing in for us-east4', () => {
    const e = CostEstimator.ofTerraform('gcp', doc, 'p');
    expect(e.region).toBe('us-east4');
    const storage = e.lines.find((l) => l.item.startsWith('storage'))!;
    expect(storage.price!.region).toBe('us-central1');
    expect(storage.standsInFor).toBe('us-east4');
    expect(storage.basis).toContain('us-central1 price standing in for us-east4');
  });

  test('a price observed in the stack\'s region carries no stand-in', () => {
    const e = estimateCost(facts('gcp', { region: 'us-east4', fleets: [fleet('P/T', 'a3-megagpu-8g', 2, 'on-demand')] }));
    expect(e.lines[0].price!.region).toBe('us-east4');
    expect(e.lines[0].standsInFor).toBeUndefined();
  });

  test('a stack whose output does not name its region: every price says it stands in for an unknown region', () => {
    const e = estimateCost(facts('aws', { fleets: [fleet('P/T', 'p5.48xlarge', 1, 'on-demand')] }));
    expect(e.region).toBeUndefined();
    expect(e.lines[0].standsInFor).toBe('unknown');
  });
});

describe('cost estimate on AWS: the stack\'s region comes from the facts manifest', () => {
  const s = DEFAULT_SCENARIOS[1];
  function awsTemplate(env?: { region?: string; account?: string }): any {
    return Template.fromStack(new AwsPlatformStack(new App(), 'P', {
      ...s.platform, modelArtifact: 'models/model.tar.gz', selection: StrategySelector.select(s.requirements), ...(env ? { env } : {}),
    })).toJSON();
  }

  test('a stack with env.region eu-west-1: the manifest records it and the us-east-1 prices stand in for eu-west-1', () => {
    const t = awsTemplate({ region: 'eu-west-1', account: '123456789012' });
    expect(t.Metadata['ai-infra']).toMatchObject({ cloud: 'aws', region: 'eu-west-1' });
    const e = CostEstimator.ofCloudFormation(t);
    expect(e.region).toBe('eu-west-1');
    const fleetLine = e.lines.find((l) => l.item.startsWith('fleet'))!;
    expect(fleetLine.price!.region).toBe('us-east-1');
    expect(fleetLine.standsInFor).toBe('eu-west-1');
    expect(fleetLine.basis).toContain('us-east-1 price standing in for eu-west-1');
    expect(e.lines.filter((l) => !l.unpriced).every((l) => l.standsInFor === 'eu-west-1')).toBe(true);
    expect(e.lines.some((l) => l.basis.includes('does not name'))).toBe(false);
  });

  test('a stack in us-east-1 (region only, no account): the prices are its own, no stand-in', () => {
    const t = awsTemplate({ region: 'us-east-1' });
    expect(t.Metadata['ai-infra'].region).toBe('us-east-1');
    const e = CostEstimator.ofCloudFormation(t);
    expect(e.region).toBe('us-east-1');
    const fleetLine = e.lines.find((l) => l.item.startsWith('fleet'))!;
    expect(fleetLine.standsInFor).toBeUndefined();
    expect(fleetLine.basis).not.toMatch(/standing in|does not name/);
  });

  test('an environment-agnostic stack records no region: the prices say the output does not name the stack\'s region', () => {
    const t = awsTemplate();
    expect(t.Metadata['ai-infra'].region).toBeUndefined();
    expect(JSON.stringify(t.Metadata['ai-infra'])).not.toContain('AWS::Region');
    const e = CostEstimator.ofCloudFormation(t);
    expect(e.region).toBeUndefined();
    const fleetLine = e.lines.find((l) => l.item.startsWith('fleet'))!;
    expect(fleetLine.standsInFor).toBe('unknown');
    expect(fleetLine.basis).toContain('us-east-1 price: the output does not name the stack\'s region');
  });

  test('a manifest region that is not a string is not taken for one', () => {
    const t = awsTemplate({ region: 'eu-west-1' });
    t.Metadata['ai-infra'].region = { Ref: 'AWS::Region' };
    expect(CostEstimator.ofCloudFormation(t).region).toBeUndefined();
  });
});

describe('cost estimate: one figure for hours per month', () => {
  test('a fleet, an endpoint, a NAT gateway and a VPN running all month charge the same 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    const e = estimateCost(facts('aws', {
      region: 'us-east-1',
      fleets: [fleet('P/Training', 'p5.48xlarge', 1, 'on-demand'), fleet('P/Reserved', 'p5.48xlarge', 1, 'reservation')],
      endpoints: [{ path: 'P/Serve', instanceType: 'ml.g5.xlarge', minInstances: 1, maxInstances: 2, autoscaling: true, private: true }],
      natGateways: 1,
      vpnConnections: 1,
      interfaceEndpoints: 1,
    }));
    const hourly = e.lines.filter((l) => l.hoursPerMonth !== undefined);
    expect(hourly.map((l) => l.item)).toEqual(['fleet P/Training', 'fleet P/Reserved', 'endpoint P/Serve', 'vpn-connection', 'nat-gateway', 'interface-endpoint-az']);
    expect(new Set(hourly.map((l) => l.hoursPerMonth))).toEqual(new Set([730]));
    expect(e.hoursPerMonth).toBe(730);
    expect(e.lines.find((l) => l.item === 'fleet P/Training')!.monthlyUsd).toBeCloseTo(730 * 55.04, 2);
    expect(e.lines.find((l) => l.item === 'endpoint P/Serve')!.monthlyUsd).toBeCloseTo(730 * 1.41, 2);
  });

  test('a fleet on a schedule charges its weekly hours over the same month', () => {
    const e = estimateCost(facts('aws', { region: 'us-east-1', fleets: [fleet('P/T', 'p5.48xlarge', 1, 'on-demand', 65)] }));
    expect(e.lines[0].hoursPerMonth).toBeCloseTo(65 * 730 / 168, 2);
  });

  test('a pending endpoint (no model artifact yet) bills no instance', () => {
    const e = estimateCost(facts('aws', {
      region: 'us-east-1',
      endpoints: [{ path: 'P/Serve', instanceType: 'ml.g5.xlarge', minInstances: 1, maxInstances: 2, autoscaling: true, private: true, pending: true }],
    }));
    expect(e.lines).toEqual([]);
    expect(e.complete).toBe(true);
  });
});
