import { evaluateReadiness, RULES } from './evaluate';
import { cloudDefinition, cloudOfDocument, terraformCloud } from '../../clouds';
import { PlatformFacts } from '../../core/facts';

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

  /** Evaluates a synthesized stack of any cloud (the cloud is read from the stack's facts manifest). */
  public static of(document: any): ReadinessReport {
    return Readiness.evaluate(cloudOfDocument(document, 'Readiness.of').readFacts(document));
  }

  /** Evaluates a synthesized CloudFormation template. */
  public static ofCloudFormation(template: any): ReadinessReport {
    return Readiness.evaluate(cloudDefinition('aws', 'Readiness.ofCloudFormation').readFacts(template));
  }

  /**
   * Evaluates a synthesized Terraform document.
   *
   * @param cloud `gcp` or `azure`
   * @param stackName the stack's name (for fleet paths)
   */
  public static ofTerraform(cloud: string, document: any, stackName: string): ReadinessReport {
    void stackName;
    return Readiness.evaluate(terraformCloud(cloud, 'Readiness.ofTerraform').readFacts(document));
  }

  private static evaluate(facts: PlatformFacts): ReadinessReport {
    return evaluateReadiness(facts);
  }

  private constructor() {}
}

