/** Days of the week (0 = Sunday) a five-field cron's day-of-week field names. */
export function cronDays(cron: string): number[] {
  const dow = cron.trim().split(/\s+/)[4] ?? '*';
  const days = new Set<number>();
  for (const part of dow.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [a, b] = range === '*' ? [0, 6] : range.includes('-') ? range.split('-').map(Number) : [Number(range), Number(range)];
    for (let d = a; d <= b; d += step) days.add(d % 7);
  }
  return [...days].sort((x, y) => x - y);
}

/**
 * Minutes from `upCron` to `downCron` when both fire at a fixed minute and hour on the same days; undefined otherwise.
 */
export function cronWindowMinutes(upCron: string, downCron: string): number | undefined {
  const up = upCron.trim().split(/\s+/);
  const down = downCron.trim().split(/\s+/);
  if (up.length !== 5 || down.length !== 5 || ![up[0], up[1], down[0], down[1]].every((f) => /^\d{1,2}$/.test(f)) || up.slice(2).join(' ') !== down.slice(2).join(' ')) {
    return undefined;
  }
  const start = Number(up[1]) * 60 + Number(up[0]);
  const end = Number(down[1]) * 60 + Number(down[0]);
  return end > start ? end - start : end + 24 * 60 - start;
}

/** Hours a week a schedule keeps a fleet up: the window times its days, or 168 without a computable window. */
export function cronHoursPerWeek(upCron?: string, downCron?: string): number {
  if (!upCron || !downCron) return 168;
  const minutes = cronWindowMinutes(upCron, downCron);
  return minutes === undefined ? 168 : (minutes / 60) * cronDays(upCron).length;
}
