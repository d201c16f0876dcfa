import type { InstanceRecord, TimelinePoint } from '@wordfreq/scaling';
import { describeExit, WorkerProcess, type FinishedJob, type WorkerExit, type WorkerLaunch } from './worker-process.js';

/** A group's instances by state, as a timeline point records them. */
export type GroupCounts = Pick<TimelinePoint, 'pending' | 'inService' | 'draining' | 'desired'>;

/** What the autoscaler needs from a group: its counts, and a desired capacity to move to. */
export interface ScalingGroup {
  counts(): GroupCounts;
  setDesired(desired: number): void;
}

export interface WorkerGroupOptions {
  /** The command and environment of the `index`-th worker launched (0-based). */
  launch(index: number): WorkerLaunch;
  /** Seconds since the run started. */
  now(): number;
  onJobFinished?(job: FinishedJob, worker: number): void;
  /** A worker came into service or exited: the group's counts changed on their own. */
  onChange?(): void;
}

type State = 'pending' | 'in-service' | 'draining' | 'terminated';

interface Member {
  readonly id: number;
  readonly process: WorkerProcess;
  readonly initial: boolean;
  readonly launchedAt: number;
  readyAt?: number;
  terminatedAt?: number;
  state: State;
  stopRequested: boolean;
}

/**
 * An Auto Scaling group whose instances are `wordfreq worker` processes. Scale-out launches processes
 * (pending until their poll loop runs); scale-in sends SIGTERM to the newest ones first, as EC2's
 * default termination policy does, and each drains (finishes its job) and exits. A worker that exits
 * without being told to, or fails while stopping, fails the run through `failure`.
 */
export class WorkerGroup implements ScalingGroup {
  /** Rejects with the first worker that died on its own; never resolves. */
  readonly failure: Promise<never>;
  private readonly members: Member[] = [];
  private desired = 0;
  private fail!: (error: Error) => void;
  /** Seconds from launch to service of every worker, the initial ones included. */
  private readonly startUps: number[] = [];

  constructor(private readonly options: WorkerGroupOptions) {
    this.failure = new Promise<never>((_, reject) => (this.fail = reject));
    this.failure.catch(() => undefined);
  }

  /**
   * Starts the group's initial capacity and waits until it is in service, before the run's clock
   * starts: these count as running already, like the simulator's initial instances.
   */
  async startInitial(count: number): Promise<void> {
    const started = Array.from({ length: count }, () => this.launch(true));
    this.desired = count;
    await Promise.race([Promise.all(started.map((member) => member.process.ready)), this.failure]);
  }

  setDesired(desired: number): void {
    for (let n = this.desired; n < desired; n += 1) this.launch(false);
    if (desired < this.desired) {
      const leaving = this.members.filter((m) => m.state === 'pending' || m.state === 'in-service').reverse();
      for (const member of leaving.slice(0, this.desired - desired)) this.stop(member);
    }
    this.desired = desired;
  }

  counts(): GroupCounts {
    const count = (state: State) => this.members.filter((m) => m.state === state).length;
    return { pending: count('pending'), inService: count('in-service'), draining: count('draining'), desired: this.desired };
  }

  /** Each worker's life in run seconds; initial workers count from 0, as they were running already. */
  records(): InstanceRecord[] {
    return this.members.map((m) => ({
      id: m.id,
      launchedAt: m.initial ? 0 : m.launchedAt,
      ...(m.readyAt === undefined ? {} : { readyAt: m.initial ? 0 : m.readyAt }),
      ...(m.terminatedAt === undefined ? {} : { terminatedAt: m.terminatedAt }),
      initial: m.initial,
    }));
  }

  /** Launch-to-service seconds of every worker that came into service. */
  startUpSeconds(): readonly number[] {
    return [...this.startUps];
  }

  /** Workers not yet exited. */
  get running(): number {
    return this.members.filter((m) => m.state !== 'terminated').length;
  }

  /**
   * Stops every worker: SIGTERM, then SIGKILL for those still running after `graceMs`. Resolves when
   * all have exited. Safe to call at any time, also after a failure.
   */
  async stopAll(graceMs: number): Promise<void> {
    this.desired = 0;
    const alive = this.members.filter((m) => m.state !== 'terminated');
    for (const member of alive) this.stop(member);
    let timer: NodeJS.Timeout | undefined;
    const exits = Promise.all(alive.map((m) => m.process.exited));
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    if ((await Promise.race([exits, late])) === 'late') {
      for (const member of alive) member.process.kill();
      await exits;
    }
    clearTimeout(timer);
  }

  private launch(initial: boolean): Member {
    const id = this.members.length;
    const launchedAt = this.options.now();
    const started = performance.now();
    const process = new WorkerProcess(`worker-${id + 1}`, this.options.launch(id), {
      onJobFinished: (job) => this.options.onJobFinished?.(job, id),
    });
    const member: Member = { id, process, initial, launchedAt, state: 'pending', stopRequested: false };
    this.members.push(member);
    process.ready.then(
      () => {
        this.startUps.push((performance.now() - started) / 1000);
        if (member.state !== 'pending') return;
        member.state = 'in-service';
        member.readyAt = this.options.now();
        this.options.onChange?.();
      },
      () => undefined,
    );
    void process.exited.then((exit) => this.exited(member, exit));
    return member;
  }

  private stop(member: Member): void {
    // A second SIGTERM would tell a draining worker to give up its job at once.
    if (member.stopRequested) return;
    member.stopRequested = true;
    member.state = 'draining';
    member.process.terminate();
  }

  private exited(member: Member, exit: WorkerExit): void {
    member.state = 'terminated';
    member.terminatedAt = this.options.now();
    // A worker still booting when told to stop dies of the SIGTERM before its handler exists.
    const clean = exit.code === 0 || (member.stopRequested && exit.signal === 'SIGTERM');
    if (!member.stopRequested || !clean) {
      const why = member.stopRequested ? 'failed while stopping' : 'exited on its own';
      this.fail(new Error(`${member.process.id} ${why} (${describeExit(exit)})${member.process.stderrText()}`));
    }
    this.options.onChange?.();
  }
}
