/**
 * Exit codes and errors of the `ai-infra` command (not part of the jsii API). Every command follows them:
 *
 * - 0: done (also `--help`, `--version`, and a reader that closed the pipe early, e.g. `| head`);
 * - 1 ({@link failure}): the command line was right but the work failed (an I/O error while working, a synthesis or
 *   policy failure);
 * - 2 ({@link usage}): the command line is wrong: an unknown command or option, a missing required option, a value
 *   out of range, a named file that is missing or is not what the option expects, an output folder that cannot be
 *   used. The message names the option, the value (or file) and what is allowed.
 *
 * Commands throw these; `runCli` prints the message on one line (`ai-infra: ...`) and returns the code.
 */
import * as fs from 'fs';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports with its own exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong command line (exit 2): name the option, the value and what is allowed. */
export function usage(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

/** A failure of the work itself (exit 1). */
export function failure(message: string): CliError {
  return new CliError(message, EXIT_FAILURE);
}

/** What a Node file-system error code means, in words. */
function reason(e: any): string {
  switch (e?.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    default: return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Reads a JSON file the user named, with the file name in every error: a missing file, a folder, or text that is
 * not JSON is a usage error (exit 2); another read error (permissions, I/O) is a failure (exit 1).
 *
 * @param file the path as the user gave it
 * @param label who asked, e.g. `--template` (the message reads `--template FILE: ...`)
 * @param expected what the option expects, e.g. `a CloudFormation template or a cdk.tf.json`
 */
export function readJsonFile(file: string, label: string, expected: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    const wrong = ['ENOENT', 'EISDIR', 'ENOTDIR'].includes(e?.code);
    const message = `${label} ${file}: cannot read the file: ${reason(e)}${e?.code === 'EISDIR' ? `; expected ${expected}` : ''}`;
    throw wrong ? usage(message) : failure(message);
  }
  if (text.trim() === '') throw usage(`${label} ${file}: the file is empty; expected ${expected}`);
  try {
    return JSON.parse(text);
  } catch (e: any) {
    throw usage(`${label} ${file}: not JSON (${e instanceof Error ? e.message : String(e)}); expected ${expected}`);
  }
}

/** The exit code and one-line message for anything a command threw. */
export function describeError(e: unknown): { code: number; message: string } {
  const raw = e instanceof Error ? e.message : String(e);
  // library errors list their problems on several lines and carry the library's prefix: one line, one prefix
  const message = raw.replace(/^\[ai-infra\]\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
  if (e instanceof CliError) return { code: e.exitCode, message };
  // the library's validation errors (a spec's `validate()`) are bad values the user passed
  return { code: /invalid propert/i.test(raw) ? EXIT_USAGE : EXIT_FAILURE, message };
}
