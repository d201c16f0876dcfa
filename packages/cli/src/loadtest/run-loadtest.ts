import { DynamoResultStore, S3ObjectStore, SqsJobQueue } from '@wordfreq/adapters-aws';
import { randomBetween, seededRandom, summarizeRun, type SimulationResult } from '@wordfreq/scaling';
import { calibrate, type Calibration, type MeasuredJob } from './calibration.js';
import { accountForJobs, type JobAccounting } from './job-accounting.js';
import { LocalAutoscaler } from './local-autoscaler.js';
import { provisionLoadtest, type LoadtestResources, type LocalAws, type StartLocalAws } from './local-aws.js';
import type { LoadtestOptions } from './loadtest-options.js';
import { predictLoadtest } from './loadtest-prediction.js';
import { loadtestFleet, loadtestScenario, type LoadtestScenario } from './loadtest-scenario.js';
import { uploadLoadtestFiles, type Upload } from './loadtest-uploads.js';
import { measuredJobs, type SeenFinish } from './measured-jobs.js';
import { Stopwatch, Watchdog } from './run-control.js';
import { WorkerGroup } from './worker-group.js';
import { wordfreqWorkerLaunch, workerEnv } from './worker-launch.js';
import type { WorkerLaunch } from './worker-process.js';

export interface LoadtestDeps {
  /** Starts the emulators (`startEmulatedAws` from @wordfreq/local-aws). */
  readonly startAws: StartLocalAws;
  /** How to run one worker with this environment; default this CLI's `wordfreq worker`. */
  readonly launchWorker?: (env: Record<string, string>) => WorkerLaunch;
  /** One line per step and scaling action, as they happen. */
  readonly progress?: (line: string) => void;
  /** Aborting (Ctrl-C) stops the run; everything started is still stopped before it rejects. */
  readonly signal?: AbortSignal;
}

/** A real run in the simulator's own shape (no seed), so both chart and summarise alike. */
export interface MeasuredRun extends Omit<SimulationResult, 'seed' | 'jobs'> {
  readonly jobs: readonly MeasuredJob[];
}

export interface LoadtestReport {
  readonly scenario: LoadtestScenario;
  /** The artificial delay each worker was started with, by launch order. */
  readonly workerDelays: readonly number[];
  /** When the autoscaler first sampled the queue; every `sampleSeconds` after that. */
  readonly phaseSeconds: number;
  readonly calibration: Calibration;
  readonly measured: MeasuredRun;
  readonly predicted: SimulationResult;
  readonly accounting: JobAccounting;
}

const visibilitySeconds = 30;
const stopGraceMs = 15_000;

/**
 * The local load test: emulated S3, SQS and DynamoDB; a bucket whose uploads become jobs; one worker
 * process in service; then a burst of uploads while the autoscaler applies the policy to the real
 * queue depth and starts and stops real workers. When every job is done and the group is back at its
 * minimum (or the settle limit passed), the workers are stopped, the results are accounted for, and
 * the simulator predicts the same scenario from the measured boot and job times. Whatever happens,
 * the workers and the emulators are stopped before this settles.
 */
export async function runLoadtest(options: LoadtestOptions, deps: LoadtestDeps): Promise<LoadtestReport> {
  const progress = deps.progress ?? (() => undefined);
  const watchdog = new Watchdog(deps.signal);
  progress('starting emulated AWS (s3rver, local-aws-sqs, DynamoDB Local)');
  const starting = deps.startAws({ services: ['s3', 'sqs', 'dynamodb'] });
  let aws: LocalAws;
  try {
    aws = await watchdog.guard(starting);
  } catch (error) {
    // Interrupted while starting: stop the emulators once they are up.
    void starting.then((started) => started.stop()).catch(() => undefined);
    throw error;
  }
  const session = new LoadtestSession(aws, options, deps, watchdog, progress);
  try {
    return await session.run();
  } finally {
    const stopping = await Promise.allSettled([session.stopWorkers(), aws.stop()]);
    const failed = stopping.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) progress(`cleanup problem: ${String(failed.reason)}`);
  }
}

