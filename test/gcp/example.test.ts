import { Testing, TerraformStack } from 'cdktf';
import { resources } from './util';
import { buildApp } from '../../examples/gcp/main';
import { TerraformPolicyChecks } from '../../src';

describe('examples/gcp', () => {
  test('synthesizes a spot a3-megagpu-8g fleet with 9 NICs and passes the policy checks', () => {
    const app = buildApp(Testing.app());
    const doc = JSON.parse(Testing.synth(app.node.findChild('training-platform') as TerraformStack));
    const t = resources(doc, 'google_compute_instance_template')[0];
    expect(t.network_interface).toHaveLength(9);
    expect(t.scheduling.provisioning_model).toBe('SPOT');
    expect(TerraformPolicyChecks.check(doc).findings).toEqual([]);
  });
});
