import { IConstruct } from 'constructs';
import { TERRAFORM_MANIFEST_LOCAL } from './document';
import { ConstructKind, FactsManifest } from '../core/facts';
import { TerraformElement, TerraformResource, TerraformStack } from '../tf';

type Recorded = TerraformResource | undefined | Array<TerraformResource | undefined>;

interface Entry {
  readonly kind: ConstructKind;
  readonly path: string;
  readonly resources: Record<string, Recorded>;
  readonly settings?: Record<string, string | number | boolean>;
}

/**
 * A stack's facts manifest as a Terraform element: at synthesis it writes the local value `locals.ai_infra`
 * with each recorded resource's address (`type.name`), read then, so `overrideLogicalId` shows. One element per
 * stack; addresses are computed when the document is written, so recording costs no token per resource.
 *
 * A local value rather than a `//` comment key: cdktf's `Testing.synth` strips every `//` key, so a manifest
 * there would vanish from the documents users test with. It holds plain strings (nothing to interpolate), no
 * resource reads it, and Terraform keeps locals out of the plan and the state.
 */
class FactsManifestElement extends TerraformElement {
  public readonly entries: Entry[] = [];

  constructor(stack: TerraformStack, private readonly cloud: string) {
    super(stack, 'ai-infra-facts-manifest');
  }

  public toTerraform(): any {
    return { locals: { [TERRAFORM_MANIFEST_LOCAL]: this.manifest() } };
  }

  public toHclTerraform(): any {
    return { locals: { [TERRAFORM_MANIFEST_LOCAL]: { value: this.manifest(), isBlock: false, type: 'any' } } };
  }

  private manifest(): FactsManifest {
    const address = (r: TerraformResource) => `${r.terraformResourceType}.${r.friendlyUniqueId}`;
    return {
      version: 1,
      cloud: this.cloud,
      constructs: this.entries.map((e) => {
        const resources: Record<string, string | string[]> = {};
        for (const [role, r] of Object.entries(e.resources)) {
          if (r === undefined) continue;
          resources[role] = Array.isArray(r) ? r.filter((x): x is TerraformResource => x !== undefined).map(address) : address(r);
        }
        return { kind: e.kind, path: e.path, resources, ...(e.settings ? { settings: e.settings } : {}) };
      }),
    };
  }
}

const ELEMENTS = new WeakMap<TerraformStack, FactsManifestElement>();

/**
 * Records the resources a construct created in its stack's facts manifest, by role, as Terraform addresses.
 * Shared by the Terraform clouds; each cloud's facts reader follows them (`./document.ts` reads the manifest).
 */
export function recordResources(construct: IConstruct, cloud: string, kind: ConstructKind,
  resources: Record<string, Recorded>, settings?: Record<string, string | number | boolean>): void {
  const stack = TerraformStack.of(construct);
  let element = ELEMENTS.get(stack);
  if (!element) {
    element = new FactsManifestElement(stack, cloud);
    ELEMENTS.set(stack, element);
  }
  element.entries.push({ kind, path: construct.node.path, resources, settings });
}