/** One run on started emulators: provision, start the group, drive the autoscaler, report. */
class LoadtestSession {
  private readonly scenario: LoadtestScenario;
  private readonly clock = new Stopwatch();
  private readonly finishes = new Map<string, SeenFinish>();
  private readonly workerDelays: number[] = [];
  private readonly phaseSeconds: number;
  private group: WorkerGroup | undefined;
  private autoscaler: LocalAutoscaler | undefined;
  /** Cleared when the run ends: stopping the last workers is not part of the record. */
  private recording = true;
  private uploads: Upload[] | undefined;

  constructor(
    private readonly aws: LocalAws,
    private readonly options: LoadtestOptions,
    private readonly deps: LoadtestDeps,
    private readonly watchdog: Watchdog,
    private readonly progress: (line: string) => void,
  ) {
    this.scenario = loadtestScenario(options);
    this.phaseSeconds = this.scenario.sampleSeconds / 2;
  }

  async run(): Promise<LoadtestReport> {
    const resources = await this.watchdog.guard(provisionLoadtest(this.aws, { visibilitySeconds }));
    const bridge = this.aws.bridgeS3EventsToQueue({ queueUrl: resources.jobQueueUrl, bucket: resources.bucket });
    const group = this.startGroup(resources);
    this.progress('starting the first worker');
    await this.watchdog.guard(group.startInitial(this.scenario.bounds.min));

    this.clock.start();
    const jobsQueue = new SqsJobQueue(this.aws.clients.sqs, { queue: resources.jobQueueUrl });
    const autoscaler = new LocalAutoscaler(
      { depth: () => jobsQueue.depth(), group, arrived: () => bridge.forwarded, completed: () => this.finishes.size },
      { policy: this.scenario.policy, bounds: this.scenario.bounds },
    );
    this.autoscaler = autoscaler;
    autoscaler.record(0);
    this.startUploads(resources);
    const endSeconds = await this.driveUntilSettled(autoscaler);

    autoscaler.record(endSeconds);
    this.recording = false;
    const settled = autoscaler.settled();
    const timeline = [...autoscaler.timeline];
    const events = [...autoscaler.events];
    const instances = group.records();
    this.progress('stopping the workers and counting the results');
    await group.stopAll(stopGraceMs);
    await bridge.stop();
    const uploads = this.uploads ?? [];
    const { accounting, rows } = await accountForJobs(uploads, {
      bucket: resources.bucket,
      results: new DynamoResultStore(this.aws.clients.dynamodb, { table: resources.resultsTable }),
      resultsQueue: new SqsJobQueue(this.aws.clients.sqs, { queue: resources.resultsQueueUrl }),
      deadLetters: new SqsJobQueue(this.aws.clients.sqs, { queue: resources.deadLetterQueueUrl }),
    });

    const jobs = measuredJobs({
      rows,
      finishes: this.finishes,
      arrivals: new Map(uploads.map((upload) => [`${resources.bucket}/${upload.key}`, upload.arrivalSeconds])),
      workerDelays: this.workerDelays,
      secondsAt: (wallMs) => this.clock.secondsAt(wallMs),
    });
    const calibration = calibrate(jobs, group.startUpSeconds());
    const { scenario } = this;
    const label = `measured: ${scenario.policy.label ?? scenario.policy.kind}`;
    const deployment = { kind: 'ec2' as const, fleet: loadtestFleet(scenario, calibration.bootSeconds), policy: scenario.policy };
    const summary = summarizeRun({ label, deployment, totalJobs: this.options.files, jobs, timeline, instances, events, endSeconds, settled });
    const predicted = predictLoadtest({ scenario, calibration, arrivals: uploads.map((u) => u.arrivalSeconds), phaseSeconds: this.phaseSeconds });
    return {
      scenario,
      workerDelays: this.workerDelays,
      phaseSeconds: this.phaseSeconds,
      calibration,
      measured: { label, summary, timeline, events, instances, jobs },
      predicted,
      accounting,
    };
  }

