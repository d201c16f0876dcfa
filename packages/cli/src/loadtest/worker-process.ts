import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How to start one worker: a program, its arguments and its whole environment. */
export interface WorkerLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A job the worker reported as finished in its log, with the outcome it logged. */
export interface FinishedJob {
  readonly file: string;
  readonly outcome: string;
}

export interface WorkerProcessEvents {
  onJobFinished?(job: FinishedJob): void;
}

/**
 * Ends the worker when the pipe to its stdin closes, which happens when this process dies for any
 * reason (even SIGKILL): an orphaned worker would otherwise poll a vanished emulator for ever. It turns
 * the close into the SIGTERM an Auto Scaling group would send; the stream is unref'd so that it never
 * keeps a finished worker alive.
 */
export const orphanGuard =
  "data:text/javascript,process.stdin.on('end',()=>process.kill(process.pid,'SIGTERM'));process.stdin.on('error',()=>{});process.stdin.resume();process.stdin.unref()";

const stderrTailLines = 20;

/**
 * One `wordfreq worker` child process. It is in service from its "worker started" log line (its poll
 * loop is running); its JSON log lines report every job it finishes.
 */
export class WorkerProcess {
  readonly ready: Promise<void>;
  readonly exited: Promise<WorkerExit>;
  private readonly child: ChildProcess;
  private readonly stderrTail: string[] = [];
  private exit: WorkerExit | undefined;

  constructor(
    readonly id: string,
    launch: WorkerLaunch,
    events: WorkerProcessEvents = {},
  ) {
    this.child = spawn(launch.command, ['--import', orphanGuard, ...launch.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...launch.env },
    });
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    // Callers may never await `ready` (a worker stopped while booting): no unhandled rejection then.
    this.ready.catch(() => undefined);

    // The pipe stays open for the guard; a write error after the worker exited is of no interest.
    this.child.stdin?.on('error', () => undefined);
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const entry = parseLogLine(line);
      if (entry?.message === 'worker started') markReady();
      else if (entry?.message === 'job finished' && typeof entry.file === 'string') {
        events.onJobFinished?.({ file: entry.file, outcome: String(entry.outcome) });
      }
    });
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > stderrTailLines) this.stderrTail.shift();
    });
    this.exited = new Promise<WorkerExit>((resolve) => {
      const finish = (exit: WorkerExit) => {
        this.exit ??= exit;
        failReady(new Error(`${id} exited before it started (${describeExit(this.exit)})${this.stderrText()}`));
        resolve(this.exit);
      };
      this.child.once('error', (error) => {
        this.stderrTail.push(`could not run ${launch.command}: ${error.message}`);
        finish({ code: null, signal: null });
      });
      this.child.once('close', (code, signal) => {
        this.child.stdin?.destroy();
        finish({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has ended. */
  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** What an Auto Scaling group does on scale-in: the worker finishes its job, then exits. */
  terminate(): void {
    if (!this.hasExited) this.child.kill('SIGTERM');
  }

  /** Last resort when a worker does not stop in time. */
  kill(): void {
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  /** The end of the worker's stderr, for error messages. */
  stderrText(): string {
    return this.stderrTail.length === 0 ? '' : `; its stderr ended with:\n${this.stderrTail.join('\n')}`;
  }
}

export function describeExit(exit: WorkerExit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
