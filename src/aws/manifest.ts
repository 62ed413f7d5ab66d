import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Cloud } from '../core/catalog/cloud';
import { ConstructKind, FactsManifest, MANIFEST_KEY, recordEntry } from '../core/facts';

/** A resource a construct created: the L1 itself, or an L2 whose default child is the L1. */
export type Created = IConstruct | undefined;

/**
 * The AWS facts manifest: the neutral manifest plus the stack's region. A CloudFormation template does not name
 * the region it is deployed to, so the manifest records it where the stack has a concrete one (`env.region`); an
 * environment-agnostic stack (region an unresolved token) records none.
 */
export interface AwsFactsManifest extends FactsManifest {
  region?: string;
}

function cfnOf(c: IConstruct): CfnResource {
  const cfn = CfnResource.isCfnResource(c) ? c : c.node.defaultChild;
  if (!cfn || !CfnResource.isCfnResource(cfn)) throw new Error(`[ai-infra] internal: ${c.node.path} has no CloudFormation resource to record`);
  return cfn;
}

/** The stack's region where it is concrete, undefined for an environment-agnostic stack. */
export function concreteRegion(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.region) ? undefined : stack.region;
}

/**
 * Records the resources a construct created in its stack's facts manifest (`Metadata['ai-infra']` of the
 * template), by role, as logical IDs (tokens resolved at synthesis, so `overrideLogicalId` shows). The facts
 * reader (`./facts.ts`) follows them. The manifest also carries the stack's region where it is concrete.
 */
export function recordResources(construct: IConstruct, kind: ConstructKind, resources: Record<string, Created | Created[]>,
  settings?: Record<string, string | number | boolean>): void {
  const stack = Stack.of(construct);
  const ids: Record<string, string | string[]> = {};
  for (const [role, r] of Object.entries(resources)) {
    if (r === undefined) continue;
    ids[role] = Array.isArray(r) ? r.filter((x): x is IConstruct => x !== undefined).map((x) => cfnOf(x).logicalId) : cfnOf(r).logicalId;
  }
  recordEntry(stack, Cloud.AWS, { kind, path: construct.node.path, resources: ids, ...(settings ? { settings } : {}) }, (m) => {
    const region = concreteRegion(stack);
    if (region !== undefined) (m as AwsFactsManifest).region = region;
    stack.addMetadata(MANIFEST_KEY, m);
  });
}
