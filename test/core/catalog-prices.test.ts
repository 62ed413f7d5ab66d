import * as fs from 'fs';
import * as path from 'path';
import { Cloud, DataSensitivity, InstanceType, PriceList, ServingType, SpotPrices, StrategySelector, TpuGeneration, WorkloadPattern } from '../../src';
import { catalogMarkdown, staleFacts } from '../../src/cli/catalog-doc';

describe('spot observations: dated prices, the most recent one used', () => {
  test('a3-highgpu-8g has the Feb and Jul 2026 observations; latest is 50.61 $/h (2026-07-30)', () => {
    const all = SpotPrices.of('a3-highgpu-8g');
    expect(all.map((o) => [o.usdPerHour, o.observedOn])).toEqual([[50.61, '2026-07-30'], [25.76, '2026-02-12']]);
    expect(SpotPrices.latest('A3-HIGHGPU-8G')).toMatchObject({ cloud: Cloud.GCP, region: 'us-central1', usdPerHour: 50.61 });
    expect(SpotPrices.describe(SpotPrices.latest('a3-highgpu-8g')!)).toMatch(/^spot 50\.61 \$\/h observed us-central1 2026-07-30, Cyclenerd\/google-cloud-pricing-cost-calculator pricing\.yml @fd66b26/);
  });

  test.each([
    ['a2-highgpu-1g', 1.928, 'us-central1'],
    ['p5e.48xlarge', 18.74, 'us-east-2'],
    ['p6-b300.48xlarge', 33.43, 'us-west-2'],
    ['trn2.48xlarge', 23.06, 'us-east-2'],
    ['p5.48xlarge', 25.75, 'us-east-1'],
  ])('%s: %s $/h in %s', (type, usd, region) => {
    expect(SpotPrices.latest(type)).toMatchObject({ usdPerHour: usd, region });
  });

  test('types without an observation have none (Azure, p4d, g5): their spot fleets stay unpriced', () => {
    expect(SpotPrices.latest('Standard_ND96isr_H100_v5')).toBeUndefined();
    expect(SpotPrices.latest('p4d.24xlarge')).toBeUndefined();
    expect(SpotPrices.latest('g5.xlarge')).toBeUndefined();
    expect(SpotPrices.all().some((o) => o.cloud === Cloud.AZURE)).toBe(false);
  });

  test('every observation has a date, a region, a source and a positive price', () => {
    for (const o of SpotPrices.all()) {
      expect(o.observedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(o.source.length).toBeGreaterThan(10);
      expect(o.region).toBeTruthy();
      expect(o.usdPerHour).toBeGreaterThan(0);
    }
  });

  test('the catalog has no "typical spot discount" left', () => {
    for (const t of InstanceType.all()) expect(Object.keys(t.spec)).not.toContain('typicalSpotDiscount');
  });
});

describe('TPU generations', () => {
  test('v5e, v5p and v6e with chips, HBM, hosts and prices', () => {
    expect(TpuGeneration.all().map((g) => g.name)).toEqual(['v5e', 'v5p', 'v6e']);
    expect(TpuGeneration.V5E.spec).toMatchObject({ hbmGBPerChip: 16, gkeAccelerator: 'tpu-v5-lite-podslice' });
    expect(TpuGeneration.V5P.spec).toMatchObject({ hbmGBPerChip: 95, gkeAccelerator: 'tpu-v5p-slice' });
    expect(TpuGeneration.V6E.spec).toMatchObject({ hbmGBPerChip: 32, gkeAccelerator: 'tpu-v6e-slice' });
    expect(TpuGeneration.V6E.host('ct6e-standard-8t')).toEqual({ machineType: 'ct6e-standard-8t', chips: 8, vcpus: 180, memoryGB: 1440 });
    expect(TpuGeneration.V5P.host('ct5p-hightpu-4t')).toMatchObject({ chips: 4, vcpus: 208, memoryGB: 448 });
    expect(TpuGeneration.V5E.spec.onDemandPerChipHour).toMatchObject({ usd: 1.20, unit: 'chip-hour', region: 'us-central1' });
    expect(TpuGeneration.V5P.spec.spotPerChipHour).toMatchObject({ usdPerHour: 2.415 });
    expect(TpuGeneration.V6E.spec.spotPerChipHour).toMatchObject({ usdPerHour: 1.89, region: 'us-east1' });
  });

  test('a 4x4 v6e slice is 16 chips on 4 x ct6e-standard-4t, multi-host; 2x4 is one 8-chip host', () => {
    expect(TpuGeneration.V6E.slice('4x4')).toEqual({ generation: 'v6e', topology: '4x4', chips: 16, machineType: 'ct6e-standard-4t', hosts: 4, multiHost: true });
    expect(TpuGeneration.V6E.slice('2x4')).toMatchObject({ chips: 8, machineType: 'ct6e-standard-8t', hosts: 1, multiHost: false });
    expect(TpuGeneration.V5P.slice('2x2x1')).toMatchObject({ chips: 4, machineType: 'ct5p-hightpu-4t', hosts: 1 });
    expect(TpuGeneration.V5P.slice('4x4x4')).toMatchObject({ chips: 64, hosts: 16 });
    expect(TpuGeneration.V6E.sliceHourlyUsd('4x4')).toBeCloseTo(43.2, 4);
    expect(TpuGeneration.V6E.sliceSpotHourlyUsd('4x4')).toBeCloseTo(30.24, 4);
    expect(TpuGeneration.V5E.smallestSliceFor(20)).toMatchObject({ topology: '4x8', chips: 32 });
    expect(TpuGeneration.V5E.smallestSliceFor(1000)).toBeUndefined();
  });

  test('fails on a topology the generation does not accept, naming the allowed ones', () => {
    expect(() => TpuGeneration.V6E.slice('3x3')).toThrow(/TPU v6e: topology '3x3' is not accepted\. Allowed: 1x1, 2x2, 2x4, 4x4/);
    expect(() => TpuGeneration.V5P.slice('4x4')).toThrow(/Allowed: 2x2x1, 2x2x2/);
  });

  test('fails on an unknown generation or a host of another generation', () => {
    expect(() => TpuGeneration.of('v7')).toThrow(/unknown TPU generation 'v7'\. Allowed: v5e, v5p, v6e/);
    expect(TpuGeneration.of('TPU-V6E')).toBe(TpuGeneration.V6E);
    expect(() => TpuGeneration.V6E.host('ct5lp-hightpu-4t')).toThrow(/'ct5lp-hightpu-4t' is not a v6e host/);
    expect(TpuGeneration.ofMachineType('ct5lp-hightpu-4t')).toBe(TpuGeneration.V5E);
    expect(TpuGeneration.ofMachineType('a3-highgpu-8g')).toBeUndefined();
  });

  test('the selector names a TPU option for Google Cloud with figures, and none when Google Cloud is not allowed', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BATCH, trainingGpus: 64, trainingHoursPerMonth: 100 });
    const line = s.rationale.find((r) => r.startsWith('Google Cloud TPU option'))!;
    // v5e is the cheapest per chip (1.20 $/chip-hour): 64 chips = 8x8 on 16 x ct5lp-hightpu-4t
    expect(line).toMatch(/TPU v5e slice 8x8 \(64 chips, 16 x ct5lp-hightpu-4t\) for 64 accelerators at \$1\.2\/chip-hour \(us-central1, 2024-12-01\) = \$7680\/month for 100 h, spot \$4032/);
    expect(s.rationale[s.rationale.length - 1]).toMatch(/^selected /);
    const aws = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BATCH, trainingGpus: 64, allowedClouds: [Cloud.AWS] });
    expect(aws.rationale.some((r) => r.includes('TPU'))).toBe(false);
  });
});

