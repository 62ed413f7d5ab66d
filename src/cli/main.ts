#!/usr/bin/env node
import { EXIT_FAILURE } from './errors';
import { colourWanted, makeStyle } from './output';
import { runCli } from './program';

// A reader that stops early (`ai-infra catalog | head -3`) closes the pipe: the output it wanted is out, so stop
// quietly with 0 instead of crashing on EPIPE. Node ignores SIGPIPE and reports it as an 'error' on the stream.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
// progress and errors have nowhere to go once stderr is closed: drop them, finish the work
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  style: makeStyle(colourWanted(process.stdout.isTTY, process.env)),
  errStyle: makeStyle(colourWanted(process.stderr.isTTY, process.env)),
}).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`ai-infra: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = EXIT_FAILURE;
});
