import { startWatchedProcess } from './watched-process.js';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: every service moto emulates answers on this one endpoint. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface MotoServerOptions {
  /** The Python interpreter (default `python3`, or `WORDFREQ_PYTHON` when set). */
  readonly python?: string;
  /** How long to wait for the first answer (default 60 s: importing moto takes seconds on a busy box). */
  readonly startTimeoutMs?: number;
}

/** Why moto may be missing, and what to do about it: the one place that says it. */
export const motoInstallHint = 'moto server mode is a Python package: pip install "moto[server]" (.ci/run does this when it is missing)';

/**
 * Runs `python3 -m moto.server` on 127.0.0.1 and a free port, in memory, watched so it never outlives
 * this process (see `startWatchedProcess`). moto is a second emulator, written independently of ours
 * (Python, by other people), so a behaviour both agree on is less likely to be our own model twice.
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const python = options.python ?? process.env.WORDFREQ_PYTHON ?? 'python3';
  return startWatchedProcess({
    name: 'moto-server',
    command: (port) => [python, '-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    // Unbuffered, so a start-up failure's traceback reaches the error message.
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    // moto's own API answers once every service is loaded.
    isServing: async (port) => (await fetch(`http://127.0.0.1:${port}/moto-api/`, { signal: AbortSignal.timeout(1000) })).ok,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    startFailure: ({ port, why, log }) =>
      /No module named moto|ModuleNotFoundError|not found/.test(log)
        ? Object.assign(new Error(`moto could not start: ${log.split('\n').pop()}. ${motoInstallHint}`), { retry: false })
        : new Error(`moto server on port ${port} ${why}. Its output: ${log === '' ? '(none)' : log}`),
  });
}
