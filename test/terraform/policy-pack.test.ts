import * as fs from 'fs';
import * as path from 'path';
import { TerraformPolicyChecks } from '../../src';
import { cloudDefinitions } from '../../src/clouds';

describe('TerraformPolicyChecks.rules() lists what each rule mirrors', () => {
  const rules = TerraformPolicyChecks.rules();

  test('every rule of every Terraform cloud is listed, with the checkov / tfsec ids its file declares', () => {
    const declared = cloudDefinitions().flatMap((c) => c.policyRules);
    expect(rules.map((r) => r.id)).toEqual(declared.map((r) => r.id));
    for (const r of declared) expect(rules.find((x) => x.id === r.id)!.mirrors).toEqual(r.mirrors ?? []);
  });

  test('the Google Cloud firewall rule names the checkov checks and the tfsec check it mirrors', () => {
    const fw = rules.find((r) => r.resourceTypes.includes('google_compute_firewall') && r.mirrors.includes('CKV_GCP_2'))!;
    expect(fw).toBeDefined();
    expect(fw.mirrors).toEqual(expect.arrayContaining(['CKV_GCP_2', 'CKV_GCP_3', 'tfsec:google-compute-no-public-ingress']));
    // the file that declares the rule says the same
    const file = fs.readFileSync(path.join(__dirname, '../../src/gcp/policy/firewall-no-open-ingress.ts'), 'utf8');
    for (const id of fw.mirrors) expect(file).toContain(`'${id}'`);
  });

  test('mirrors is always a list, never undefined, and a copy: changing it does not change the pack', () => {
    expect(rules.every((r) => Array.isArray(r.mirrors))).toBe(true);
    expect(rules.filter((r) => r.mirrors.length > 0).length).toBeGreaterThan(10);
    rules[0].mirrors.push('CKV_TAMPERED');
    expect(TerraformPolicyChecks.rules()[0].mirrors).not.toContain('CKV_TAMPERED');
  });
});