describe('serving prices on every cloud', () => {
  test.each([
    [Cloud.AWS, 'ml.g5.xlarge', 1.41],
    [Cloud.GCP, 'a3-highgpu-8g', 101.0074],
    [Cloud.AZURE, 'Standard_NC4as_T4_v3', 0.526],
    [Cloud.AZURE, 'Standard_ND96isr_H100_v5', 98.32],
  ])('%s %s: %s $/h with date and source', (cloud, name, usd) => {
    const t = ServingType.of(cloud, name);
    expect(t.price).toMatchObject({ usd, unit: 'hour' });
    expect(t.price!.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PriceList.serving(name)).toBe(t.price);
  });

  test('a Vertex AI a3-highgpu-8g node-hour is the sum of its prediction SKUs', () => {
    expect(ServingType.of(Cloud.GCP, 'a3-highgpu-8g').price!.usd).toBeCloseTo(8 * 11.2660332 + 208 * 0.0293227 + 1872 * 0.0025534, 3);
  });

  test('cost per 1,000 predictions: 1000 x instances x $/h / predictions per hour', () => {
    expect(ServingType.of(Cloud.AWS, 'ml.g5.xlarge').costPerThousandPredictions(2, 3600)).toBeCloseTo(1000 * 2 * 1.41 / 3600, 6);
    expect(ServingType.of(Cloud.AZURE, 'Standard_NC24ads_A100_v4').costPerThousandPredictions(1, 10000)).toBeCloseTo(0.3673, 6);
    expect(ServingType.of(Cloud.GCP, 'g2-standard-4').costPerThousandPredictions(1, 100)).toBeUndefined();
  });

  test('the dashboard note of a priced Vertex type gives the figure; an unknown type says it is not in the table', () => {
    expect(ServingType.costPerThousandNote(Cloud.GCP, 'a3-highgpu-8g', 2)).toMatch(/= 1000 x 2 x \$101\.0074\/h \/ predictions per hour \(a3-highgpu-8g, us-central1, 2025-08-15, .*\): \$202\.0148 at 1,000 predictions an hour, \$20\.2015 at 10,000/);
    expect(ServingType.costPerThousandNote(Cloud.GCP, 'n1-standard-4', 1)).toMatch(/n1-standard-4 has no serving price in the library catalog \(not in the serving table\)/);
  });

  test('unpriced serving types say why', () => {
    for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
      for (const t of ServingType.all(cloud).filter((x) => !x.price)) expect({ name: t.name, why: t.unpricedReason }).toEqual({ name: t.name, why: expect.stringMatching(/.{10,}/) });
    }
  });

  test('fails on a non-positive prediction rate or instance count', () => {
    const t = ServingType.of(Cloud.AWS, 'ml.g5.xlarge');
    expect(() => t.costPerThousandPredictions(1, 0)).toThrow(/predictionsPerHour = 0: a number of predictions per hour above 0/);
    expect(() => t.costPerThousandPredictions(0, 10)).toThrow(/instances = 0/);
  });
});

