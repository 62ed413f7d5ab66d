import { fail, pass, ReadinessRule } from '../rule';

export const Alarms: ReadinessRule = {
  id: 'RDY-OBS-1',
  weight: 10,
  description: 'Alarms watch the platform (fleet health, GPU idleness, endpoint latency and errors)',
  evaluate: (f) => (f.alarms > 0 ? pass(`${f.alarms} alarms`) : fail('no alarms')),
};
