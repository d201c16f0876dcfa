import { workerEnvVariables } from '../config/worker-config.from-env.js';

/** `--help` text of the daemon and of `wordfreq worker`. */
export function workerUsage(command: string): string {
  const width = Math.max(...Object.keys(workerEnvVariables).map((name) => name.length));
  return [
    `Usage: ${command} [--health-port PORT]`,
    '',
    'Long-polls the jobs queue, counts each uploaded file, saves the result in the results table and',
    'publishes it on the results queue. Configured by environment variables (compatible with the Go',
    "sample's worker); all problems are reported together and exit with code 2.",
    '',
    'Options:',
    '  --health-port PORT  serve GET /health on PORT (200 healthy, 503 draining or failing)',
    '',
    'Environment:',
    ...Object.entries(workerEnvVariables).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'Signals: SIGTERM or SIGINT stops receiving, lets running jobs finish within WORKER_GRACE_SECONDS,',
    'releases what cannot finish and exits 0; a second signal releases everything at once and exits',
    'with 128 + the signal number.',
    '',
  ].join('\n');
}
