import { fail, na, pass, ReadinessRule } from '../rule';

export const CustomerManagedKeys: ReadinessRule = {
  id: 'RDY-SEC-1',
  weight: 5,
  description: 'Data is encrypted with a customer-managed key (rotation and revocation under the owner\'s control)',
  evaluate: (f) => (f.storage.length === 0 ? na('no data storage') : f.storage.every((s) => s.customerManagedKey) ? pass('customer-managed keys') : fail('provider-managed keys')),
};
