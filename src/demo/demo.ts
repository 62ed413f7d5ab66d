import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY, Scenario } from './scenarios';
import { selectionToJson, StackJson, SummaryJson } from './summary';
import { AwsPlatformStack } from '../aws/platform-stack';
import { AzurePlatformStack } from '../azure/platform-stack';
import { cloudDefinition } from '../clouds';
import { PlatformFacts } from '../core/facts';
import { StrategySelector } from '../core/strategy';
import { GcpPlatformStack } from '../gcp/platform-stack';
import { estimateCost } from '../governance/cost/estimate';
import { evaluateReadiness } from '../governance/readiness/evaluate';
import { TerraformPolicyChecks } from '../terraform/policy-pack';
import { TerraformApp, TerraformStack } from '../tf';

export interface DemoOptions {
  /** Output folder. */
  out: string;
  /** Scenarios to synthesize (default: the embedded ones). */
  scenarios?: Scenario[];
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/** CloudFormation limits the demo keeps to (aws-cdk warns from 400 resources; 1 MB from S3). */
const MAX_RESOURCES = 400;
const MAX_TEMPLATE_BYTES = 1_000_000;

/**
 * Synthesizes a platform per scenario and cloud offline: `DIR/aws` (a cloud assembly), `DIR/terraform`
 * (cdktf output) and `DIR/summary.json`, whose figures are read back from the synthesized files.
 */
export function runDemo(options: DemoOptions): SummaryJson {
  const log = options.log ?? (() => undefined);
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const out = path.resolve(options.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const summary: SummaryJson = { version: 1, selections: [], stacks: [] };
  const awsApp = new App({ outdir: path.join(out, 'aws'), context: { 'aws:cdk:enable-path-metadata': true } });
  const tfApp = new TerraformApp({ outdir: path.join(out, 'terraform'), stackTraces: false });
  const aws: Array<{ scenario: Scenario; stack: AwsPlatformStack }> = [];
  const tf: Array<{ scenario: Scenario; stack: TerraformStack; cloud: 'gcp' | 'azure'; strategy: string }> = [];

  for (const s of scenarios) {
    const selection = StrategySelector.select(s.requirements);
    summary.selections.push(selectionToJson(selection, s.name));
    log(`selected ${selection.strategy.padEnd(12)} for ${s.name}`);
    aws.push({ scenario: s, stack: new AwsPlatformStack(awsApp, `${s.name}-aws`, { ...s.platform, selection, env: { region: 'us-east-1' } }) });
    tf.push({
      scenario: s,
      cloud: 'gcp',
      strategy: selection.strategy,
      stack: new GcpPlatformStack(tfApp, `${s.name}-gcp`, { ...s.platform, selection, gcpProject: `${s.platform.project}-ml`, region: 'us-east4' }),
    });
    tf.push({
      scenario: s,
      cloud: 'azure',
      strategy: selection.strategy,
      stack: new AzurePlatformStack(tfApp, `${s.name}-azure`, { ...s.platform, selection, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY }),
    });
  }

  awsApp.synth();
  for (const { scenario, stack } of aws) {
    const file = path.join('aws', `${stack.artifactId}.template.json`);
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    const template = JSON.parse(text);
    const count = Object.keys(template.Resources ?? {}).length;
    if (count > MAX_RESOURCES || Buffer.byteLength(text) > MAX_TEMPLATE_BYTES) {
      throw new Error(`[ai-infra] ${stack.stackName}: ${count} resources, ${Buffer.byteLength(text)} bytes; limits are ${MAX_RESOURCES} resources and ${MAX_TEMPLATE_BYTES} bytes`);
    }
    const facts = cloudDefinition('aws').readFacts(template);
    const cost = estimateCost(facts).monthlyUsd;
    const score = evaluateReadiness(facts).score;
    summary.stacks.push(stackEntry(stack.stackName, scenario.name, 'aws', stack.plan.strategy, 'cloudformation', file, count, fleetsJson(facts), cost, score));
    log(`synthesized ${stack.stackName.padEnd(24)} aws    ${stack.plan.strategy.padEnd(12)} ${count} resources, readiness ${score}, $${cost}/month -> ${file}`);
  }

  tfApp.synth();
  for (const { scenario, stack, cloud, strategy } of tf) {
    const name = stack.node.id;
    const file = path.join('terraform', 'stacks', name, 'cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
    const report = TerraformPolicyChecks.check(doc);
    if (report.findings.length > 0) {
      throw new Error(`[ai-infra] policy checks failed on ${file}:\n${report.findings.map((f) => `  - ${f.ruleId} ${f.address}: ${f.message}`).join('\n')}`);
    }
    const definition = cloudDefinition(cloud);
    const facts = definition.readFacts(doc);
    const count = definition.resourceCount(doc);
    const cost = estimateCost(facts).monthlyUsd;
    const score = evaluateReadiness(facts).score;
    summary.stacks.push(stackEntry(name, scenario.name, cloud, strategy, 'terraform', file, count, fleetsJson(facts), cost, score));
    log(`synthesized ${name.padEnd(24)} ${cloud.padEnd(6)} ${strategy.padEnd(12)} ${count} resources, ${report.evaluations} policy evaluations, 0 findings, readiness ${score}, $${cost}/month -> ${file}`);
  }

  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  log(`wrote ${path.join(out, 'summary.json')}`);
  return summary;
}

/** The summary's fleet figures, from the facts read back from the synthesized output. */
function fleetsJson(facts: PlatformFacts): StackJson['fleets'] {
  return facts.fleets.map((f) => ({ path: f.path, instanceType: f.instanceType, nodes: f.nodes, configuredGbps: f.configuredGbps, maxGbps: f.maxGbps }));
}

function stackEntry(name: string, scenario: string, cloud: StackJson['cloud'], strategy: string, engine: StackJson['engine'],
  template: string, resourceCount: number, fleets: StackJson['fleets'], estimatedMonthlyCostUsd: number, readinessScore: number): StackJson {
  return { name, scenario, cloud, strategy, engine, template, resourceCount, fleets, estimatedMonthlyCostUsd, readinessScore };
}
