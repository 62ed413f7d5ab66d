import { Testing } from 'cdktf';
import { GcpPlatformStack, StrategySelector, TerraformPolicyChecks } from '../../src';
// the demo's scenarios are fixture data (as in test/aws/nag.test.ts), not part of the API
import { DEFAULT_SCENARIOS, Scenario } from '../../src/demo/scenarios';

const [hybrid, cloudFirst] = DEFAULT_SCENARIOS;

function synth(s: Scenario): any {
  const stack = new GcpPlatformStack(Testing.app(), 'p', { ...s.platform, selection: StrategySelector.select(s.requirements), gcpProject: 'demo-project', region: 'us-east4' });
  return JSON.parse(Testing.synth(stack));
}
const entries = (doc: any, type: string): Array<[string, any]> => Object.entries(doc.resource?.[type] ?? {});

describe('Google Cloud platform stack: customer-managed keys on captured requests', () => {
  test('hybrid: the log dataset is encrypted with the stack\'s key, after BigQuery\'s service account may use it', () => {
    const doc = synth(hybrid);
    const [[keyName]] = entries(doc, 'google_kms_crypto_key');
    const [[dsName, dataset]] = entries(doc, 'google_bigquery_dataset');
    expect(dataset.default_encryption_configuration).toEqual({ kms_key_name: `\${google_kms_crypto_key.${keyName}.id}` });
    const grants = entries(doc, 'google_kms_crypto_key_iam_member').filter(([, g]) => /bigquery_default_service_account/.test(g.member));
    expect(grants).toHaveLength(1);
    const [[grantName, grant]] = grants;
    expect(grant).toMatchObject({ crypto_key_id: `\${google_kms_crypto_key.${keyName}.id}`, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
    expect(Object.keys(doc.data.google_bigquery_default_service_account)).toHaveLength(1);
    expect(dataset.depends_on).toEqual([`google_kms_crypto_key_iam_member.${grantName}`]);
    expect(dsName).toMatch(/^Serving_Logs_/);
  });

  test('cloud-first (Google-managed keys): the dataset has no key and no grant', () => {
    const doc = synth(cloudFirst);
    const [[, dataset]] = entries(doc, 'google_bigquery_dataset');
    expect(dataset.default_encryption_configuration).toBeUndefined();
    expect(doc.resource.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  test('control: the hybrid stack without the dataset key is flagged by GCP-CMEK-1', () => {
    const doc = synth(hybrid);
    for (const d of Object.values<any>(doc.resource.google_bigquery_dataset)) delete d.default_encryption_configuration;
    expect(TerraformPolicyChecks.check(doc).findings.map((f) => f.ruleId)).toEqual(['GCP-CMEK-1']);
  });
});

describe('Google Cloud platform stack: the VPN pre-shared key', () => {
  test('no data source reads the key: the tunnels take a sensitive variable the applier fills from Secret Manager', () => {
    const doc = synth(hybrid);
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/google_secret_manager_secret_version|secret_data/);
    expect(doc.variable.vpn_shared_secret).toEqual(expect.objectContaining({ type: 'string', sensitive: true, nullable: false }));
    const tunnels = Object.values<any>(doc.resource.google_compute_vpn_tunnel);
    expect(tunnels.map((t) => t.shared_secret)).toEqual(['${var.vpn_shared_secret}', '${var.vpn_shared_secret}']);
    expect(doc.output.vpn_shared_secret_command.value)
      .toBe('TF_VAR_vpn_shared_secret="$(gcloud secrets versions access latest --secret=clinic-ai-vpn-psk --project=demo-project)" terraform apply');
  });

  test('a secret value given to the site never appears in the synthesized document', () => {
    // the site names the secret, never its value; the synthesized document carries the name in the command only
    const doc = synth({ ...hybrid, platform: { ...hybrid.platform, onPremises: { ...hybrid.platform.onPremises!, sharedSecretName: 'site-psk' } } });
    expect(JSON.stringify(doc.data ?? {})).not.toMatch(/secret/);
    expect(doc.variable.vpn_shared_secret.default).toBeUndefined();
    expect(doc.output.vpn_shared_secret_command.value).toMatch(/--secret=site-psk /);
  });
});
