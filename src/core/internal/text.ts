/** Levenshtein edit distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const prev = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (s[i - 1] === t[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[t.length];
}

/** The `count` known names closest to `name` (substring matches first, then edit distance). */
export function closestNames(name: string, known: string[], count = 3): string[] {
  const lower = name.toLowerCase();
  return known
    .map((k) => ({ k, d: k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()) ? 0 : editDistance(name, k) }))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, count)
    .map((x) => x.k);
}

/**
 * Whether `v` is an unresolved CDK or CDK for Terraform token: a string holding `${Token[...]}` /
 * `${TfToken[...]}` (or the list form `#{...}`), a number in the token encoding (it reads as about
 * -1.888e+289), a list of such strings, or an object with `resolve()` (an `IResolvable`).
 * Core imports no cloud library, so this reads the encodings both libraries share instead of `Token.isUnresolved`.
 */
export function isUnresolvedToken(v: unknown): boolean {
  if (typeof v === 'string') return TOKEN_STRING.test(v);
  if (typeof v === 'number') return isTokenNumber(v);
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => typeof x === 'string') && v.some((x) => TOKEN_STRING.test(x));
  return v !== null && typeof v === 'object' && typeof (v as { resolve?: unknown }).resolve === 'function';
}

const TOKEN_STRING = /[$#]\{(Tf)?Token\[/;
const TOKEN_STRINGS = /[$#]\{(Tf)?Token\[[^\]]*\]\}/g;

/**
 * The number encodings of tokens: the high 16 bits of the double are 0xFBFF (aws-cdk-lib; cdktf's number lists) or
 * 0xFDFF (cdktf's numbers), values about -1.888e+289 and -8.11e+298 that no real setting takes.
 */
function isTokenNumber(n: number): boolean {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, n);
  const high = buf.getUint16(0);
  return high === 0xfbff || high === 0xfdff;
}

/** Renders a value for an error message: NaN, Infinity, null as such, a token as `<token>`, never a token's number. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return TOKEN_STRING.test(value) ? (value.replace(TOKEN_STRINGS, '<token>') === '<token>' ? '<token>' : `'${value.replace(TOKEN_STRINGS, '<token>')}'`) : `'${value}'`;
  try {
    return render(value, new Set());
  } catch {
    return String(value);
  }
}

/** JSON-like text (as `JSON.stringify` writes it) that keeps NaN, Infinity and tokens readable. */
function render(v: unknown, seen: Set<unknown>): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return isTokenNumber(v) ? '<token>' : Number.isFinite(v) ? JSON.stringify(v) : String(v);
  if (typeof v === 'string') return TOKEN_STRING.test(v) && v.replace(TOKEN_STRINGS, '<token>') === '<token>' ? '<token>' : JSON.stringify(v.replace(TOKEN_STRINGS, '<token>'));
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v !== 'object') return String(v);
  if (isUnresolvedToken(v)) return '<token>';
  if (seen.has(v)) throw new Error('circular');
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v) ?? String(v);
  seen.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'undefined' : render(x, seen))).join(',')}]`;
    const entries = Object.entries(v as object).filter(([, x]) => x !== undefined && typeof x !== 'function');
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${render(x, seen)}`).join(',')}}`;
  } finally {
    seen.delete(v);
  }
}

export function isWholeNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
