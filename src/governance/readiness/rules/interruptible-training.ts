import { fail, na, pass, ReadinessRule } from '../rule';

export const InterruptibleTraining: ReadinessRule = {
  id: 'RDY-COST-1',
  weight: 10,
  description: 'Training fleets use spot capacity or scale to zero off hours (checkpointed training tolerates both)',
  evaluate: (f) => {
    if (f.fleets.length === 0) return na('no GPU fleet');
    const always = f.fleets.filter((x) => x.purchase !== 'spot' && x.hoursPerWeek >= 168);
    return always.length === 0 ? pass(f.fleets.map((x) => `${x.path}: ${x.purchase}, ${Math.round(x.hoursPerWeek)} h/week`).join('; '))
      : fail(`on demand around the clock: ${always.map((x) => x.path).join(', ')}`);
  },
};
