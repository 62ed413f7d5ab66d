import { DataResidency, DataSensitivity, StrategyKind, StrategySelector, WorkloadPattern } from '../../src';

describe('StrategySelector', () => {
  test('high data sensitivity selects hybrid', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 150 });
    expect(s.strategy).toBe(StrategyKind.HYBRID);
    expect(s.scores.cloudFirst).toBe(0);
    expect(s.rationale[0]).toMatch(/^constraint: high data sensitivity vetoes cloud-first and edge-centric/);
  });

  test('a bursty workload selects cloud-first', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, latencyBudgetMs: 300 });
    expect(s.strategy).toBe(StrategyKind.CLOUD_FIRST);
    expect(s.scores).toEqual({ cloudFirst: 65, hybrid: 0, edgeCentric: 0 });
    expect(s.rationale).toContain('bursty workload: elastic capacity is paid for only while a burst runs (cloud-first +35)');
  });

  test('a latency budget under 20 ms selects edge-centric and vetoes cloud-first', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, latencyBudgetMs: 15 });
    expect(s.strategy).toBe(StrategyKind.EDGE_CENTRIC);
    expect(s.scores.cloudFirst).toBe(0);
    expect(s.rationale[0]).toMatch(/a 15 ms budget vetoes cloud-first/);
  });

  test('20 ms exactly is not an edge budget', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BATCH, latencyBudgetMs: 20 });
    expect(s.strategy).toBe(StrategyKind.CLOUD_FIRST);
  });

  test('conflict: high sensitivity with 15 ms resolves to hybrid with on-premises inference', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 15 });
    expect(s.strategy).toBe(StrategyKind.HYBRID);
    expect(s.rationale.join('\n')).toMatch(/conflict: high data sensitivity with a 15 ms budget resolves to hybrid with inference served on premises/);
  });

  test('conflict: bursty with high sensitivity resolves to hybrid', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.BURSTY, latencyBudgetMs: 200 });
    expect(s.strategy).toBe(StrategyKind.HYBRID);
    expect(s.rationale.join('\n')).toMatch(/conflict: bursty with high data sensitivity resolves to hybrid: bursts run in the cloud on de-identified data/);
  });

  test('conflict: a budget too small for the training scale is explained with figures', () => {
    const s = StrategySelector.select({
      dataSensitivity: DataSensitivity.MEDIUM,
      workloadPattern: WorkloadPattern.STEADY,
      latencyBudgetMs: 200,
      trainingGpus: 512,
      trainingHoursPerMonth: 200,
      monthlyBudgetUsd: 10000,
    });
    const line = s.rationale.find((r) => r.startsWith('conflict: budget'));
    // 512 x 200 h x $1.34375 (trn1.32xlarge: $21.50 / 16 chips) = $137,600; $10,000 is 7%
    expect(line).toMatch(/budget \$10000\/month covers 7% of 512 accelerators x 200 h/);
    expect(line).toMatch(/trn1\.32xlarge/);
    expect(line).toMatch(/still over budget: reduce the scale or the hours \(cloud-first \+15\)$/);
  });

  test('a sufficient budget adds no conflict', () => {
    const s = StrategySelector.select({
      dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BATCH, trainingGpus: 8, monthlyBudgetUsd: 1e6,
    });
    expect(s.rationale.some((r) => r.includes('conflict'))).toBe(false);
  });

  test('on-premises residency selects hybrid even for low sensitivity', () => {
    const s = StrategySelector.select({
      dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, dataResidency: DataResidency.ON_PREMISES,
    });
    expect(s.strategy).toBe(StrategyKind.HYBRID);
  });

  test('medium sensitivity with steady use leans hybrid', () => {
    // medium: hybrid 10 + cloud-first 10; steady: hybrid 15; 60 ms: cloud-first 10
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.MEDIUM, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 60 });
    expect(s.scores).toEqual({ cloudFirst: 20, hybrid: 25, edgeCentric: 0 });
    expect(s.strategy).toBe(StrategyKind.HYBRID);
  });

  test('ties are ordered toward the more conservative strategy (edge-centric before cloud-first)', () => {
    const s = StrategySelector.select({ dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.BATCH });
    expect(s.rationale[s.rationale.length - 1]).toBe('selected hybrid (40) over edge-centric (0), cloud-first (0)');
  });

  test('is deterministic', () => {
    const req = { dataSensitivity: DataSensitivity.MEDIUM, workloadPattern: WorkloadPattern.BATCH, latencyBudgetMs: 30 };
    expect(StrategySelector.select(req)).toEqual(StrategySelector.select(req));
  });

  test('rejects invalid requirements', () => {
    expect(() => StrategySelector.select({ dataSensitivity: 'x' as any, workloadPattern: WorkloadPattern.BATCH })).toThrow(/dataSensitivity = 'x'/);
  });
});