  /** Safe at any time: nothing to do before the group exists or after it stopped. */
  async stopWorkers(): Promise<void> {
    await this.group?.stopAll(stopGraceMs);
  }

  private startGroup(resources: LoadtestResources): WorkerGroup {
    const { jobSeconds, seed } = this.options;
    const delays = seededRandom(seed ^ 0x5bd1e995);
    const launchWorker = this.deps.launchWorker ?? wordfreqWorkerLaunch;
    const record = () => {
      if (this.recording) this.autoscaler?.record(this.clock.seconds());
    };
    const group = new WorkerGroup({
      now: () => this.clock.seconds(),
      launch: (index) => {
        this.workerDelays[index] = round(randomBetween(delays, jobSeconds.min, jobSeconds.max));
        const env = workerEnv({
          resources,
          awsEnv: this.aws.env(),
          workerId: `loadtest-worker-${index + 1}`,
          delaySeconds: this.workerDelays[index],
          visibilitySeconds,
          graceSeconds: Math.ceil(jobSeconds.max + 20),
        });
        return launchWorker(env);
      },
      onJobFinished: (job, worker) => {
        // A result, success or permanent failure, ends a job; a retry does not.
        if (job.outcome !== 'succeeded' && job.outcome !== 'failed') return;
        if (!this.finishes.has(job.file)) this.finishes.set(job.file, { t: this.clock.seconds(), worker });
        record();
      },
      onChange: record,
    });
    this.group = group;
    this.watchdog.watch(group.failure);
    return group;
  }

  private startUploads(resources: LoadtestResources): void {
    const { files, bytesPerFile, seed } = this.options;
    this.progress(`uploading ${files} files; the autoscaler samples the queue every ${round(this.scenario.sampleSeconds)} s`);
    const uploading = uploadLoadtestFiles(new S3ObjectStore(this.aws.clients.s3), {
      bucket: resources.bucket,
      files,
      bytesPerFile,
      seed,
      now: () => this.clock.seconds(),
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
    }).then((done) => (this.uploads = done));
    this.watchdog.watch(uploading);
  }

  /**
   * Ticks the autoscaler on the metric clock until every job is done and the group is back at its
   * minimum, or the settle limit passed. Returns the run second it stopped at.
   */
  private async driveUntilSettled(autoscaler: LocalAutoscaler): Promise<number> {
    const { sampleSeconds, settleLimitSeconds } = this.scenario;
    // One worker alone, with a generous allowance for a slow machine, is the longest a drain may take.
    const drainLimit = this.options.files * (this.options.jobSeconds.max + 5) + 60;
    let drainedAt: number | undefined;
    for (let k = 0; ; k += 1) {
      await this.watchdog.guard(this.clock.until(this.phaseSeconds + k * sampleSeconds));
      const now = this.clock.seconds();
      const event = await this.watchdog.guard(autoscaler.tick(now));
      if (event) this.progress(`${round(now)} s: ${event.action} ${event.from} -> ${event.to} (${event.reason})`);
      if (drainedAt === undefined && this.uploads !== undefined && this.finishes.size >= this.uploads.length) {
        drainedAt = now;
        this.progress(`${round(now)} s: all ${this.uploads.length} jobs done; waiting for the group to scale back in`);
      }
      if (drainedAt !== undefined && (autoscaler.settled() || now - drainedAt >= settleLimitSeconds)) return this.clock.seconds();
      if (drainedAt === undefined && now > drainLimit) {
        throw new Error(`the queue did not drain within ${drainLimit} s: ${this.finishes.size} of ${this.options.files} jobs finished`);
      }
    }
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
