import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing, TerraformStack } from 'cdktf';
import { cloudDefinition } from '../../src/clouds';
import { StrategySelector } from '../../src/core/strategy';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';
import { diagramModel, diagramOf, dotString, toDot } from '../../src/diagram';
import { runCli } from '../helpers';

/** A demo scenario's platform stack on one cloud, synthesized as the demo synthesizes it. */
function synthesized(scenario: string, cloud: 'aws' | 'gcp' | 'azure'): any {
  const s = DEFAULT_SCENARIOS.find((x) => x.name === scenario)!;
  const def = cloudDefinition(cloud);
  const app = def.engine === 'cloudformation' ? new App() : Testing.app();
  const made = def.demoStack(app, `${scenario}-${cloud}`, { ...s.platform, selection: StrategySelector.select(s.requirements) });
  return def.engine === 'cloudformation' ? Template.fromStack(made.stack as Stack).toJSON() : JSON.parse(Testing.synth(made.stack as TerraformStack));
}

/** The text of an SVG's <text> elements, one per line, as Graphviz wrote them but for its `&#45;` for `-`. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&#45;/g, '-'));
}

const aws = synthesized('bursty-research', 'aws');
const gcp = synthesized('regulated-records', 'gcp');
const azure = synthesized('regulated-records', 'azure');

describe('ai-infra diagram: one picture per synthesized stack', () => {
  test('AWS: the EFA fleet with its interfaces and Gbps, inside its cluster subnet inside the VPC, with its data and fabric paths', async () => {
    const model = diagramModel(aws);
    const fleet = model.nodes.find((n) => n.pillar === 'compute')!;
    expect(fleet.lines).toEqual([
      'GPU fleet Training',
      'p5.48xlarge x 8 nodes (spot)',
      '32 efa + 1 host interface per node',
      '3200 of 3200 Gbps per node',
    ]);
    // the subnet the auto scaling group launches into, inside the VPC
    const subnet = model.boxes.find((b) => b.id === fleet.parent)!;
    // (its Name tag, and its range; the zone is a token until deploy)
    expect(subnet).toMatchObject({ kind: 'subnet', lines: ['subnet bursty-research-aws/Network/ClusterSubnet', '10.40.255.0/24'] });
    expect(model.boxes.find((b) => b.id === subnet.parent)).toMatchObject({ kind: 'network', lines: ['network bursty-research-aws/Network/Vpc', '10.40.0.0/16'] });
    expect(model.edges).toEqual(expect.arrayContaining([
      { from: fleet.id, to: fleet.id, kind: 'fabric', label: 'efa fabric, 3200 Gbps per node' },
      { from: fleet.id, to: 'storage0', kind: 'data', label: 'data: read/write grant' },
      // FSx for Lustre in the same subnet, filled from the bucket, mounted through the rule from the EFA security group
      { from: 'storage0', to: 'storage0fastlustre', kind: 'data', label: 'staged data' },
      { from: fleet.id, to: 'storage0fastlustre', kind: 'data', label: 'mounts' },
    ]));
    expect(model.nodes.find((n) => n.id === 'storage0fastlustre')).toMatchObject({ parent: fleet.parent, lines: ['high-throughput tier Data', 'AWS::FSx::FileSystem'] });

    const svg = await diagramOf(aws, 'svg');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(texts(svg)).toEqual(expect.arrayContaining(['GPU fleet Training', 'p5.48xlarge x 8 nodes (spot)', '32 efa + 1 host interface per node', '3200 of 3200 Gbps per node', 'subnet bursty-research-aws/Network/ClusterSubnet']));
    // Graphviz laid it out: the clusters are drawn as groups
    expect(svg).toMatch(/<g id="clust\d+" class="cluster">/);
  });

  test('Google Cloud: the A3 Mega fleet in the host subnet, one GPU NIC edge into each of the eight GPU VPCs, the VPN to the host network', async () => {
    const model = diagramModel(gcp);
    const fleet = model.nodes.find((n) => n.pillar === 'compute')!;
    expect(fleet.lines).toEqual(['GPU fleet Training', 'a3-megagpu-8g x 2 nodes (on-demand)', '8 gpudirect-tcpxo + 1 host interface per node', '1800 of 1800 Gbps per node']);
    expect(model.boxes.find((b) => b.id === fleet.parent)!.lines[0]).toBe('subnet regulated-records-gcp-host');
    const fabric = model.edges.filter((e) => e.kind === 'fabric');
    expect(fabric).toHaveLength(8);
    // each GPU NIC edge ends at a subnet box that sits in its own network box
    const gpuSubnets = fabric.map((e) => model.boxes.find((b) => b.id === e.toBox)!);
    expect(gpuSubnets.map((b) => b.lines[0]).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `subnet regulated-records-gcp-gpu-${i}`));
    expect(new Set(gpuSubnets.map((b) => b.parent)).size).toBe(8);
    const vpn = model.edges.find((e) => e.kind === 'vpn')!;
    expect(model.boxes.find((b) => b.id === vpn.toBox)!.lines[0]).toBe('network regulated-records-gcp-host');
    expect(model.nodes.find((n) => n.id === 'site')!.lines).toEqual(['on-premises site', '2 VPN links']);

    const svg = await diagramOf(gcp, 'svg');
    expect(texts(svg)).toEqual(expect.arrayContaining(['GPU fleet Training', '8 gpudirect-tcpxo + 1 host interface per node', '1800 of 1800 Gbps per node', 'subnet regulated-records-gcp-gpu-7']));
  });

  test('Azure: the InfiniBand scale set in the compute subnet of the VNet, the storage account it is granted, the private endpoint reached from the site', async () => {
    const model = diagramModel(azure);
    const fleet = model.nodes.find((n) => n.pillar === 'compute')!;
    expect(fleet.lines).toEqual(['GPU fleet Training', 'Standard_ND96isr_H100_v5 x 2 nodes (on-demand)', '8 infiniband + 1 host interface per node', '3200 of 3200 Gbps per node']);
    const subnet = model.boxes.find((b) => b.id === fleet.parent)!;
    expect(subnet.lines[0]).toBe('subnet regulated-records-azure-compute');
    expect(model.boxes.find((b) => b.id === subnet.parent)!.kind).toBe('network');
    // every subnet of the VNet is a box in it, the empty ones too
    expect(model.boxes.filter((b) => b.kind === 'subnet' && b.parent === subnet.parent).map((b) => b.lines[0]).sort())
      .toEqual(['subnet GatewaySubnet', 'subnet regulated-records-azure-compute', 'subnet regulated-records-azure-private-endpoints']);
    expect(model.edges).toEqual(expect.arrayContaining([
      { from: fleet.id, to: 'storage0', kind: 'data', label: 'data: read/write grant' },
      { from: 'site', to: 'endpoint0', kind: 'traffic', label: 'inference requests' },
    ]));

    const svg = await diagramOf(azure, 'svg');
    expect(texts(svg)).toEqual(expect.arrayContaining(['GPU fleet Training', '8 infiniband + 1 host interface per node', 'subnet GatewaySubnet']));
  });

  test('a name with <, &, " and a DOT quote cannot break out of its label: escaped in the DOT text and in the SVG', async () => {
    const doc = JSON.parse(JSON.stringify(gcp));
    const subnets = doc.resource.google_compute_subnetwork;
    const host = Object.keys(subnets).find((k) => subnets[k].name === 'regulated-records-gcp-host')!;
    subnets[host].name = 'lab <b>&"x"</b>';
    // a construct id that tries to end the DOT string and declare a node of its own
    const fleetEntry = doc.locals.ai_infra.constructs.find((c: any) => c.kind === 'GpuFleet');
    fleetEntry.path = 'regulated-records-gcp/T"]; injected [label="pwned\\';

    const dot = toDot(diagramModel(doc));
    expect(dot).toContain('subnet lab <b>&amp;\\"x\\"</b>');
    expect(dot).toContain('GPU fleet T\\"]; injected [label=\\"pwned\\\\');
    expect(dot).not.toMatch(/^\s*injected\b/m);

    const svg = await diagramOf(doc, 'svg');
    expect(texts(svg)).toEqual(expect.arrayContaining(['subnet lab &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;', 'GPU fleet T&quot;]; injected [label=&quot;pwned\\']));
    expect(svg).not.toContain('<b>');
    expect(svg).not.toMatch(/<title>injected<\/title>/);
  });

  test('dotString escapes quotes and backslashes, writes & as an entity and drops control characters', () => {
    expect(dotString(['a"b\\c&d', 'line\u0007two'])).toBe('"a\\"b\\\\c&amp;d\\nline two"');
  });

  test('a document of no known cloud is refused by name', () => {
    expect(() => diagramModel({ hello: 1 }, { context: 'diagram --template x.json' })).toThrow(/diagram --template x\.json: not a synthesized stack of a known cloud \(aws, gcp, azure\)/);
  });
});

describe('the diagram command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
  const template = path.join(dir, 'stack.template.json');
  fs.writeFileSync(template, JSON.stringify(aws));

  test('writes the SVG to --out, or DOT to standard output', () => {
    const out = path.join(dir, 'stack.svg');
    const r = runCli(['diagram', '--template', template, '--out', out]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    expect(fs.readFileSync(out, 'utf8')).toContain('>p5.48xlarge x 8 nodes (spot)</text>');
    const d = runCli(['diagram', '--template', template, '--format', 'dot']);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/^digraph platform \{[\s\S]*subgraph cluster_net0[\s\S]*32 efa \+ 1 host interface per node/);
  });

  test('exits 2 and names the file when it is missing, not JSON, or not a synthesized stack', () => {
    const notJson = path.join(dir, 'notes.txt');
    fs.writeFileSync(notJson, 'hello');
    const notStack = path.join(dir, 'package.json');
    fs.writeFileSync(notStack, '{"name": "x"}');
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'missing.json'), /cannot read the file: ENOENT/],
      [notJson, /not JSON: /],
      [notStack, /not a synthesized stack of a known cloud \(aws, gcp, azure\)/],
    ];
    for (const [file, why] of cases) {
      const r = runCli(['diagram', '--template', file]);
      expect([file, r.status]).toEqual([file, 2]);
      expect(r.stderr).toContain(`ai-infra: diagram --template ${file}: `);
      expect(r.stderr).toMatch(why);
      expect(r.stdout).toBe('');
    }
    const f = runCli(['diagram', '--template', template, '--format', 'png']);
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/--format <format>' argument 'png' is invalid\. Allowed choices are svg, dot/);
  });
});
