import { fail, pass, ReadinessRule } from '../rule';

export const PrivateNetworking: ReadinessRule = {
  id: 'RDY-NET-2',
  weight: 15,
  description: 'No public IPs on GPU nodes, no ingress open to the internet, endpoints reachable privately only',
  evaluate: (f) => {
    const issues: string[] = [];
    if (f.publicIps > 0) issues.push(`${f.publicIps} fleet(s) with public IPs`);
    if (f.openIngress > 0) issues.push(`${f.openIngress} rule(s) open to the internet`);
    if (f.endpoints.some((e) => !e.private)) issues.push('a public endpoint');
    return issues.length === 0 ? pass('private') : fail(issues.join('; '));
  },
};
