import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { AwsReferenceStack } from './aws-reference';
import { AzureReferenceStack } from './azure-reference';
import { GcpReferenceStack } from './gcp-reference';
import { awsFleetsFromTemplate } from './inspect';
import { azureFleetsFromTerraform, gcpFleetsFromTerraform, terraformResourceCount } from './inspect-tf';
import { DEFAULT_SCENARIOS, Scenario } from './scenarios';
import { selectionToJson, SummaryJson } from './summary';
import { StrategySelector } from '../core/strategy';
import { TerraformPolicyChecks } from '../governance/terraform/pack';
import { TerraformApp } from '../tf';

export interface DemoOptions {
  /** Output folder. */
  out: string;
  /** Scenarios to synthesize (default: the embedded ones). */
  scenarios?: Scenario[];
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/**
 * Synthesizes the scenarios offline and writes `summary.json` (and, as the cloud renderers land,
 * `aws/` and `terraform/`).
 */
export function runDemo(options: DemoOptions): SummaryJson {
  const log = options.log ?? (() => undefined);
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const out = path.resolve(options.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const summary: SummaryJson = { version: 1, selections: [], stacks: [] };
  for (const s of scenarios) {
    const selection = StrategySelector.select(s.requirements);
    summary.selections.push(selectionToJson(selection, s.name));
    log(`selected ${selection.strategy.padEnd(12)} for ${s.name}`);
  }

  // AWS reference platform: the four AWS constructs composed the cloud-first way
  // (elastic training fleet, tiered data lake with a high-throughput tier, autoscaled endpoint).
  const awsOut = path.join(out, 'aws');
  const app = new App({ outdir: awsOut, context: { 'aws:cdk:enable-path-metadata': true } });
  const reference = new AwsReferenceStack(app, 'AiInfraAwsReference', {
    description: 'ai-infra-constructs AWS reference platform (p5.48xlarge training fleet, tiered storage, SageMaker endpoint)',
  });
  app.synth();
  const templateFile = path.join('aws', `${reference.artifactId}.template.json`);
  const template = JSON.parse(fs.readFileSync(path.join(out, templateFile), 'utf8'));
  summary.stacks.push({
    name: reference.stackName,
    scenario: 'reference',
    cloud: 'aws',
    strategy: 'cloud-first',
    engine: 'cloudformation',
    template: templateFile,
    resourceCount: Object.keys(template.Resources ?? {}).length,
    fleets: awsFleetsFromTemplate(template),
  });
  log(`synthesized ${reference.stackName} (aws, ${Object.keys(template.Resources).length} resources) -> ${templateFile}`);

  // Terraform reference platforms (offline cdktf synth).
  const tfApp = new TerraformApp({ outdir: path.join(out, 'terraform'), stackTraces: false });
  const tfStacks = [
    { stack: new GcpReferenceStack(tfApp, 'gcp-reference'), cloud: 'gcp' as const, fleets: gcpFleetsFromTerraform },
    { stack: new AzureReferenceStack(tfApp, 'azure-reference'), cloud: 'azure' as const, fleets: azureFleetsFromTerraform },
  ];
  tfApp.synth();
  for (const t of tfStacks) {
    const file = path.join('terraform', 'stacks', t.stack.node.id, 'cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
    const report = TerraformPolicyChecks.check(doc);
    if (report.findings.length > 0) {
      throw new Error(`[ai-infra] policy checks failed on ${file}:\n${report.findings.map((f) => `  - ${f.ruleId} ${f.address}: ${f.message}`).join('\n')}`);
    }
    summary.stacks.push({
      name: t.stack.node.id,
      scenario: 'reference',
      cloud: t.cloud,
      strategy: 'cloud-first',
      engine: 'terraform',
      template: file,
      resourceCount: terraformResourceCount(doc),
      fleets: t.fleets(doc, t.stack.node.id),
    });
    log(`synthesized ${t.stack.node.id} (${t.cloud}, ${terraformResourceCount(doc)} resources, ${report.evaluations} policy evaluations, 0 findings) -> ${file}`);
  }

  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  log(`wrote ${path.join(out, 'summary.json')}`);
  return summary;
}
