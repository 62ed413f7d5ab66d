import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthWithPlugins } from './util';
import { buildApp } from '../../examples/aws/app';
import { AwsPlatformStack, StrategySelector } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';

/**
 * Synthesizes an app with CloudFormation Guard (the Control Tower proactive controls bundled in
 * `@cdklabs/cdk-validator-cfnguard`) as its policy validation plugin; one guard run covers every stack of the app.
 */
function synthWithGuard(build: (app: App) => void): { error?: Error; output: string } {
  return synthWithPlugins(build, () => [new CfnGuardValidator()]);
}

const FINDING = /cdk-validator-cfnguard::|\(cdk-validator-cfnguard\)/;

describe('cfn-guard (Control Tower proactive controls)', () => {
  // the demo's form (us-east-1, no account): the templates CI checks with scripts/cfn-guard.js; the nag packs cover
  // the environment-agnostic and real-account forms (test/aws/nag.test.ts)
  test('the three demo AWS platform stacks have no unacknowledged finding', () => {
    const r = synthWithGuard((app) => {
      for (const s of DEFAULT_SCENARIOS) {
        new AwsPlatformStack(app, s.name, { ...s.platform, selection: StrategySelector.select(s.requirements), env: { region: 'us-east-1' } });
      }
    });
    expect(r.output + String(r.error ?? '')).not.toMatch(FINDING);
    expect(r.error).toBeUndefined();
  });

  test('the AWS example (examples/aws/app.ts) has no unacknowledged finding', () => {
    const r = synthWithGuard((app) => buildApp(app));
    expect(r.output + String(r.error ?? '')).not.toMatch(FINDING);
    expect(r.error).toBeUndefined();
  });

  test('control: the same rules reject a plain bucket (so the tests above can fail)', () => {
    const r = synthWithGuard((app) => new s3.Bucket(new Stack(app, 'Plain'), 'Bucket'));
    expect(r.error).toBeDefined();
    expect(r.output + String(r.error)).toContain('cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check');
    expect(r.output + String(r.error)).toContain('cdk-validator-cfnguard::s3_bucket_logging_enabled_check');
  });
});
