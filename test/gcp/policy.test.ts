import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, App as TerraformApp } from 'cdktf';
import { GcpPlatformStack, StrategySelector, TerraformPolicyChecks } from '../../src';
// the demo's scenarios are fixture data (as in test/aws/nag.test.ts), not part of the API
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';

describe('Terraform policy checks on Google Cloud output', () => {
  test.each(DEFAULT_SCENARIOS.map((s) => [s.name, s] as const))('the %s platform passes every rule', (_n, s) => {
    const app = new TerraformApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'tf-')) });
    const stack = new GcpPlatformStack(app, 'p', { ...s.platform, selection: StrategySelector.select(s.requirements), gcpProject: 'demo-project', region: 'us-east4' });
    const report = TerraformPolicyChecks.check(JSON.parse(Testing.synth(stack)));
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(10);
  });

  test('control: an open firewall, an external IP and a public bucket are found', () => {
    const doc = {
      resource: {
        google_compute_firewall: { open: { direction: 'INGRESS', source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp' }] } },
        google_compute_instance_template: { t: { network_interface: [{ access_config: [{}] }], shielded_instance_config: {}, metadata: {} } },
        google_storage_bucket: { b: { name: 'b', public_access_prevention: 'inherited', uniform_bucket_level_access: false } },
      },
    };
    const ids = TerraformPolicyChecks.check(doc).findings.map((f) => `${f.ruleId} ${f.address}`);
    expect(ids).toEqual(expect.arrayContaining([
      'GCP-FW-1 google_compute_firewall.open', 'GCP-GCS-1 google_storage_bucket.b', 'GCP-GCS-2 google_storage_bucket.b', 'GCP-VM-1 google_compute_instance_template.t',
    ]));
  });
});
