import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Adds the key-policy statement Control Tower's proactive control CT.KMS.PR.3 asks for: nobody may create a grant on
 * the key unless the grant is for an AWS resource (`kms:GrantIsForAWSResource`, how EBS, SageMaker, FSx and CloudWatch
 * Logs create theirs) or the caller is an AWS service (`aws:PrincipalIsAWSService`), so a principal with
 * `kms:CreateGrant` cannot hand the key's use to an arbitrary principal
 * (https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html#ct-kms-pr-3-description). Internal.
 */
export function limitGrantsToAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'GrantsOnlyForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
}
