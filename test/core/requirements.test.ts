import { Cloud, DataResidency, DataSensitivity, Requirements, WorkloadPattern, WorkloadRequirements } from '../../src';

const base: WorkloadRequirements = { dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BATCH };

describe('Requirements', () => {
  test('valid requirements have no problems and get defaults', () => {
    expect(Requirements.validate(base)).toEqual([]);
    const r = Requirements.resolve(base);
    expect(r.latencyBudgetMs).toBe(200);
    expect(r.trainingGpus).toBe(8);
    expect(r.allowedClouds).toEqual([Cloud.AWS, Cloud.GCP, Cloud.AZURE]);
    expect(r.dataResidency).toBe(DataResidency.ANY);
  });

  test('training nodes convert to accelerators', () => {
    expect(Requirements.resolve({ ...base, trainingNodes: 4 }).trainingGpus).toBe(32);
  });

  test.each<[string, Partial<WorkloadRequirements>, string]>([
    ['sensitivity outside the enum', { dataSensitivity: 'secret' as any }, 'dataSensitivity'],
    ['pattern outside the enum', { workloadPattern: 'spiky' as any }, 'workloadPattern'],
    ['latency of zero', { latencyBudgetMs: 0 }, 'latencyBudgetMs'],
    ['latency over a minute', { latencyBudgetMs: 60001 }, 'latencyBudgetMs'],
    ['fractional GPUs', { trainingGpus: 2.5 }, 'trainingGpus'],
    ['both GPUs and nodes', { trainingGpus: 8, trainingNodes: 1 }, 'trainingNodes'],
    ['hours over a month', { trainingHoursPerMonth: 800 }, 'trainingHoursPerMonth'],
    ['negative budget', { monthlyBudgetUsd: -1 }, 'monthlyBudgetUsd'],
    ['empty cloud list', { allowedClouds: [] }, 'allowedClouds'],
    ['unknown cloud', { allowedClouds: ['ibm' as any] }, 'allowedClouds[0]'],
    ['repeated cloud', { allowedClouds: [Cloud.AWS, Cloud.AWS] }, 'allowedClouds'],
    ['bad region', { allowedRegions: ['US East'] }, 'allowedRegions[0]'],
    ['in-region residency without regions', { dataResidency: DataResidency.IN_REGION }, 'allowedRegions'],
    ['model size of zero', { modelSizeBillionParams: 0 }, 'modelSizeBillionParams'],
  ])('fails on %s', (_name, patch, property) => {
    const problems = Requirements.validate({ ...base, ...patch });
    expect(problems.map((p) => p.property)).toContain(property);
    expect(() => Requirements.resolve({ ...base, ...patch })).toThrow(new RegExp(`WorkloadRequirements 'requirements'[\\s\\S]*${property.replace(/[[\]]/g, '\\$&')} = `));
  });

  test('the error names the value and what is allowed', () => {
    expect(() => Requirements.resolve({ ...base, latencyBudgetMs: -5 }))
      .toThrow('latencyBudgetMs = -5: allowed: a number of milliseconds from 1 to 60000');
  });
});
