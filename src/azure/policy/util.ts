/**
 * Helpers the Azure policy rules share.
 */

/** The tag that acknowledges one rule on one resource; its value is the reason (checkov's `#checkov:skip=<id>:<reason>`). */
export function acknowledgementTag(ruleId: string): string {
  return `ai-infra-acknowledged-${ruleId}`;
}

/** Whether the resource acknowledges the rule with a reason (a non-empty tag value of at least 20 characters). */
export function acknowledged(config: any, ruleId: string): boolean {
  const reason = config?.tags?.[acknowledgementTag(ruleId)];
  return typeof reason === 'string' && reason.trim().length >= 20;
}

/** The resources of one type in a document, as `[name, config]`. */
export function resourcesOf(document: any, type: string): Array<[string, any]> {
  return Object.entries<any>(document?.resource?.[type] ?? {});
}

/**
 * Whether `value` refers to the attribute of the resource `type.name` (`${type.name.attr}`), or equals the literal
 * `literal` given for that resource (a name or id written out).
 */
export function refersTo(value: unknown, type: string, name: string, literal?: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (literal !== undefined && value === literal) return true;
  return value.includes(`${type}.${name}.`);
}

/** The name of the resource of `type` a reference points at (`${azurerm_subnet.x.id}` → `x`). */
export function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(`\\b${type}\\.([A-Za-z0-9_-]+)\\.`).exec(value);
  return m?.[1];
}
