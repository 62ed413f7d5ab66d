import { fail, na, pass, ReadinessRule } from '../rule';

export const Versioning: ReadinessRule = {
  id: 'RDY-STO-2',
  weight: 10,
  description: 'Data and model storage keeps versions (a bad write or a deleted model can be recovered)',
  evaluate: (f) => (f.storage.length === 0 ? na('no data storage') : f.storage.every((s) => s.versioned) ? pass('versioned') : fail('versioning is off')),
};
