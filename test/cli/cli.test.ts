import { Cloud } from '../../src/core/catalog/cloud';
import { InstanceType } from '../../src/core/catalog/instance-type';
import { runCli } from '../helpers';

describe('ai-infra (spawned)', () => {
  test('select prints the strategy, the scores and numbered reasons', () => {
    const r = runCli(['select', '--sensitivity', 'high', '--pattern', 'steady', '--latency-ms', '150']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^strategy: hybrid\n/);
    expect(r.stdout).toContain('scores:   cloud-first 0, hybrid 55, edge-centric 0');
    expect(r.stdout).toMatch(/\n {2}1\. constraint: high data sensitivity/);
  });

  test('select --json prints the selection object', () => {
    const r = runCli(['select', '--sensitivity', 'low', '--pattern', 'bursty', '--latency-ms', '300', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.strategy).toBe('cloud-first');
    expect(j.scores).toEqual({ 'cloud-first': 65, 'hybrid': 0, 'edge-centric': 0 });
    expect(j.requirements).toMatchObject({ dataSensitivity: 'low', workloadPattern: 'bursty', latencyBudgetMs: 300 });
    expect(j.rationale.length).toBeGreaterThan(2);
  });

  test('select with 15 ms picks edge-centric', () => {
    const r = runCli(['select', '--sensitivity', 'medium', '--pattern', 'steady', '--latency-ms', '15', '--json']);
    expect(JSON.parse(r.stdout).strategy).toBe('edge-centric');
  });

  test.each([
    [['select', '--sensitivity', 'secret', '--pattern', 'steady', '--latency-ms', '10'], /argument 'secret' is invalid\. Allowed choices are low, medium, high\./],
    [['select', '--sensitivity', 'low', '--pattern', 'steady', '--latency-ms', 'fast'], /--latency-ms must be a number from 1 to 60000, got 'fast'/],
    [['select', '--sensitivity', 'low', '--pattern', 'steady'], /required option '--latency-ms <ms>' not specified/],
    [['catalog', '--cloud', 'ibm'], /argument 'ibm' is invalid\. Allowed choices are aws, gcp, azure\./],
    [['catalog', '--bogus'], /unknown option '--bogus'/],
    [['launch'], /unknown command 'launch'/],
    [['select', '--sensitivity', 'low', '--pattern', 'steady', '--latency-ms', '10', '--gpus', '1.5'], /--gpus must be a whole number from 1 to 100,000, got '1\.5'/],
    [['cost', '--data-tib', '-1', '--template', 'x.json'], /--data-tib must be a number from 0 to 1000000, got '-1'/],
    [['recommend', '--out', 'demo.out', '--template', 'x.json'], /option '--template <file>' cannot be used with option '--out <dir>'/],
  ])('%j: one-line error and exit code 2', (args, message) => {
    const r = runCli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ai-infra: .+\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  test('catalog lists every cloud with bandwidth and price', () => {
    const r = runCli(['catalog']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/aws\s+p5\.48xlarge\s+8 x NVIDIA H100\s+80\s+192\s+2,048\s+efa x32\s+3,200\s+\$55\.04  us-east-1, 2026-11-01/);
    expect(r.stdout).toMatch(/gcp\s+a3-megagpu-8g .* gpudirect-tcpxo x8 mtu 8244\s+1,800/);
    expect(r.stdout).toMatch(/azure\s+Standard_ND96isr_H100_v5 .* infiniband x8\s+3,200\s+\$98\.32/);
  });

  test('catalog --cloud gcp --json lists only Google Cloud types', () => {
    const r = runCli(['catalog', '--cloud', 'gcp', '--json']);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: any) => x.cloud)).toEqual(Array(InstanceType.all(Cloud.GCP).length).fill('gcp'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.find((x: any) => x.name === 'a3-highgpu-8g')).toMatchObject({ fabricInterfaces: 4, gpuNicMtu: 8244, maxGbps: 1000, onDemandUsdPerHour: 88.49 });
  });

  test('catalog --stale --as-of lists every fact older than 12 months with its source, exit 0', () => {
    const r = runCli(['catalog', '--stale', '--as-of', '2026-12-07']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ fact\(s\) older than 12 months as of 2026-12-07\n/);
    expect(r.stdout).toMatch(/\n2024-12-01 +24 +TPU v6e on-demand price +2\.7 \$\/chip-h us-east1 +dstackai\/gpuhunt/);
    expect(r.stdout).not.toMatch(/a3-highgpu-8g on-demand price/);
  });

  test('catalog --stale --json', () => {
    const r = runCli(['catalog', '--stale', '--as-of', '2027-03-01', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ asOf: '2027-03-01', olderThanMonths: 12 });
    expect(j.facts.find((f: any) => f.fact === 'a3-highgpu-8g spot price')).toMatchObject({ asOf: '2026-02-12', value: '25.76 $/h us-central1' });
  });

  test('catalog --as-of with a bad date is a usage error', () => {
    const r = runCli(['catalog', '--stale', '--as-of', '7 Dec']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--as-of must be a date YYYY-MM-DD, got '7 Dec'/);
  });

  test('catalog --as-of without --stale is refused, not ignored', () => {
    const r = runCli(['catalog', '--as-of', '2026-12-07']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--as-of applies to --stale only/);
  });

  test('catalog shows the spot observation the estimate uses', () => {
    const r = runCli(['catalog', '--cloud', 'gcp', '--json']);
    expect(JSON.parse(r.stdout).find((x: any) => x.name === 'a3-highgpu-8g')).toMatchObject({ spotUsdPerHour: 50.61, spotObservedOn: '2026-07-30', spotRegion: 'us-central1' });
  });

  test('--help exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/select/);
  });
});

