import * as fs from 'fs';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Readiness } from './pack';
import { cloudDefinitions } from '../../clouds';
import { Annotations, IAspect, TerraformStack } from '../../tf';

/** Options of the readiness checks. */
export interface ReadinessChecksProps {
  /**
   * Synthesis fails below this score (0-100).
   * @default 0 - report only
   */
  readonly minimumScore?: number;
}

/**
 * The readiness pack as an aws-cdk-lib policy validation plugin:
 * `Validations.of(app).addPlugins(new ReadinessChecks({ minimumScore: 80 }))`.
 * Each failed rule is reported with its template; synthesis fails only below `minimumScore`.
 */
export class ReadinessChecks implements IPolicyValidationPlugin {
  public readonly name = 'ai-infra-readiness';
  public readonly ruleIds?: string[] = Readiness.rules().map((r) => r.id);
  private readonly minimumScore: number;

  constructor(props: ReadinessChecksProps = {}) {
    this.minimumScore = props.minimumScore ?? 0;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    let success = true;
    for (const templatePath of context.templatePaths) {
      const report = Readiness.ofCloudFormation(JSON.parse(fs.readFileSync(templatePath, 'utf8')));
      if (report.score < this.minimumScore) success = false;
      for (const r of report.results.filter((x) => x.status === 'fail')) {
        violations.push({
          ruleName: r.ruleId,
          description: `${r.description} (weight ${r.weight}; readiness score ${report.score})`,
          fix: r.detail,
          severity: report.score < this.minimumScore ? 'error' : 'warning',
          violatingResources: [{ resourceLogicalId: 'Stack', templatePath, locations: ['Resources'] }],
        });
      }
    }
    return { success, violations, metadata: { minimumScore: String(this.minimumScore) } };
  }
}

/**
 * The readiness pack as a cdktf Aspect: `Aspects.of(stack).add(new ReadinessAspect({ minimumScore: 80 }))`.
 * Adds the score and each failed rule as warnings on the stack, and an error below `minimumScore`.
 */
export class ReadinessAspect implements IAspect {
  private readonly minimumScore: number;

  constructor(props: ReadinessChecksProps = {}) {
    this.minimumScore = props.minimumScore ?? 0;
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const doc = node.toTerraform();
    const cloud = cloudDefinitions().find((c) => c.engine === 'terraform' && c.owns(doc));
    if (!cloud) return;
    const report = Readiness.ofTerraform(cloud.cloud, doc, node.node.id);
    const a = Annotations.of(node);
    a.addInfo(`[ai-infra-readiness] score ${report.score}/100`);
    for (const r of report.results.filter((x) => x.status === 'fail')) a.addWarning(`[ai-infra-readiness] ${r.ruleId}: ${r.description}: ${r.detail}`);
    if (report.score < this.minimumScore) a.addError(`[ai-infra-readiness] score ${report.score} is below the minimum ${this.minimumScore}`);
  }
}
