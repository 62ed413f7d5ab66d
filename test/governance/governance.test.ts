import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Aspects, Testing } from 'cdktf';
import { CostEstimator, Readiness, ReadinessAspect, ReadinessChecks, Recommendations, StrategySelector, AwsPlatformStack, GcpPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';
import { runCli, synthTerraform } from '../helpers';

const [hybrid, cloudFirst] = DEFAULT_SCENARIOS;
function awsTemplate(s = cloudFirst, region?: string): any {
  return Template.fromStack(new AwsPlatformStack(new App(), 'P', {
    ...s.platform, modelArtifact: 'models/model.tar.gz', selection: StrategySelector.select(s.requirements), ...(region ? { env: { region } } : {}),
  })).toJSON();
}

describe('Readiness', () => {
  test('the pack lists rules with weights; one rule per file', () => {
    const rules = Readiness.rules();
    expect(rules.map((r) => r.id)).toContain('RDY-NET-1');
    expect(rules.find((r) => r.id === 'RDY-NET-1')!.weight).toBe(20);
    expect(fs.readdirSync(path.join(__dirname, '../../src/governance/readiness/rules'))).toHaveLength(rules.length);
  });

  test('the cloud-first AWS platform passes full bandwidth, placement, tiering, spot; score from the weights', () => {
    const r = Readiness.ofCloudFormation(awsTemplate());
    const status = Object.fromEntries(r.results.map((x) => [x.ruleId, x.status]));
    expect(status).toMatchObject({ 'RDY-NET-1': 'pass', 'RDY-PLC-1': 'pass', 'RDY-STO-1': 'pass', 'RDY-COST-1': 'pass', 'RDY-OBS-1': 'pass', 'RDY-SEC-1': 'fail' });
    // everything applies; only customer-managed keys (5 of 110) fails
    expect(r.score).toBe(Math.round((100 * 105) / 110));
  });

  test('one EFA interface instead of 32 fails the bandwidth rule and drops the score', () => {
    const t = awsTemplate();
    const lt: any = Object.values(t.Resources).find((x: any) => x.Type === 'AWS::EC2::LaunchTemplate');
    lt.Properties.LaunchTemplateData.NetworkInterfaces = lt.Properties.LaunchTemplateData.NetworkInterfaces.slice(0, 2);
    const r = Readiness.ofCloudFormation(t);
    expect(r.results.find((x) => x.ruleId === 'RDY-NET-1')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Training.*: 100 of 3200 Gbps$/) });
    expect(r.score).toBeLessThan(Readiness.ofCloudFormation(awsTemplate()).score - 15);
  });

  test('as a CDK policy validation plugin: fails synthesis below the minimum score', () => {
    const app = new App();
    new AwsPlatformStack(app, 'P', { ...hybrid.platform, selection: StrategySelector.select(hybrid.requirements) });
    Validations.of(app).addPlugins(new ReadinessChecks({ minimumScore: 100 }));
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const spyLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(() => app.synth()).toThrow();
    const ok = new App();
    new Stack(ok, 'Empty');
    Validations.of(ok).addPlugins(new ReadinessChecks());
    expect(() => ok.synth()).not.toThrow();
    spy.mockRestore(); spyLog.mockRestore();
  });

  test('as a cdktf Aspect: the score and failed rules as annotations', () => {
    const stack = new GcpPlatformStack(Testing.app(), 'p', { ...cloudFirst.platform, selection: StrategySelector.select(cloudFirst.requirements), gcpProject: 'demo-project', region: 'us-east4' });
    Aspects.of(stack).add(new ReadinessAspect());
    Testing.synth(stack);
    const messages = stack.node.metadata.map((m) => String(m.data));
    expect(messages.find((m) => /score \d+\/100/.test(m))).toBeDefined();
    expect(messages.some((m) => m.includes('RDY-SEC-1'))).toBe(true); // cloud-first keeps provider-managed keys
  });
});

