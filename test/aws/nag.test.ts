import { App, Environment, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { synthWithPlugins } from './util';
import { StrategySelector, AwsPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';

type Pack = 'AwsSolutions' | 'HIPAA' | 'NIST' | 'PCI';
const ALL_PACKS: Pack[] = ['AwsSolutions', 'HIPAA', 'NIST', 'PCI'];
/** How each pack's findings are named in the report. */
const FINDING = /AwsSolutions-|HIPAA\.Security-|NIST\.800\.53\.R5-|PCI\.DSS\.321-/;

/** Synthesizes with the packs, run together over one synthesis (one plugin each). */
function synthWithNag(build: (app: App) => void, packs: Pack[] = ALL_PACKS): { error?: Error; output: string } {
  return synthWithPlugins(build, (app) => packs.map((p) => {
    switch (p) {
      case 'HIPAA': return new HIPAASecurityChecks(app);
      case 'NIST': return new NIST80053R5Checks(app);
      case 'PCI': return new PCIDSS321Checks(app);
      default: return new AwsSolutionsChecks(app);
    }
  }));
}

/** Environment-agnostic, and two real environments (acknowledgements that name an ARN must match in each). */
const ENVS: Array<[string, Environment | undefined]> = [
  ['environment-agnostic', undefined],
  ['us-east-1', { account: '123456789012', region: 'us-east-1' }],
  ['eu-west-1', { account: '123456789012', region: 'eu-west-1' }],
];
const CASES = ENVS.flatMap(([envName, env]) => DEFAULT_SCENARIOS.map((s) => [s.name, envName, s, env] as const));

describe('cdk-nag AwsSolutions, HIPAA Security, NIST 800-53 rev 5 and PCI DSS 3.2.1', () => {
  test.each(CASES)('the %s AWS platform (%s) has no unacknowledged finding', (_n, _e, s, env) => {
    const r = synthWithNag((app) => new AwsPlatformStack(app, 'Platform', { ...s.platform, selection: StrategySelector.select(s.requirements), env }));
    expect(r.output).not.toMatch(FINDING);
    expect(r.error).toBeUndefined();
  });

  test('control: AwsSolutions rejects a plain bucket (so the test above can fail)', () => {
    const r = synthWithNag((app) => new s3.Bucket(new Stack(app, 'Plain'), 'Bucket'), ['AwsSolutions']);
    expect(r.error).toBeDefined();
    expect(r.output + String(r.error)).toMatch(/AwsSolutions-S10|AwsSolutions-S1/);
  });

  test('control: HIPAA, NIST 800-53 rev 5 and PCI DSS 3.2.1 each reject a bucket without replication or a KMS key, in a real environment too', () => {
    const env = { account: '123456789012', region: 'eu-west-1' };
    const r = synthWithNag((app) => new s3.Bucket(new Stack(app, 'Plain', { env }), 'Bucket', { enforceSSL: true, versioned: true }), ['HIPAA', 'NIST', 'PCI']);
    expect(r.error).toBeDefined();
    for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
      expect(r.output + String(r.error)).toContain(`${pack}-S3BucketReplicationEnabled`);
      expect(r.output + String(r.error)).toContain(`${pack}-S3DefaultEncryptionKMS`);
    }
  });
});
