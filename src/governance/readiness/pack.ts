import { ReadinessRule } from './rule';
import { factsFromCloudFormation } from '../facts/cloudformation';
import { PlatformFacts } from '../facts/facts';
import { factsFromAzureTerraform, factsFromGoogleTerraform } from '../facts/terraform';
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

/** The readiness pack: rules and their weights (they sum to 110; the score normalizes over the rules that apply). */
const RULES: ReadinessRule[] = [
  FullBandwidth, Placement, TieredStorage, Versioning, CustomerManagedKeys, PrivateNetworking,
  EndpointAutoscaling, Alarms, InterruptibleTraining, CostTags, FlowLogs,
];

/** One rule's result. */
export interface ReadinessResult {
  /** Rule id. */
  readonly ruleId: string;
  /** Weight in the score. */
  readonly weight: number;
  /** pass, fail or n/a. */
  readonly status: string;
  /** What the rule checks. */
  readonly description: string;
  /** Why it passed or failed. */
  readonly detail: string;
}

/** A readiness report. */
export interface ReadinessReport {
  /** 0-100: the weights of passed rules over the weights of the rules that apply. */
  readonly score: number;
  /** Each rule's result. */
  readonly results: ReadinessResult[];
}

/** A rule of the pack. */
export interface ReadinessRuleInfo {
  readonly id: string;
  readonly weight: number;
  readonly description: string;
}

/**
 * Platform readiness, computed from the synthesized output of a stack on any cloud.
 *
 * Rules (weight): full-bandwidth interconnect (20), private networking (15), placement (10), tiered storage (10),
 * versioning (10), endpoint autoscaling (10), alarms (10), spot or scale-to-zero training (10), customer-managed
 * keys (5), cost tags (5), flow logs (5). Score = 100 x (weights passed) / (weights of the rules that apply).
 */
export class Readiness {
  /** The rules of the pack. */
  public static rules(): ReadinessRuleInfo[] {
    return RULES.map((r) => ({ id: r.id, weight: r.weight, description: r.description }));
  }

  /** Evaluates a synthesized CloudFormation template. */
  public static ofCloudFormation(template: any): ReadinessReport {
    return Readiness.evaluate(factsFromCloudFormation(template));
  }

  /**
   * Evaluates a synthesized Terraform document.
   *
   * @param cloud `gcp` or `azure`
   * @param stackName the stack's name (for fleet paths)
   */
  public static ofTerraform(cloud: string, document: any, stackName: string): ReadinessReport {
    if (cloud !== 'gcp' && cloud !== 'azure') throw new Error(`[ai-infra] Readiness.ofTerraform: cloud = '${cloud}': allowed: gcp or azure`);
    return Readiness.evaluate(cloud === 'gcp' ? factsFromGoogleTerraform(document, stackName) : factsFromAzureTerraform(document, stackName));
  }

  private static evaluate(facts: PlatformFacts): ReadinessReport {
    const results = RULES.map((r) => {
      const o = r.evaluate(facts);
      return { ruleId: r.id, weight: r.weight, status: o.status, description: r.description, detail: o.detail };
    });
    const applicable = results.filter((r) => r.status !== 'n/a');
    const total = applicable.reduce((n, r) => n + r.weight, 0);
    const passed = applicable.filter((r) => r.status === 'pass').reduce((n, r) => n + r.weight, 0);
    return { score: total === 0 ? 100 : Math.round((100 * passed) / total), results };
  }

  private constructor() {}
}
