import { ReadinessReport } from './pack';
import { ReadinessRule } from './rule';
import { Alarms } from './rules/alarms';
import { CostTags } from './rules/cost-tags';
import { CustomerManagedKeys } from './rules/customer-managed-keys';
import { EndpointAutoscaling } from './rules/endpoint-autoscaling';
import { FlowLogs } from './rules/flow-logs';
import { FullBandwidth } from './rules/full-bandwidth';
import { InterruptibleTraining } from './rules/interruptible-training';
import { Placement } from './rules/placement';
import { PrivateNetworking } from './rules/private-networking';
import { TieredStorage } from './rules/tiered-storage';
import { Versioning } from './rules/versioning';
import { PlatformFacts } from '../../core/facts';

/** The readiness pack: rules and their weights (they sum to 110; the score normalizes over the rules that apply). */
export const RULES: ReadinessRule[] = [
  FullBandwidth, Placement, TieredStorage, Versioning, CustomerManagedKeys, PrivateNetworking,
  EndpointAutoscaling, Alarms, InterruptibleTraining, CostTags, FlowLogs,
];

/** The readiness of facts already read (the demo and the CLI read each stack once for cost and readiness). Internal. */
export function evaluateReadiness(facts: PlatformFacts): ReadinessReport {
  const results = RULES.map((r) => {
    const o = r.evaluate(facts);
    return { ruleId: r.id, weight: r.weight, status: o.status, description: r.description, detail: o.detail };
  });
  const applicable = results.filter((r) => r.status !== 'n/a');
  const total = applicable.reduce((n, r) => n + r.weight, 0);
  const passed = applicable.filter((r) => r.status === 'pass').reduce((n, r) => n + r.weight, 0);
  return { score: total === 0 ? 100 : Math.round((100 * passed) / total), results };
}
