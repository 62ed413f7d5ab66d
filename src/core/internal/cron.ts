/**
 * The one five-field cron parser of the library (minute hour day-of-month month day-of-week), as the schedulers the
 * clouds use read it (EC2 Auto Scaling scheduled actions, Compute Engine scaling schedules, and Azure autoscale
 * profiles built from it): `*`, numbers, ranges `a-b`, steps `x/n`, lists `a,b`, month names `JAN`-`DEC` and day
 * names `SUN`-`SAT` (case-insensitive; 0 and 7 are Sunday). Quartz extensions (`?`, `L`, `W`, `#`) and six fields
 * are refused.
 */
interface FieldRule { readonly name: string; readonly min: number; readonly max: number; readonly names?: string[] }
const FIELDS: FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
/** Days in each month, February in a leap year (a schedule on Feb 29 fires every four years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A parsed cron: the values each field matches, and the expression with names as numbers. */
export interface ParsedCron {
  readonly minutes: number[];
  readonly hours: number[];
  readonly daysOfMonth: number[];
  readonly months: number[];
  /** 0 = Sunday (7 folded to 0). */
  readonly daysOfWeek: number[];
  /** The expression with single spaces and names replaced by numbers. */
  readonly normalized: string;
  /** Whether the day-of-month and day-of-week fields are `*`. */
  readonly anyDayOfMonth: boolean;
  readonly anyDayOfWeek: boolean;
}

/**
 * Parses a five-field cron.
 *
 * @returns the parsed cron, or a sentence naming the field that is wrong and why
 */
export function parseCron(v: unknown): ParsedCron | string {
  if (typeof v !== 'string') return 'not a string';
  const parts = v.trim().split(/\s+/);
  if (parts.length !== 5) return `${parts.length} field${parts.length === 1 ? '' : 's'} (five are needed: minute hour day-of-month month day-of-week)`;
  const values: number[][] = [];
  const normalized: string[] = [];
  for (let i = 0; i < 5; i++) {
    const f = parseField(parts[i], FIELDS[i]);
    if (typeof f === 'string') return f;
    values.push(f.values);
    normalized.push(f.normalized);
  }
  const [minutes, hours, daysOfMonth, months, dow] = values;
  const anyDayOfMonth = parts[2] === '*';
  const anyDayOfWeek = parts[4] === '*';
  // a day-of-month restriction alone (day-of-week `*`) must name a day that some named month has
  if (!anyDayOfMonth && anyDayOfWeek && !months.some((m) => daysOfMonth.some((d) => d <= MONTH_DAYS[m - 1]))) {
    return `day-of-month '${parts[2]}' never occurs in month '${parts[3]}'`;
  }
  return {
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek: [...new Set(dow.map((d) => d % 7))].sort((a, b) => a - b),
    normalized: normalized.join(' '),
    anyDayOfMonth,
    anyDayOfWeek,
  };
}

function parseField(text: string, rule: FieldRule): { values: number[]; normalized: string } | string {
  const bad = (why: string) => `${rule.name} '${text}': ${why} (allowed: ${rule.min}-${rule.max}${rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : ''}, *, a-b, x/n, lists)`;
  const num = (t: string): number | undefined => {
    if (/^\d{1,2}$/.test(t)) return Number(t);
    const i = rule.names?.indexOf(t.toUpperCase()) ?? -1;
    return i >= 0 ? i + (rule.min === 1 ? 1 : 0) : undefined;
  };
  const values = new Set<number>();
  const out: string[] = [];
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(item);
    if (!m) return bad(`'${item}' is not a value, range or step`);
    const [, range, stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return bad('a step of 0');
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*') {
      [lo, hi] = [rule.min, rule.max];
    } else if (range.includes('-')) {
      const ends = range.split('-');
      if (ends.length !== 2) return bad(`'${range}' is not a range`);
      [lo, hi] = ends.map(num);
    } else {
      lo = num(range);
      hi = stepText === undefined ? lo : rule.max;
    }
    if (lo === undefined || hi === undefined) return bad(`'${range}' is not a number${rule.names ? ' or a name' : ''}`);
    if (lo < rule.min || hi > rule.max) return bad(`${lo < rule.min ? lo : hi} is out of range`);
    if (lo > hi) return bad(`the range ${lo}-${hi} runs backwards`);
    for (let x = lo; x <= hi; x += step) values.add(x);
    out.push(`${range === '*' ? '*' : lo === hi && stepText === undefined ? lo : range.includes('-') ? `${lo}-${hi}` : lo}${stepText === undefined ? '' : `/${step}`}`);
  }
  return { values: [...values].sort((a, b) => a - b), normalized: out.join(',') };
}

/** Days of the week (0 = Sunday) a five-field cron fires on, from its day-of-week field; every day when it does not parse. */
export function cronDays(cron: string): number[] {
  const c = parseCron(cron);
  return typeof c === 'string' ? [0, 1, 2, 3, 4, 5, 6] : c.daysOfWeek;
}

/**
 * Minutes from `upCron` to `downCron` when both fire at a fixed minute and hour on the same days; undefined otherwise.
 */
export function cronWindowMinutes(upCron: string, downCron: string): number | undefined {
  const up = parseCron(upCron);
  const down = parseCron(downCron);
  if (typeof up === 'string' || typeof down === 'string') return undefined;
  const fixed = (c: ParsedCron) => c.minutes.length === 1 && c.hours.length === 1;
  if (!fixed(up) || !fixed(down) || up.normalized.split(' ').slice(2).join(' ') !== down.normalized.split(' ').slice(2).join(' ')) {
    return undefined;
  }
  const start = up.hours[0] * 60 + up.minutes[0];
  const end = down.hours[0] * 60 + down.minutes[0];
  return end > start ? end - start : end + 24 * 60 - start;
}

/** Hours a week a schedule keeps a fleet up: the window times its days, or 168 without a computable window. */
export function cronHoursPerWeek(upCron?: string, downCron?: string): number {
  if (!upCron || !downCron) return 168;
  const minutes = cronWindowMinutes(upCron, downCron);
  return minutes === undefined ? 168 : (minutes / 60) * cronDays(upCron).length;
}

/**
 * Whether `v` names a time zone the schedulers accept: an IANA name (`Intl.supportedValuesOf('timeZone')`, an alias
 * that resolves to one, such as Asia/Kolkata, or UTC). Offsets such as `+05:00` are refused.
 */
export function isTimeZone(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(v)) return false;
  if (v === 'UTC' || timeZones().has(v)) return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
    return resolved === 'UTC' || timeZones().has(resolved);
  } catch {
    return false;
  }
}

let zones: Set<string> | undefined;
/** The IANA time zones of this runtime's ICU data. */
export function timeZones(): Set<string> {
  zones ??= new Set((Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone'));
  return zones;
}