describe('storage prices', () => {
  test('Azure Cold has its own price (0.0036, labelled secondary), below Cool', () => {
    const cold = PriceList.storage(Cloud.AZURE, 'Cold')!;
    expect(cold.usd).toBe(0.0036);
    expect(cold.source).toMatch(/^SECONDARY/);
    expect(cold.usd).toBeLessThan(PriceList.storage(Cloud.AZURE, 'Cool')!.usd);
  });
});

describe('docs/catalog.md and stale facts', () => {
  test('docs/catalog.md is what `npx projen catalog:docs` generates (fails when the catalog changed without it)', () => {
    const onDisk = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'catalog.md'), 'utf8');
    expect(onDisk).toBe(catalogMarkdown());
  });

  test('the document has a table per cloud, TPUs, spot, storage, serving, with dates and sources', () => {
    const md = catalogMarkdown();
    for (const h of ['## AWS instance types', '## Google Cloud instance types', '## Azure instance types', '## Google Cloud TPUs', '## Spot observations', '## Object storage', '## Serving (managed endpoints)', '## Sources']) {
      expect(md).toContain(h);
    }
    expect(md).toMatch(/\| a3-highgpu-8g \| 8 x NVIDIA H100 \| 80 \| 208 \/ 1872 \| gpudirect-tcpx: 1 host x 200 \+ 4 x 200, MTU 8244 \(host NICs too\) \| 1000 \(2026-12\) \[\d+\] \| 1000 \| 88\.49 \$\/h us-central1 \(2026-02-12\) \[\d+\] \| 50\.61 \$\/h us-central1 \(2026-07-30\) \[\d+\] \| on-demand, spot, reservation \[\d+\] \|/);
    // p6-b300: card 0 ENA only, 16 EFA on cards 1-16; how it is sold, with its source
    expect(md).toMatch(/\| p6-b300\.48xlarge \| 8 x NVIDIA B300 \| 268 \| 192 \/ 4096 \| efa: 16 x 400, 17 cards \(1 ENA only\) \| 6400 .* \| on-demand, spot, reservation, capacity-block \[\d+\] \|/);
    expect(md).toMatch(/\| p6e-gb200\.36xlarge \(arm64\) \| .* \| capacity-block \[\d+\] \|/);
    expect(md).toMatch(/\| gcp \| a3-highgpu-8g \| 25\.76 \| us-central1 \| 2026-02-12 \| no \(older\) \|/);
    expect(md).toMatch(/\| TPU v6e \(Trillium\) \| tpu-v6e-slice \| 32 \|/);
    expect(md).toMatch(/\| gcp \| g2-standard-4 \| 1 x NVIDIA L4 \| 24 \| unpriced: /);
  });

  test('stale facts as of 2026-12-07: the Dec 2024 TPU prices and the 2025 serving prices, not the Feb 2026 ones', () => {
    const stale = staleFacts(new Date('2026-12-07T00:00:00Z'));
    const names = stale.map((f) => f.fact);
    expect(names).toEqual(expect.arrayContaining(['TPU v6e on-demand price', 'TPU v5e spot price', 'ml.g5.xlarge serving price', 'a3-highgpu-8g serving price']));
    expect(stale.find((f) => f.fact === 'TPU v6e on-demand price')).toMatchObject({ asOf: '2024-12-01', ageMonths: 24, value: '2.7 $/chip-h us-east1' });
    expect(stale.find((f) => f.fact === 'TPU v6e on-demand price')!.source).toContain('dstackai/gpuhunt');
    expect(names).not.toContain('a3-highgpu-8g on-demand price');
    expect(names).not.toContain('a3-highgpu-8g spot price');
  });

  test('as of 2027-03-01 the February 2026 prices are stale too', () => {
    const names = staleFacts(new Date('2027-03-01T00:00:00Z')).map((f) => f.fact);
    expect(names).toContain('a3-highgpu-8g on-demand price');
    expect(names).toContain('a3-highgpu-8g spot price');
    expect(names).not.toContain('p5.48xlarge on-demand price');
  });
});
