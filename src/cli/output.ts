/**
 * Output conventions of the `ai-infra` command (not part of the jsii API). Every command that prints a table:
 *
 * - prints it with {@link renderTable}: aligned columns, numbers right-aligned with thousands separators
 *   ({@link int}, {@link num}, {@link usd});
 * - takes `--json` ({@link JSON_OPTION}) and then prints {@link json} instead, to stdout, nothing else there;
 * - colours through {@link CliIo.style} only: plain unless stdout is a terminal, and never when `NO_COLOR` is set
 *   (https://no-color.org: "present and not an empty string") or `TERM=dumb`;
 * - reports progress of work that takes over a second on stderr ({@link CliIo.progress}), so stdout stays the
 *   result (a table, or JSON a pipe can read).
 */

/** ANSI styles, or identity functions when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  /** The result: a table, text, or JSON. */
  out: (text: string) => void;
  /** Errors and progress. */
  err: (text: string) => void;
  /** Colours for stdout (plain when absent). */
  style?: Style;
  /** Colours for stderr (plain when absent). */
  errStyle?: Style;
}

/** Whether to colour a stream: a terminal, no `NO_COLOR` (any non-empty value), not `TERM=dumb`. */
export function colourWanted(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (!isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** Styles that colour when `enabled`, and change nothing otherwise. */
export function makeStyle(enabled: boolean): Style {
  const sgr = (open: number, close: number) => (t: string) => (enabled ? `\u001b[${open}m${t}\u001b[${close}m` : t);
  return { enabled, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };
}

export const PLAIN = makeStyle(false);

/** The description of every command's `--json` option. */
export const JSON_OPTION = ['--json', 'print JSON instead of the table'] as const;

/** Prints a value as indented JSON, one newline at the end. */
export function json(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}

/** Writes a progress line on stderr (`[label] text`), dimmed on a terminal. */
export function progress(io: CliIo, label: string, text: string): void {
  io.err((io.errStyle ?? PLAIN).dim(`[${label}] ${text}`) + '\n');
}

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An integer with thousands separators: 3200 -> `3,200`. */
export function int(n: number): string {
  return INT.format(n);
}

/** A number with thousands separators and at most `digits` decimals: 1234.5 -> `1,234.5`. */
export function num(n: number, digits = 2): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
}

/** US dollars with thousands separators and cents: 1234.5 -> `$1,234.50`. */
export function usd(n: number): string {
  return `${n < 0 ? '-' : ''}$${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(n))}`;
}

/** A column of a table: numbers align right. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Visible length (ANSI escapes do not count). */
function width(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/**
 * An aligned table: a header row (bold on a terminal), then one row per entry, columns two spaces apart, no
 * trailing spaces. Cells are text: format numbers with {@link int}, {@link num} or {@link usd} first.
 */
export function renderTable(columns: Column[], rows: string[][], style: Style = PLAIN): string {
  for (const r of rows) {
    if (r.length !== columns.length) throw new Error(`table row has ${r.length} cells, expected ${columns.length}: ${r.join(' | ')}`);
  }
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => {
    const pad = ' '.repeat(widths[i] - width(c));
    if (columns[i].align === 'right') return pad + c;
    return i === cells.length - 1 ? c : c + pad;
  }).join('  ').replace(/\s+$/, '');
  return [style.bold(line(columns.map((c) => c.header))), ...rows.map(line)].join('\n') + '\n';
}
