/* eslint-disable no-bitwise */ // FNV-1a hashing

/** 32-bit FNV-1a hash of a string, as 8 hex characters. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A name that fits `^[a-z]([-a-z0-9]{0,max-2}[a-z0-9])?$` (Google Cloud resource names, DNS labels),
 * derived deterministically from `source`; long names keep a hash of the whole source.
 */
export function dnsName(source: string, max = 63): string {
  let n = source.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(n)) n = `x-${n}`;
  if (n.length > max) n = `${n.slice(0, max - 9).replace(/-+$/, '')}-${shortHash(source)}`;
  return n.replace(/-+$/, '');
}

/** A lower-case alphanumeric name of at most `max` characters (Azure storage accounts, key vaults). */
export function alnumName(source: string, max = 24): string {
  const base = source.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const h = shortHash(source);
  return `${base.slice(0, Math.max(3, max - h.length))}${h}`.slice(0, max);
}

/** A deterministic positive integer of at most `digits` digits with no leading zero (Vertex AI endpoint ids). */
export function numericId(source: string, digits = 10): string {
  const n = parseInt(shortHash(source), 16) % 9 * 10 ** (digits - 1) + (parseInt(shortHash(`${source}#`), 16) % 10 ** (digits - 1));
  return String(10 ** (digits - 1) + (n % (9 * 10 ** (digits - 1))));
}

/**
 * A name prefix from the path of a construct's scope (the stack, usually), so names read `<stack>-host`;
 * the construct's own path when it sits at the top.
 */
export function scopePrefix(path: string, id: string, depth: number, max: number): string {
  return dnsName(depth > 2 ? path.slice(0, -(id.length + 1)) : path, max);
}
