import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The cdk-nag compliance packs that share rule names (`S3BucketReplicationEnabled`, `EC2IMDSv2Enabled`, ...): a finding
 * acknowledged for one with a reason that holds for the rule is acknowledged for all of them. Internal.
 */
const COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/**
 * Acknowledges cdk-nag findings on a construct, with the reason in code. Internal.
 *
 * @param ids rule ids (`AwsSolutions-IAM5[Resource::*]`); the `AwsSolutions::` plugin prefix is added
 */
export function acknowledge(scope: IConstruct, reason: string, ...ids: string[]): void {
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id: id.includes('::') && !id.startsWith('AwsSolutions-') ? id : `AwsSolutions::${id}`, reason })));
}

/**
 * Acknowledges a rule of the compliance packs (HIPAA Security, NIST 800-53 rev 5, PCI DSS 3.2.1) on a construct, in
 * every pack that has it, with the reason in code. Internal.
 *
 * @param rules rule names without a pack prefix, e.g. `S3BucketReplicationEnabled`
 */
export function acknowledgeCompliance(scope: IConstruct, reason: string, ...rules: string[]): void {
  acknowledge(scope, reason, ...rules.flatMap((rule) => COMPLIANCE_PACKS.map((pack) => `${pack}::${pack}-${rule}`)));
}

/** The `<LogicalId.Arn>` form cdk-nag uses for a resource's ARN in findings. */
export function nagArn(resource: IConstruct): string {
  const el = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(resource).getLogicalId(el)}.Arn>`;
}

/**
 * The form cdk-nag shows `stack.formatArn({ service, resource: ..., ... })`'s prefix in findings:
 * `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>` in an environment-agnostic stack, the literal region
 * and account (`arn:<AWS::Partition>:logs:us-east-1:123456789012`) in a stack with a real environment, so an
 * acknowledgement written with it matches in both.
 */
export function nagArnPrefix(scope: IConstruct, service: string): string {
  const stack = Stack.of(scope);
  const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return `arn:${shown(stack.partition, 'Partition')}:${service}:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}`;
}

/** The plugin name cfn-guard's findings carry (`@cdklabs/cdk-validator-cfnguard`). */
const CFN_GUARD = 'cdk-validator-cfnguard';

/**
 * Acknowledges CloudFormation Guard findings (the Control Tower proactive controls of `@cdklabs/cdk-validator-cfnguard`)
 * on a construct, with the reason in code. Internal.
 *
 * @param rules guard rule names, e.g. `s3_bucket_object_lock_enabled_check`
 */
export function acknowledgeGuard(scope: IConstruct, reason: string, ...rules: string[]): void {
  acknowledge(scope, reason, ...rules.map((rule) => `${CFN_GUARD}::${rule}`));
}