describe('CostEstimator', () => {
  test('fleet: nodes x hours x the observed spot price; each line with its price source', () => {
    const e = CostEstimator.ofCloudFormation(awsTemplate());
    const fleet = e.lines.find((l) => l.item.startsWith('fleet'))!;
    const hours = 65 * (730 / 168); // 13 h x 5 days a week
    expect(fleet.monthlyUsd).toBeCloseTo(8 * hours * 25.75, 0);
    expect(fleet.price!.source).toContain('skypilot');
    expect(fleet.basis).toContain('spot 25.75 $/h observed us-east-1 2026-11-01');
    expect(e.monthlyUsd).toBeGreaterThan(fleet.monthlyUsd);
    expect(e.lines.find((l) => l.item.startsWith('endpoint'))!.monthlyUsd).toBeCloseTo(730 * 1.41, 1);
  });

  test('hybrid adds the VPN hours; data size scales storage', () => {
    const e = CostEstimator.ofCloudFormation(awsTemplate(hybrid), { dataTiB: 100 });
    expect(e.lines.find((l) => l.item === 'vpn-connection')!.monthlyUsd).toBeCloseTo(730 * 0.05, 1);
    const small = CostEstimator.ofCloudFormation(awsTemplate(hybrid), { dataTiB: 10 });
    expect(e.lines.find((l) => l.item.startsWith('storage'))!.monthlyUsd).toBeCloseTo(10 * small.lines.find((l) => l.item.startsWith('storage'))!.monthlyUsd, 0);
  });

  test('a type without a catalog price is listed as unpriced, not guessed', () => {
    const doc = synthTerraform(new GcpPlatformStack(Testing.app(), 'p', {
      ...DEFAULT_SCENARIOS[2].platform, selection: StrategySelector.select(DEFAULT_SCENARIOS[2].requirements), gcpProject: 'demo-project', region: 'us-east4',
    }));
    const fleet = CostEstimator.ofTerraform('gcp', doc, 'p').lines.find((l) => l.item.startsWith('fleet'))!;
    expect(fleet).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    expect(fleet.basis).toContain('g2-standard-4: no price in the catalog');
  });
});

