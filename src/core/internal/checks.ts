/* eslint-disable no-bitwise */ // IPv4 CIDR arithmetic
import { isWholeNumber } from './text';
import { Validation, ValidationProblem } from '../validation';

/** Pushes a problem unless `v` is a whole number in [min, max]. */
export function wholeInRange(p: ValidationProblem[], property: string, v: unknown, min: number, max: number, note = ''): void {
  if (!(isWholeNumber(v) && v >= min && v <= max)) {
    p.push(Validation.problem(property, v, `a whole number from ${min} to ${max}${note}`));
  }
}

/** Pushes a problem unless `v` is a number in [min, max]. */
export function numberInRange(p: ValidationProblem[], property: string, v: unknown, min: number, max: number, note = ''): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max)) {
    p.push(Validation.problem(property, v, `a number from ${min} to ${max}${note}`));
  }
}

/** Pushes a problem for each of `keys` that is set to something other than true or false. */
export function booleans(p: ValidationProblem[], props: object, keys: string[]): void {
  for (const k of keys) {
    const v = (props as Record<string, unknown>)[k];
    if (v !== undefined && typeof v !== 'boolean') p.push(Validation.problem(k, v, 'true or false'));
  }
}

/** Parses an IPv4 CIDR block; undefined when malformed. */
export function parseCidr(v: unknown): { base: number; prefix: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(v);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((base & mask) >>> 0 !== base) return undefined; // host bits set
  return { base, prefix };
}

export function formatCidr(base: number, prefix: number): string {
  return `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`;
}

export function cidrsOverlap(a: { base: number; prefix: number }, b: { base: number; prefix: number }): boolean {
  const p = Math.min(a.prefix, b.prefix);
  const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return ((a.base & mask) >>> 0) === ((b.base & mask) >>> 0);
}

/** A plausible email address (one @, a dot in the domain, no spaces). */
export function isEmail(v: unknown): boolean {
  return typeof v === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v);
}

/**
 * Allocates blocks of the given prefix lengths from the start of a range, in order, each aligned to its size
 * (the rule aws-cdk-lib's Vpc applies, so ranges it allocated before keep their CIDRs).
 *
 * @returns the CIDRs, or undefined when they do not fit below `limit` (an address the blocks may not reach)
 */
export function allocateBlocks(rangeCidr: string, prefixes: number[], limit?: number): string[] | undefined {
  const range = parseCidr(rangeCidr);
  if (!range) return undefined;
  const end = limit ?? range.base + 2 ** (32 - range.prefix);
  let next = range.base;
  const out: string[] = [];
  for (const prefix of prefixes) {
    const size = 2 ** (32 - prefix);
    const start = Math.ceil(next / size) * size;
    if (start + size > end) return undefined;
    out.push(formatCidr(start, prefix));
    next = start + size;
  }
  return out;
}

/** A required prop: the test it must pass and what is allowed. */
export type RequiredProp = readonly [check: (v: unknown) => boolean, allowed: string];

/**
 * Throws the library's error when a construct's props are not an object (null, a number, a list) or a required prop
 * fails its test: the construct would otherwise fail with a TypeError reading a property of undefined.
 *
 * @param kind the construct class, e.g. `PlatformMonitoring`
 * @param path the construct path
 * @param props the props as given
 * @param required required props by name, with their test and what is allowed
 */
export function requireProps(kind: string, path: string, props: unknown, required: Record<string, RequiredProp> = {}): void {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    Validation.throwIfAny(kind, path, [Validation.problem('props', props, `an object of ${kind} properties`)]);
  }
  const p = props as Record<string, unknown>;
  Validation.throwIfAny(kind, path, Object.entries(required)
    .filter(([name, [check]]) => !check(p[name]))
    .map(([name, [, allowed]]) => Validation.problem(name, p[name], allowed)));
}
