import { fail, pass, ReadinessRule } from '../rule';

export const FlowLogs: ReadinessRule = {
  id: 'RDY-OBS-2',
  weight: 5,
  description: 'Network flow logs are recorded',
  evaluate: (f) => (f.flowLogs ? pass('flow logs on') : fail('no flow logs')),
};
