/**
 * A synthesized stack as a flat graph of resources, whatever the engine: each resource's identity (a CloudFormation
 * logical ID, or a Terraform address `type.name`), type, construct path, configuration, and the identities it
 * references (`Ref` / `Fn::GetAtt`, or `${type.name...}` interpolations, including those inside `jsonencode`).
 * Internal: not part of the jsii API.
 */

/** One resource of a synthesized stack. */
export interface DocResource {
  readonly id: string;
  readonly type: string;
  /** The construct path the engine recorded, or the identity where it recorded none. */
  readonly path: string;
  readonly props: any;
  /** Identities of the stack's resources this one references, in the order they appear in its configuration. */
  readonly refs: string[];
}

/** Every resource of a CloudFormation template or a Terraform JSON document, keyed by identity. */
export function documentResources(doc: any, engine: 'cloudformation' | 'terraform'): Map<string, DocResource> {
  const out = new Map<string, DocResource>();
  if (engine === 'cloudformation') {
    const all: Record<string, any> = doc?.Resources ?? {};
    for (const [id, r] of Object.entries(all)) {
      const refs = unique(cfnRefs(r?.Properties).filter((x) => x !== id && Object.prototype.hasOwnProperty.call(all, x)));
      out.set(id, { id, type: String(r?.Type), path: String(r?.Metadata?.['aws:cdk:path'] ?? id), props: r?.Properties ?? {}, refs });
    }
    return out;
  }
  const byType: Record<string, Record<string, any>> = doc?.resource ?? {};
  const exists = (t: string, n: string) => byType[t] !== undefined && Object.prototype.hasOwnProperty.call(byType[t], n);
  for (const [type, byName] of Object.entries(byType)) {
    for (const [name, r] of Object.entries(byName ?? {})) {
      const id = `${type}.${name}`;
      const { ['//']: meta, depends_on: _dependsOn, ...props } = r ?? {};
      const refs = unique(terraformRefs(JSON.stringify(props)).filter(([t, n]) => exists(t, n)).map(([t, n]) => `${t}.${n}`).filter((x) => x !== id));
      out.set(id, { id, type, path: String(meta?.metadata?.path ?? id), props, refs });
    }
  }
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** `Ref` and `Fn::GetAtt` targets, in document order. */
function cfnRefs(v: any): string[] {
  if (Array.isArray(v)) return v.flatMap(cfnRefs);
  if (v === null || typeof v !== 'object') return [];
  const own: string[] = [];
  if (typeof v.Ref === 'string') own.push(v.Ref);
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') own.push(att[0]);
  if (typeof att === 'string') own.push(att.split('.')[0]);
  return own.concat(Object.values(v).flatMap(cfnRefs));
}

/** `type.name` pairs named inside `${...}` interpolations (their expressions may hold several, as `jsonencode` does). */
function terraformRefs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const expr of interpolations(text)) {
    for (const r of expr.matchAll(/(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g)) out.push([r[1], r[2]]);
  }
  return out;
}

/** The expressions of the `${...}` interpolations in a text, braces balanced (an expression may hold `{...}`). */
function interpolations(text: string): string[] {
  const out: string[] = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    out.push(text.slice(i + 2, j - 1));
    i = text.indexOf('${', j);
  }
  return out;
}
