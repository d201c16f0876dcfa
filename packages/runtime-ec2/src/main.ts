#!/usr/bin/env node
// The daemon's entry (systemd runs `node dist/main.js`): wires the process to `runWorkerDaemon`.
import { runWorkerDaemon } from './daemon/run-worker-daemon.js';

runWorkerDaemon(process.argv.slice(2), {
  env: process.env,
  writeLine: (line) => process.stdout.write(`${line}\n`),
  writeError: (text) => process.stderr.write(text),
  signals: process,
  command: 'wordfreq-worker',
}).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    process.stderr.write(`wordfreq-worker: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitAfterFlush(1);
  },
);

// Exit explicitly: an SDK long poll still open after a hard stop must not keep the process alive,
// but the last log lines must reach journald first.
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