describe('ai-infra cost and audit (spawned)', () => {
  test('cost --template prints the total and priced lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-'));
    const file = path.join(dir, 'p.template.json');
    fs.writeFileSync(file, JSON.stringify(awsTemplate()));
    const r = runCli(['cost', '--template', file, '--json']);
    expect(r.status).toBe(0);
    const [result] = JSON.parse(r.stdout);
    expect(result.cloud).toBe('aws');
    expect(result.monthlyUsd).toBe(CostEstimator.ofCloudFormation(awsTemplate()).monthlyUsd);
    expect(result).toMatchObject({ complete: true, unpricedItems: [], hoursPerMonth: 730 });
    const text = runCli(['cost', '--template', file]);
    // an environment-agnostic stack: neither the template nor its facts manifest names a region
    expect(text.stdout).toMatch(/^STACK\s+CLOUD\s+REGION\s+\$\/MONTH\s+UNPRICED.*\np\s+aws\s+not in the output\s+\$[\d,]+\.\d\d\n/);
    expect(text.stdout).toContain('us-east-1 price: the output does not name the stack\'s region');
    const bad = runCli(['cost', '--data-tib', '-1']);
    expect(bad.status).toBe(2);
  });

  test('cost --template on a stack with env.region eu-west-1: the region from the facts manifest, us-east-1 prices standing in for it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-'));
    const file = path.join(dir, 'p.template.json');
    fs.writeFileSync(file, JSON.stringify(awsTemplate(cloudFirst, 'eu-west-1')));
    const text = runCli(['cost', '--template', file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^STACK\s+CLOUD\s+REGION\s+\$\/MONTH.*\np\s+aws\s+eu-west-1\s+\$[\d,]+\.\d\d\n/);
    expect(text.stdout).toMatch(/fleet P\/\S+ .*\(us-east-1 price standing in for eu-west-1\)/);
    expect(text.stdout).not.toContain('does not name the stack\'s region');
    const [json] = JSON.parse(runCli(['cost', '--template', file, '--json']).stdout);
    expect(json.region).toBe('eu-west-1');
    expect(json.lines.find((l: any) => l.item.startsWith('fleet')).standsInFor).toBe('eu-west-1');
  });

  test('audit with a fake nvidia-smi on PATH reads the GPUs', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'smi-'));
    fs.writeFileSync(path.join(bin, 'nvidia-smi'), '#!/bin/sh\nfor i in 1 2; do echo "NVIDIA H100 80GB HBM3, 81559, 9.0, 550.54.15"; done\n', { mode: 0o755 });
    const r = runCli(['audit', '--json'], { PATH: `${bin}:${process.env.PATH}` });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.nvidiaSmi).toBe('found');
    expect(j.gpus).toEqual([
      { name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, computeCapability: '9.0', driverVersion: '550.54.15' },
      { name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, computeCapability: '9.0', driverVersion: '550.54.15' },
    ]);
    expect(j.checks.filter((c: any) => ['gpu', 'gpu-memory', 'compute-capability', 'driver'].includes(c.check)).every((c: any) => c.passed)).toBe(true);
    expect(j.score).toBeGreaterThanOrEqual(80);
  });

  test('audit with an old GPU recommends bf16-capable hardware', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'smi-'));
    fs.writeFileSync(path.join(bin, 'nvidia-smi'), '#!/bin/sh\necho "Tesla T4, 15360, 7.5, 470.82.01"\n', { mode: 0o755 });
    const j = JSON.parse(runCli(['audit', '--json'], { PATH: `${bin}:${process.env.PATH}` }).stdout);
    expect(j.checks.find((c: any) => c.check === 'compute-capability').passed).toBe(false);
    expect(j.recommendations.join(' ')).toMatch(/no bf16/);
    expect(j.recommendations.join(' ')).toMatch(/older than 535/);
  });

  test('audit without nvidia-smi scores no GPU and says so', () => {
    const r = runCli(['audit'], { PATH: '/nonexistent' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/gpus: {2}none \(nvidia-smi not found\)/);
    expect(r.stdout).toMatch(/No local GPU/);
  });
});

describe('Recommendations', () => {

  test('an on-demand, always-on p5 fleet: spot and scale-to-zero savings from the catalog', () => {
    const t = awsTemplate(hybrid);
    const recs = Recommendations.ofCloudFormation(t);
    const fleet = CostEstimator.ofCloudFormation(t).lines.find((l) => l.item.startsWith('fleet'))!.monthlyUsd;
    // on-demand minus spot at the observation the basis names: p5 55.04 against spot 25.75 $/h
    const spot = recs.find((r) => r.id === 'spot')!;
    expect(spot.monthlySavingUsd).toBeCloseTo(fleet * (1 - 25.75 / 55.04), 1);
    expect(spot.basis).toContain('spot 25.75 $/h observed us-east-1 2026-11-01');
    expect(recs.find((r) => r.id === 'scale-to-zero')!.monthlySavingUsd).toBeCloseTo(fleet * (1 - 65 / 168), 1);
    expect(recs.map((r) => r.monthlySavingUsd)).toEqual([...recs.map((r) => r.monthlySavingUsd)].sort((a, b) => b - a));
  });

  test('cheaper inference hardware than ml.g5.xlarge, priced by the EC2 ratio', () => {
    const recs = Recommendations.ofCloudFormation(awsTemplate());
    const g6 = recs.find((r) => r.action.includes('ml.g6.xlarge'));
    expect(g6!.monthlySavingUsd).toBeCloseTo(730 * 1.41 * (1 - 0.8048 / 1.006), 1);
    expect(recs.some((r) => r.id === 'spot')).toBe(false); // already spot
  });

  test('ai-infra recommend --template --json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-'));
    const file = path.join(dir, 'p.template.json');
    fs.writeFileSync(file, JSON.stringify(awsTemplate(hybrid)));
    const r = runCli(['recommend', '--template', file, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].recommendations.map((x: any) => x.id)).toEqual(expect.arrayContaining(['spot', 'scale-to-zero', 'inference-hardware']));
  });
});
