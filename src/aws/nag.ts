import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on a construct, with the reason in code. Internal.
 *
 * @param ids rule ids (`AwsSolutions-IAM5[Resource::*]`); the `AwsSolutions::` plugin prefix is added
 */
export function acknowledge(scope: IConstruct, reason: string, ...ids: string[]): void {
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id: id.includes('::') && !id.startsWith('AwsSolutions-') ? id : `AwsSolutions::${id}`, reason })));
}

/** The `<LogicalId.Arn>` form cdk-nag uses for a resource's ARN in findings. */
export function nagArn(resource: IConstruct): string {
  const el = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(resource).getLogicalId(el)}.Arn>`;
}
