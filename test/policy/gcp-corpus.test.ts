import { INSECURE, SECURE } from './gcp-corpus';
import { TerraformPolicyChecks } from '../../src';
import { GCP_POLICY_RULES } from '../../src/gcp/policy';

const strip = (doc: any): any => JSON.parse(JSON.stringify(doc)); // drops the undefined keys, as a synthesized document has none

describe('Google Cloud policy corpus', () => {
  test('at least 20 insecure documents, and every rule has one and a secure twin', () => {
    expect(INSECURE.length).toBeGreaterThanOrEqual(20);
    const ids = GCP_POLICY_RULES.map((r) => r.id);
    expect([...new Set(INSECURE.map((c) => c.rule))].sort()).toEqual([...ids].sort());
    expect(Object.keys(SECURE).sort()).toEqual([...ids].sort());
  });

  test.each(INSECURE.map((c) => [c.rule, c.name, c] as const))('%s flags %s, and no other rule does', (rule, _n, c) => {
    const report = TerraformPolicyChecks.check(strip(c.doc));
    expect(report.findings.length).toBeGreaterThan(0);
    expect([...new Set(report.findings.map((f) => f.ruleId))]).toEqual([rule]);
  });

  test.each(Object.entries(SECURE))('the secure twin of %s passes every rule', (rule, doc) => {
    const report = TerraformPolicyChecks.check(strip(doc));
    expect(report.findings).toEqual([]);
    const types = GCP_POLICY_RULES.find((r) => r.id === rule)!.resourceTypes;
    expect(Object.keys(doc.resource).some((t) => types.includes(t))).toBe(true);
  });

  test('every rule names the checkov checks it mirrors', () => {
    for (const r of GCP_POLICY_RULES) {
      expect(r.mirrors?.filter((m) => /^CKV_GCP_\d+$/.test(m)).length).toBeGreaterThan(0);
    }
  });
});
