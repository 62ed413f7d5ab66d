// Lets in-repo examples import the package by name ('ai-infra-constructs'), as a user's app does,
// resolving it to this repository's sources. Used with ts-node: node -r ts-node/register -r ./scripts/resolve-self.js
const Module = require('module');
const path = require('path');
const original = Module._resolveFilename;
const root = path.resolve(__dirname, '..', 'src', 'index.ts');
Module._resolveFilename = function (request, ...rest) {
  return original.call(this, request === 'ai-infra-constructs' ? root : request, ...rest);
};
