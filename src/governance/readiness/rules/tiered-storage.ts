import { fail, na, pass, ReadinessRule } from '../rule';

export const TieredStorage: ReadinessRule = {
  id: 'RDY-STO-1',
  weight: 10,
  description: 'Data storage moves objects to colder tiers (lifecycle tiers, Intelligent-Tiering, Autoclass)',
  evaluate: (f) => {
    if (f.storage.length === 0) return na('no data storage');
    return f.storage.every((s) => s.tiered) ? pass(f.storage.map((s) => s.classes.join(' > ') || 'access-based').join('; ')) : fail('a data store keeps everything in the hot tier');
  },
};
