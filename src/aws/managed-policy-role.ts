import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * An IAM role whose own statements go to one customer managed policy attached to it, never to an inline
 * policy (HIPAA Security IAMNoInlinePolicy: an inline policy cannot be reviewed, versioned or reused apart
 * from its role). Grants from other constructs (`bucket.grantRead(role)`) land there too. Internal.
 */
export class ManagedPolicyRole extends iam.Role {
  private managedPolicy?: iam.ManagedPolicy;

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (!this.managedPolicy) {
      this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', { roles: [this], description: `Permissions of ${this.node.path}` });
    }
    this.managedPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.managedPolicy };
  }
}
