import { DataSensitivity, WorkloadPattern, WorkloadRequirements } from '../core/requirements';

/** A named set of requirements the demo synthesizes. */
export interface Scenario {
  name: string;
  description: string;
  requirements: WorkloadRequirements;
}

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
  },
];
