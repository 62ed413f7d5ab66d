import { IConstruct } from 'constructs';
import { ConstructKind, MANIFEST_KEY, recordEntry } from '../core/facts';
import { Lazy, TerraformResource, TerraformStack } from '../tf';

/**
 * Records the resources a construct created in its stack's facts manifest (the document's `//['ai-infra']`,
 * a comment key Terraform ignores), by role, as Terraform addresses (`type.name`, resolved at synthesis so
 * `overrideLogicalId` shows). Shared by the Terraform clouds; each cloud's facts reader follows them.
 */
export function recordResources(construct: IConstruct, cloud: string, kind: ConstructKind,
  resources: Record<string, TerraformResource | undefined | Array<TerraformResource | undefined>>, settings?: Record<string, string | number | boolean>): void {
  const stack = TerraformStack.of(construct);
  const address = (r: TerraformResource) => Lazy.stringValue({ produce: () => `${r.terraformResourceType}.${r.friendlyUniqueId}` });
  const ids: Record<string, string | string[]> = {};
  for (const [role, r] of Object.entries(resources)) {
    if (r === undefined) continue;
    ids[role] = Array.isArray(r) ? r.filter((x): x is TerraformResource => x !== undefined).map(address) : address(r);
  }
  recordEntry(stack, cloud, { kind, path: construct.node.path, resources: ids, ...(settings ? { settings } : {}) }, (m) => stack.addOverride(`//.${MANIFEST_KEY}`, m));
}
