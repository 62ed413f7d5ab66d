import { fail, pass, ReadinessRule } from '../rule';

export const CostTags: ReadinessRule = {
  id: 'RDY-COST-2',
  weight: 5,
  description: 'Resources carry the cost-allocation tags project, strategy and workload',
  evaluate: (f) => (f.costTags ? pass('tagged') : fail('cost-allocation tags missing')),
};
