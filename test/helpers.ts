import { spawnSync } from 'child_process';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `ai-infra` command from source in a fresh process. */
export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The neutral facts the library reads back from a synthesized stack (CloudFormation template or Terraform JSON),
 * through the cloud registry, as governance and the demo read them. Facts are internal, so this is the one
 * place tests reach past the public API.
 */
export function factsOf(document: any): import('../src/core/facts').PlatformFacts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cloudOfDocument } = require('../src/clouds') as typeof import('../src/clouds');
  return cloudOfDocument(document).readFacts(JSON.parse(JSON.stringify(document)));
}

/** A fleet as the demo summary writes it (the facts beyond it dropped). */
export function summaryFleet(f: { path: string; instanceType: string; nodes: number; configuredGbps: number; maxGbps: number }) {
  return { path: f.path, instanceType: f.instanceType, nodes: f.nodes, configuredGbps: f.configuredGbps, maxGbps: f.maxGbps };
}

/** A Terraform stack's synthesized document, as a user's test reads it (`Testing.synth`): the facts manifest is in it. */
export function synthTerraform(stack: import('../src/tf').TerraformStack): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Testing } = require('cdktf') as typeof import('cdktf');
  return JSON.parse(Testing.synth(stack));
}
