import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CostEstimator, Readiness } from '../../src';
import { int, usd } from '../../src/cli/output';
import { factsOf, runCli, summaryFleet } from '../helpers';

describe('npm run demo', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
  const r = runCli(['demo', '--out', out]);
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));

  test('writes a hybrid, a cloud-first and an edge-centric selection', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\[demo\] selected hybrid\s+for regulated-records/);
    expect(summary.version).toBe(1);
    expect(summary.selections.map((s: any) => [s.scenario, s.strategy])).toEqual([
      ['regulated-records', 'hybrid'],
      ['bursty-research', 'cloud-first'],
      ['factory-vision', 'edge-centric'],
    ]);
    for (const s of summary.selections) {
      expect(Object.keys(s.scores)).toEqual(['cloud-first', 'hybrid', 'edge-centric']);
      expect(s.scores[s.strategy]).toBe(Math.max(...Object.values<number>(s.scores)));
    }
  });

  test('nine platform stacks: three strategies on three clouds, a progress line each', () => {
    expect(summary.stacks.map((s: any) => `${s.scenario}/${s.cloud}/${s.strategy}`).sort()).toEqual([
      'bursty-research/aws/cloud-first', 'bursty-research/azure/cloud-first', 'bursty-research/gcp/cloud-first',
      'factory-vision/aws/edge-centric', 'factory-vision/azure/edge-centric', 'factory-vision/gcp/edge-centric',
      'regulated-records/aws/hybrid', 'regulated-records/azure/hybrid', 'regulated-records/gcp/hybrid',
    ]);
    expect(r.stderr.match(/\[demo\] synthesized /g)).toHaveLength(9);
    expect(fs.existsSync(path.join(out, 'aws/manifest.json'))).toBe(true);
  });

  test('progress goes to stderr; stdout is a table of the stacks with thousands separators, read from summary.json', () => {
    expect(r.stdout).not.toContain('[demo]');
    expect(r.stderr).toMatch(/\[demo\] synthesizing 9 stacks \(aws, gcp, azure\) into /);
    expect(r.stderr).toMatch(/\[demo\] done in [\d.,]+ s\n$/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['STACK', 'CLOUD', 'STRATEGY', 'RESOURCES', 'FLEET', 'Gbps/NODE', 'READINESS', '$/MONTH']);
    for (const st of summary.stacks) {
      const f = st.fleets[0];
      const row = lines.find((l) => l.startsWith(`${st.name} `));
      expect([st.name, row?.split(/\s{2,}/)]).toEqual([st.name, [st.name, st.cloud, st.strategy, int(st.resourceCount), `${int(f.nodes)} x ${f.instanceType}`,
        int(f.configuredGbps), `${st.readinessScore}/100`, usd(st.estimatedMonthlyCostUsd), ...(st.costComplete ? [] : ['*'])]]);
    }
    // figures of a column end in the same place, whatever their width
    const end = lines[0].length;
    expect(lines.slice(1, 10).map((l) => /\d/.test(l.charAt(end - 1)))).toEqual(Array(9).fill(true));
    expect(lines).toContain('* bursty-research-azure: the cost leaves out unpriced fleet bursty-research-azure/Training');
    expect(r.stdout).toMatch(/\$\d{1,3}(,\d{3})+\.\d\d/);
  });

  test('cost and recommend read the demo folder: a table, or --json', () => {
    const cost = runCli(['cost', '--out', out]);
    expect(cost.status).toBe(0);
    const aws = summary.stacks.find((x: any) => x.name === 'bursty-research-aws');
    expect(cost.stdout.split('\n')[0].split(/\s{2,}/)).toEqual(['STACK', 'CLOUD', 'REGION', '$/MONTH', 'UNPRICED (left out of the total)']);
    expect(cost.stdout.split('\n').find((l) => l.startsWith('bursty-research-aws '))?.split(/\s{2,}/))
      // the demo's AWS stacks name their region (us-east-1), which the facts manifest records
      .toEqual(['bursty-research-aws', 'aws', 'us-east-1', usd(aws.estimatedMonthlyCostUsd)]);
    const one = runCli(['cost', '--template', path.join(out, aws.template), '--json']);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([expect.objectContaining({ stack: 'bursty-research-aws', cloud: 'aws', monthlyUsd: aws.estimatedMonthlyCostUsd })]);
    const rec = runCli(['recommend', '--out', out, '--json']);
    expect(rec.status).toBe(0);
    expect(JSON.parse(rec.stdout).map((x: any) => x.stack)).toEqual(summary.stacks.map((x: any) => x.name));
  });

  test('resource counts and fleets are read from the synthesized files; every fleet at full bandwidth', () => {
    for (const s of summary.stacks) {
      const doc = JSON.parse(fs.readFileSync(path.join(out, s.template), 'utf8'));
      const count = s.engine === 'cloudformation'
        ? Object.keys(doc.Resources).length
        : Object.values<any>(doc.resource).reduce((n, byType) => n + Object.keys(byType).length, 0);
      expect([s.name, s.resourceCount]).toEqual([s.name, count]);
      expect(s.fleets).toHaveLength(1);
      expect([s.name, s.fleets[0].configuredGbps]).toEqual([s.name, s.fleets[0].maxGbps]);
      if (s.engine === 'cloudformation') expect(s.resourceCount).toBeLessThan(400);
      expect(s.readinessScore).toBeGreaterThanOrEqual(0);
      expect(s.readinessScore).toBeLessThanOrEqual(100);
      expect(s.estimatedMonthlyCostUsd).toBeGreaterThan(0);
    }
    const byName = Object.fromEntries(summary.stacks.map((s: any) => [s.name, s]));
    expect(byName['bursty-research-aws'].fleets[0]).toEqual({ path: 'bursty-research-aws/Training', instanceType: 'p5.48xlarge', nodes: 8, configuredGbps: 3200, maxGbps: 3200 });
    expect(byName['bursty-research-gcp'].fleets[0]).toMatchObject({ instanceType: 'a3-megagpu-8g', configuredGbps: 1800 });
    // figures computed from the files, not stored: recomputing them gives the same numbers
    const awsDoc = JSON.parse(fs.readFileSync(path.join(out, byName['bursty-research-aws'].template), 'utf8'));
    expect(byName['bursty-research-aws'].estimatedMonthlyCostUsd).toBe(CostEstimator.ofCloudFormation(awsDoc).monthlyUsd);
    expect(byName['bursty-research-aws'].readinessScore).toBe(Readiness.ofCloudFormation(awsDoc).score);
    expect(byName['regulated-records-azure'].fleets[0]).toMatchObject({ instanceType: 'Standard_ND96isr_H100_v5', nodes: 2, configuredGbps: 3200 });
    // every cost says whether it is complete and which lines it leaves out; prices from another region say so
    for (const st of summary.stacks) {
      expect([st.name, st.costComplete]).toEqual([st.name, st.unpricedCostLines.length === 0]);
    }
    expect(byName['bursty-research-azure'].costComplete).toBe(false); // an Azure spot fleet: no dated spot discount
    expect(byName['bursty-research-azure'].unpricedCostLines).toEqual(['fleet bursty-research-azure/Training']);
    expect(byName['bursty-research-gcp'].priceStandIns).toEqual(expect.arrayContaining([expect.stringMatching(/^storage .*: us-central1 price standing in for us-east4$/)]));
  });

  test('one SVG per stack next to summary.json, each naming its fleet with its interfaces and Gbps', () => {
    expect(r.status).toBe(0);
    // progress goes to stderr
    expect(r.stderr).toContain(`[demo] wrote 9 diagrams and ${path.join(out, 'index.html')}`);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.svg')).sort()).toEqual(summary.stacks.map((s: any) => `${s.name}.svg`).sort());
    expect(summary.stacks).toHaveLength(9);
    for (const s of summary.stacks) {
      const svg = fs.readFileSync(path.join(out, `${s.name}.svg`), 'utf8').replace(/&#45;/g, '-');
      const f = s.fleets[0];
      expect([s.name, svg]).toEqual([s.name, expect.stringContaining(`>GPU fleet ${f.path.split('/').slice(1).join('/')}</text>`)]);
      expect([s.name, svg]).toEqual([s.name, expect.stringContaining(`>${f.instanceType} x ${f.nodes} node`)]);
      expect([s.name, svg]).toEqual([s.name, expect.stringContaining(`>${f.configuredGbps} of ${f.maxGbps} Gbps per node</text>`)]);
      expect([s.name, svg]).toEqual([s.name, expect.stringMatching(/>(\d+ [a-z-]+ \+ )?\d+ host interfaces? per node/)]);
    }
  });

  test('the README\'s picture is the demo\'s drawing of bursty-research-aws (to redraw: npm run demo, then copy demo.out/bursty-research-aws.svg to docs/images/)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'images', 'bursty-research-aws.svg'), 'utf8');
    const drawn = fs.readFileSync(path.join(out, 'bursty-research-aws.svg'), 'utf8');
    const lines = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).sort();
    expect(lines(committed)).toEqual(lines(drawn));
  });

  test('index.html: a card per stack with its summary figures and its picture, nothing loaded from elsewhere', () => {
    const page = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const cards = page.match(/<section class="card"/g) ?? [];
    expect(cards).toHaveLength(9);
    for (const s of summary.stacks) {
      expect(page).toContain(`<img src="${s.name}.svg" alt="diagram of ${s.name}">`);
      const card = page.slice(page.indexOf(`<section class="card" id="${s.name}">`)).split('</section>')[0];
      expect(card).toContain(`<tr><th>cloud</th><td>${s.cloud}</td></tr>`);
      expect(card).toContain(`<tr><th>strategy</th><td>${s.strategy}</td></tr>`);
      expect(card).toContain(`<tr><th>resources</th><td>${s.resourceCount}</td></tr>`);
      expect(card).toContain(`<tr><th>readiness</th><td>${s.readinessScore}/100</td></tr>`);
      expect(card).toContain(`$${s.estimatedMonthlyCostUsd.toFixed(2)}`);
      expect(card).toContain(`${s.fleets[0].configuredGbps} of ${s.fleets[0].maxGbps} Gbps`);
    }
    // offline: no URL to another host, no script
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<script|<link /);
  });
});

