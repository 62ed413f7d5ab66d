// Runs the examples from a clone of this repository (`npm run example:aws`, `example:gcp`, `example:azure`): the
// package name `ai-infra-constructs` resolves to this repository's sources, as it resolves to node_modules in an app.
// A copied example does not need this file (see README.md, "Install and use").
const Module = require('module');
const path = require('path');

const SOURCE = path.join(__dirname, '..', 'src', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'ai-infra-constructs' ? SOURCE : request, ...rest);
};
