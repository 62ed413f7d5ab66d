import { PlatformOptions } from '../core/plan';
import { DataSensitivity, WorkloadPattern, WorkloadRequirements } from '../core/requirements';

/** A named set of requirements the demo synthesizes. */
export interface Scenario {
  name: string;
  description: string;
  requirements: WorkloadRequirements;
  /** Platform options beyond the selection (site, edge location). */
  platform: PlatformOptions;
}

/**
 * Public half of an ed25519 key generated for the demo; its private half was discarded at generation,
 * so nobody can use it. People reach the nodes through Entra ID (AADSSHLoginForLinux).
 */
export const DEMO_ADMIN_SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-demo (private key discarded)';

/**
 * The embedded default scenarios: one per selector rule, so the three strategies all appear.
 */
export const DEFAULT_SCENARIOS: Scenario[] = [
  {
    name: 'regulated-records',
    description: 'Clinical records model: high sensitivity keeps raw data on premises',
    requirements: {
      dataSensitivity: DataSensitivity.HIGH,
      workloadPattern: WorkloadPattern.STEADY,
      latencyBudgetMs: 150,
      trainingGpus: 16,
    },
    // the site: an RFC 5737 documentation address stands for the site's VPN device
    platform: { project: 'clinic-ai', workload: 'records-model', onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '203.0.113.10', bgpAsn: 65010 } },
  },
  {
    name: 'bursty-research',
    description: 'Research lab fine-tuning in bursts on public data',
    requirements: {
      dataSensitivity: DataSensitivity.LOW,
      workloadPattern: WorkloadPattern.BURSTY,
      latencyBudgetMs: 300,
      trainingGpus: 64,
    },
    platform: { project: 'research-lab', workload: 'fine-tuning' },
  },
  {
    name: 'factory-vision',
    description: 'Visual inspection on the production line with a 15 ms budget',
    requirements: {
      dataSensitivity: DataSensitivity.MEDIUM,
      workloadPattern: WorkloadPattern.STEADY,
      latencyBudgetMs: 15,
      trainingGpus: 8,
    },
    // the Distributed Cloud Edge zone the factory's racks would form once installed
    platform: { project: 'factory-vision', workload: 'inspection', edgeNodeLocation: 'us-east4-edge-factory1' },
  },
];
