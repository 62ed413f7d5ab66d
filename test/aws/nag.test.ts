import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { StrategySelector, AwsPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';

function synthWithNag(build: (app: App) => void, pack: 'AwsSolutions' | 'HIPAA' = 'AwsSolutions'): { error?: Error; output: string } {
  const app = new App();
  build(app);
  Validations.of(app).addPlugins(pack === 'HIPAA' ? new HIPAASecurityChecks(app) : new AwsSolutionsChecks(app));
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...a) => { lines.push(a.join(' ')); });
  const spyLog = jest.spyOn(console, 'log').mockImplementation((...a) => { lines.push(a.join(' ')); });
  try {
    app.synth();
    return { output: lines.join('\n') };
  } catch (e) {
    return { error: e as Error, output: lines.join('\n') };
  } finally {
    spy.mockRestore();
    spyLog.mockRestore();
  }
}

describe('cdk-nag AwsSolutions', () => {
  test.each(DEFAULT_SCENARIOS.map((s) => [s.name, s] as const))('the %s AWS platform (four constructs + strategy resources) has no unacknowledged finding', (_n, s) => {
    const r = synthWithNag((app) => new AwsPlatformStack(app, 'Platform', { ...s.platform, selection: StrategySelector.select(s.requirements) }));
    expect(r.output).not.toMatch(/AwsSolutions-/);
    expect(r.error).toBeUndefined();
  });

  test('control: the same checks reject a plain bucket (so the test above can fail)', () => {
    const r = synthWithNag((app) => new s3.Bucket(new Stack(app, 'Plain'), 'Bucket'));
    expect(r.error).toBeDefined();
    expect(r.output + String(r.error)).toMatch(/AwsSolutions-S10|AwsSolutions-S1/);
  });
});

describe('cdk-nag HIPAA Security', () => {
  test.each(DEFAULT_SCENARIOS.map((s) => [s.name, s] as const))('the %s AWS platform has no unacknowledged finding', (_n, s) => {
    const r = synthWithNag((app) => new AwsPlatformStack(app, 'Platform', { ...s.platform, selection: StrategySelector.select(s.requirements) }), 'HIPAA');
    expect(r.output).not.toMatch(/HIPAA\.Security-/);
    expect(r.error).toBeUndefined();
  });

  test('control: the same checks reject a bucket without replication or a KMS key', () => {
    const r = synthWithNag((app) => new s3.Bucket(new Stack(app, 'Plain'), 'Bucket', { enforceSSL: true, versioned: true }), 'HIPAA');
    expect(r.error).toBeDefined();
    expect(r.output + String(r.error)).toMatch(/HIPAA\.Security-S3BucketReplicationEnabled/);
    expect(r.output + String(r.error)).toMatch(/HIPAA\.Security-S3DefaultEncryptionKMS/);
  });
});
