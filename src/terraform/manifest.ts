import { IConstruct } from 'constructs';
import { TERRAFORM_MANIFEST_LOCAL } from './document';
import { ConstructKind, recordEntry } from '../core/facts';
import { Lazy, TerraformResource, TerraformStack } from '../tf';

/**
 * Records the resources a construct created in its stack's facts manifest, by role, as Terraform addresses
 * (`type.name`, resolved at synthesis so `overrideLogicalId` shows). Shared by the Terraform clouds; each cloud's
 * facts reader follows them.
 *
 * The manifest is a local value, `locals.ai_infra` (plain strings: nothing to interpolate, no resource reads it,
 * never in the plan or the state), rather than a `//` comment key: cdktf's `Testing.synth` strips every `//`
 * key, so a manifest there would vanish from the documents users test with.
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
  recordEntry(stack, cloud, { kind, path: construct.node.path, resources: ids, ...(settings ? { settings } : {}) }, (m) => stack.addOverride(`locals.${TERRAFORM_MANIFEST_LOCAL}`, m));
}
