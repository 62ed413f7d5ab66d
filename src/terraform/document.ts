/**
 * Reading a synthesized Terraform JSON document (`cdk.tf.json`): pure functions shared by the Terraform clouds'
 * facts readers. Internal.
 */
import { FactsManifest, identities, MANIFEST_KEY, ManifestEntry } from '../core/facts';

/** The local value that holds a Terraform stack's facts manifest. */
export const TERRAFORM_MANIFEST_LOCAL = MANIFEST_KEY.replace('-', '_');

/** The facts manifest the document carries, if any. */
export function terraformManifest(doc: any): FactsManifest | undefined {
  const m = doc?.locals?.[TERRAFORM_MANIFEST_LOCAL];
  return m && Array.isArray(m.constructs) ? m : undefined;
}

/** The configuration of the resource at a Terraform address (`type.name`), or undefined. */
export function resourceAt(doc: any, address: string | undefined): any {
  if (!address) return undefined;
  const dot = address.indexOf('.');
  return doc?.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)];
}

/** Every resource of one type, as [name, configuration] pairs. */
export function resourcesOfType(doc: any, type: string): Array<[string, any]> {
  return Object.entries(doc?.resource ?? {}).filter(([t]) => t === type).flatMap(([, byName]) => Object.entries(byName as object));
}

/** Terraform resources in a document. */
export function terraformResourceCount(doc: any): number {
  return Object.values<any>(doc?.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** A single nested block, whether rendered as an object or a one-element list. */
export function one(x: any): any {
  return Array.isArray(x) ? x[0] : x;
}

/**
 * A lookup for a facts reader: the configuration at a manifest entry's role, checked to be of the type the role
 * holds (undefined when the role is absent or names another type).
 */
export function roleResolver(doc: any): (entry: ManifestEntry, role: string, type: string) => any {
  return (entry, role, type) => {
    const address = identities(entry, role)[0];
    return address?.startsWith(`${type}.`) ? resourceAt(doc, address) : undefined;
  };
}
