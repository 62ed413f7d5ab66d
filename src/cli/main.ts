#!/usr/bin/env node
import { runCli } from './program';

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`ai-infra: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
