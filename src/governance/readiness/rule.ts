import { PlatformFacts } from '../../core/facts';

/** Outcome of one readiness rule on one platform. Internal shape. */
export interface RuleOutcome {
  /** 'pass', 'fail', or 'n/a' (the rule does not apply). */
  status: 'pass' | 'fail' | 'n/a';
  /** Why. */
  detail: string;
}

/** A readiness rule, shaped like a cdk-nag rule: id, weight, what it checks, one file each. Internal shape. */
export interface ReadinessRule {
  readonly id: string;
  readonly weight: number;
  readonly description: string;
  evaluate(facts: PlatformFacts): RuleOutcome;
}

export const pass = (detail: string): RuleOutcome => ({ status: 'pass', detail });
export const fail = (detail: string): RuleOutcome => ({ status: 'fail', detail });
export const na = (detail: string): RuleOutcome => ({ status: 'n/a', detail });
