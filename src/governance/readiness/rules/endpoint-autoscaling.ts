import { fail, na, pass, ReadinessRule } from '../rule';

export const EndpointAutoscaling: ReadinessRule = {
  id: 'RDY-EP-1',
  weight: 10,
  description: 'Model endpoints scale with traffic (autoscaling between a minimum and a maximum)',
  evaluate: (f) => {
    const served = f.endpoints.filter((e) => e.maxInstances > 0 && !e.pending);
    if (served.length === 0) return na(f.endpoints.some((e) => e.pending) ? 'no endpoint with instances (pending: no model artifact yet)' : 'no endpoint with instances');
    return served.every((e) => e.autoscaling) ? pass(served.map((e) => `${e.instanceType} ${e.minInstances}-${e.maxInstances}`).join('; ')) : fail('an endpoint has a fixed size');
  },
};
