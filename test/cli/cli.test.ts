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
    expect(rows.map((x: any) => x.cloud)).toEqual(Array(6).fill('gcp'));
    expect(rows.find((x: any) => x.name === 'a3-highgpu-8g')).toMatchObject({ fabricInterfaces: 4, gpuNicMtu: 8244, maxGbps: 1000, onDemandUsdPerHour: 88.49 });
  });

  test('--help exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/select/);
  });
});

