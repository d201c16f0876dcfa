import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built daemon, exactly what the systemd unit runs. */
export const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(mainJs)) {
    throw new Error(`${mainJs} is missing: build first with npx turbo run build --filter=@wordfreq/runtime-ec2...`);
  }
}

export type LogLine = Record<string, unknown> & { message: string; level: string };

/** One `wordfreq-worker` child process with its parsed JSON log lines. */
export class WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  /** Anything on stdout that is not a JSON line (there should be none). */
  readonly notJson: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private partial = '';

  constructor(env: Record<string, string>, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [mainJs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.take(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  private take(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) {
      if (part.trim() === '') continue;
      try {
        this.lines.push(JSON.parse(part) as LogLine);
      } catch {
        this.notJson.push(part);
      }
    }
  }

  /** Log lines with `message` (and, optionally, matching fields). */
  logged(message: string, match: (line: LogLine) => boolean = () => true): LogLine[] {
    return this.lines.filter((line) => line.message === message && match(line));
  }

  /** Message ids this worker started but has not finished (by its log). */
  inFlight(): string[] {
    const finished = new Set(this.logged('job finished').map((l) => `${l.messageId}#${l.receiveCount}`));
    return this.logged('job started')
      .filter((l) => !finished.has(`${l.messageId}#${l.receiveCount}`))
      .map((l) => String(l.messageId));
  }

  /** Polls `condition` until it holds; fails at once if the process exits first, or after `timeout` ms. */
  async waitFor(what: string, condition: () => boolean, timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!condition()) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`worker exited (${this.child.exitCode ?? this.child.signalCode}) before: ${what}\n${this.stderr.join('')}`);
      }
      if (Date.now() > deadline) throw new Error(`gave up after ${timeout} ms waiting for: ${what}\n${this.stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills the process if it still runs (test clean-up). */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