describe('fleet figures come from the template', () => {
  const fleets = (t: any) => factsOf(t).fleets.map(summaryFleet);
  const lt = (nics: any[]) => ({
    Metadata: { 'ai-infra': { version: 1, cloud: 'aws', constructs: [{ kind: 'GpuFleet', path: 'S/Fleet', resources: { launchTemplate: 'LT', autoScalingGroup: 'ASG' } }] } },
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
    expect(fleets(lt([{ DeviceIndex: 0, NetworkCardIndex: 0, InterfaceType: 'efa' }])))
      .toEqual([{ path: 'S/Fleet', instanceType: 'p5.48xlarge', nodes: 3, configuredGbps: 100, maxGbps: 3200 }]);
  });

  test('a p5 with no EFA interface configures 0 Gbps of fabric', () => {
    expect(fleets(lt([{ DeviceIndex: 0 }]))[0].configuredGbps).toBe(0);
  });
});

describe('demo --out writes only into a folder it made', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'demo-out-'));

  test('refuses a folder with other files, and leaves every file in place (`--out .` in an app repo)', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'app.ts'), 'keep me');
    const r = runCli(['demo', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ai-infra: demo --out .*holds 1 entry and no \.ai-infra-demo marker \(.*\): allowed: a new folder, an empty one, or one an earlier demo wrote\n$/);
    expect(fs.readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8')).toBe('keep me');
    expect(fs.readdirSync(dir)).toEqual(['src']);
  });

  test('refuses a file', () => {
    const file = path.join(tmp(), 'notes.txt');
    fs.writeFileSync(file, 'keep me');
    const r = runCli(['demo', '--out', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  test('a file in the way of a new folder: exit 2 naming it', () => {
    const file = path.join(tmp(), 'notes.txt');
    fs.writeFileSync(file, 'keep me');
    const r = runCli(['demo', '--out', path.join(file, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ai-infra: demo --out ${path.join(file, 'out')}: ${file} is a file, so ${path.join(file, 'out')} cannot be created: allowed: a new folder, an empty one, or one an earlier demo wrote\n`);
  });

  (fs.existsSync('/proc/self') ? test : test.skip)('--out /proc/x fails at once with exit 2 naming the path (Node\'s recursive mkdir spins forever there)', () => {
    const started = Date.now();
    const r = runCli(['demo', '--out', '/proc/x/out']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ai-infra: demo --out /proc/x/out: cannot create /proc/x: /proc accepts no new folder (ENOENT: a virtual file system such as /proc): ' +
      'allowed: a new folder, an empty one, or one an earlier demo wrote\n');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  test('a folder it wrote (its marker is there) is cleared and written again; --json prints summary.json', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '.ai-infra-demo'), '');
    fs.writeFileSync(path.join(dir, 'stale.json'), '{}');
    const r = runCli(['demo', '--out', dir, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')));
    expect(fs.existsSync(path.join(dir, 'stale.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'summary.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.ai-infra-demo'))).toBe(true);
  });
});
