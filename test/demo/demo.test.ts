import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsFleetsFromTemplate } from '../../src/demo/inspect';
import { runCli } from '../helpers';

describe('npm run demo', () => {
  test('writes summary.json with a hybrid, a cloud-first and an edge-centric selection', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
    const r = runCli(['demo', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[demo\] selected hybrid\s+for regulated-records/);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.version).toBe(1);
    expect(summary.selections.map((s: any) => [s.scenario, s.strategy])).toEqual([
      ['regulated-records', 'hybrid'],
      ['bursty-research', 'cloud-first'],
      ['factory-vision', 'edge-centric'],
    ]);
    for (const s of summary.selections) {
      expect(Object.keys(s.scores)).toEqual(['cloud-first', 'hybrid', 'edge-centric']);
      expect(s.scores[s.strategy]).toBe(Math.max(...Object.values<number>(s.scores)));
      expect(s.rationale.length).toBeGreaterThan(1);
    }
    const aws = summary.stacks.find((x: any) => x.cloud === 'aws');
    expect(aws).toMatchObject({ engine: 'cloudformation', template: 'aws/AiInfraAwsReference.template.json' });
    const template = JSON.parse(fs.readFileSync(path.join(out, aws.template), 'utf8'));
    expect(aws.resourceCount).toBe(Object.keys(template.Resources).length);
    expect(aws.fleets).toEqual([{ path: 'AiInfraAwsReference/Training', instanceType: 'p5.48xlarge', nodes: 2, configuredGbps: 3200, maxGbps: 3200 }]);
    expect(fs.existsSync(path.join(out, 'aws/manifest.json'))).toBe(true);
    const gcp = summary.stacks.find((x: any) => x.cloud === 'gcp');
    expect(gcp).toMatchObject({ engine: 'terraform', template: 'terraform/stacks/gcp-reference/cdk.tf.json' });
    const doc = JSON.parse(fs.readFileSync(path.join(out, gcp.template), 'utf8'));
    expect(gcp.resourceCount).toBe(Object.values<any>(doc.resource).reduce((n, byType) => n + Object.keys(byType).length, 0));
    const az = summary.stacks.find((x: any) => x.cloud === 'azure');
    expect(az.fleets).toEqual([{ path: 'azure-reference/Training', instanceType: 'Standard_ND96isr_H100_v5', nodes: 2, configuredGbps: 3200, maxGbps: 3200 }]);
    expect(gcp.fleets).toEqual([{ path: 'gcp-reference/Training', instanceType: 'a3-megagpu-8g', nodes: 2, configuredGbps: 1800, maxGbps: 1800 }]);
  });
});

describe('fleet figures come from the template', () => {
  const lt = (nics: any[]) => ({
    Resources: {
      LT: {
        Type: 'AWS::EC2::LaunchTemplate',
        Metadata: { 'aws:cdk:path': 'S/Fleet/LaunchTemplate/Resource' },
        Properties: { LaunchTemplateData: { InstanceType: 'p5.48xlarge', NetworkInterfaces: nics } },
      },
      ASG: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { DesiredCapacity: '3', LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' } } } },
    },
  });

  test('a p5 with one EFA interface configures 100 of 3200 Gbps', () => {
    expect(awsFleetsFromTemplate(lt([{ DeviceIndex: 0, NetworkCardIndex: 0, InterfaceType: 'efa' }])))
      .toEqual([{ path: 'S/Fleet', instanceType: 'p5.48xlarge', nodes: 3, configuredGbps: 100, maxGbps: 3200 }]);
  });

  test('a p5 with no EFA interface configures 0 Gbps of fabric', () => {
    expect(awsFleetsFromTemplate(lt([{ DeviceIndex: 0 }]))[0].configuredGbps).toBe(0);
  });
});
