import { DynamoResultStore, S3ObjectStore, SqsJobQueue } from '@wordfreq/adapters-aws';
import { seededRandom, summarizeRun, type InstanceRecord, type RunSummary, type ScalingEvent, type SimulationResult, type TimelinePoint } from '@wordfreq/core';
import { calibrate, type Calibration, type MeasuredJob } from './calibration.js';
import { accountForJobs, type JobAccounting } from './job-accounting.js';
import { LocalAutoscaler } from './local-autoscaler.js';
import { provisionLoadtest, type LocalAws, type StartLocalAws } from './local-aws.js';
import type { LoadtestOptions } from './loadtest-options.js';
import { predictLoadtest } from './loadtest-prediction.js';
import { loadtestFleet, loadtestScenario, type LoadtestScenario } from './loadtest-scenario.js';
import { uploadLoadtestFiles, type Upload } from './loadtest-uploads.js';
import { Stopwatch, Watchdog } from './run-control.js';
import { WorkerGroup } from './worker-group.js';
import { wordfreqWorkerLaunch, workerEnv } from './worker-launch.js';
import type { WorkerLaunch } from './worker-process.js';

export interface LoadtestDeps {
  /** Starts the emulators (`startEmulatedAws` from @wordfreq/testing). */
  readonly startAws: StartLocalAws;
  /** How to run one worker with this environment; default this CLI's `wordfreq worker`. */
  readonly launchWorker?: (env: Record<string, string>) => WorkerLaunch;
  /** One line per step and scaling action, as they happen. */
  readonly progress?: (line: string) => void;
  /** Aborting (Ctrl-C) stops the run; everything started is still stopped before it rejects. */
  readonly signal?: AbortSignal;
}

export interface MeasuredRun {
  readonly label: string;
  readonly summary: RunSummary;
  readonly timeline: readonly TimelinePoint[];
  readonly events: readonly ScalingEvent[];
  readonly instances: readonly InstanceRecord[];
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
 * the simulator predicts the same scenario from the measured boot and job times.
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
  let group: WorkerGroup | undefined;
  try {
    return await runOnEmulators(aws, options, deps, watchdog, progress, (created) => (group = created));
  } finally {
    const stopping = await Promise.allSettled([group?.stopAll(stopGraceMs), aws.stop()]);
    const failed = stopping.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) progress(`cleanup problem: ${String(failed.reason)}`);
  }
}

async function runOnEmulators(
  aws: LocalAws,
  options: LoadtestOptions,
  deps: LoadtestDeps,
  watchdog: Watchdog,
  progress: (line: string) => void,
  expose: (group: WorkerGroup) => void,
): Promise<LoadtestReport> {
  const scenario = loadtestScenario(options);
  const resources = await watchdog.guard(provisionLoadtest(aws, { visibilitySeconds }));
  const bridge = aws.bridgeS3EventsToQueue({ queueUrl: resources.jobQueueUrl, bucket: resources.bucket });
  const jobsQueue = new SqsJobQueue(aws.clients.sqs, { queue: resources.jobQueueUrl });
  const clock = new Stopwatch();

  const delays = seededRandom(options.seed ^ 0x5bd1e995);
  const workerDelays: number[] = [];
  const launchWorker = deps.launchWorker ?? wordfreqWorkerLaunch;
  const finished = new Map<string, { t: number; worker: number }>();
  let autoscaler: LocalAutoscaler | undefined;
  // Cleared when the run ends: stopping the last workers is not part of the record.
  let recording = true;
  const record = () => {
    if (recording) autoscaler?.record(clock.seconds());
  };
  const group = new WorkerGroup({
    now: () => clock.seconds(),
    launch: (index) => {
      workerDelays[index] = round(delays.between(options.jobSeconds.min, options.jobSeconds.max));
      const graceSeconds = Math.ceil(options.jobSeconds.max + 20);
      const env = workerEnv({ resources, awsEnv: aws.env(), workerId: `loadtest-worker-${index + 1}`, delaySeconds: workerDelays[index], visibilitySeconds, graceSeconds });
      return launchWorker(env);
    },
    onJobFinished: (job, worker) => {
      if (!finished.has(job.file)) finished.set(job.file, { t: clock.seconds(), worker });
      record();
    },
    onChange: record,
  });
  expose(group);
  watchdog.watch(group.failure);

  progress('starting the first worker');
  await watchdog.guard(group.startInitial(scenario.bounds.min));
  clock.start();
  autoscaler = new LocalAutoscaler(
    { depth: () => jobsQueue.depth(), group, arrived: () => bridge.forwarded, completed: () => finished.size },
    { policy: scenario.policy, bounds: scenario.bounds },
  );
  autoscaler.record(0);
  progress(`uploading ${options.files} files; the autoscaler samples the queue every ${round(scenario.sampleSeconds)} s`);
  const storage = new S3ObjectStore(aws.clients.s3);
  let uploads: Upload[] | undefined;
  const uploading = uploadLoadtestFiles(storage, { ...options, bucket: resources.bucket, now: () => clock.seconds(), signal: deps.signal }).then((done) => (uploads = done));
  watchdog.watch(uploading);

  const phaseSeconds = scenario.sampleSeconds / 2;
  // One worker alone, with a generous allowance for a slow machine, is the longest a drain may take.
  const drainLimit = options.files * (options.jobSeconds.max + 5) + 60;
  let drainedAt: number | undefined;
  for (let k = 0; ; k += 1) {
    await watchdog.guard(clock.until(phaseSeconds + k * scenario.sampleSeconds));
    const now = clock.seconds();
    const event = await watchdog.guard(autoscaler.tick(now));
    if (event) progress(`${round(now)} s: ${event.action} ${event.from} -> ${event.to} (${event.reason})`);
    if (drainedAt === undefined && uploads !== undefined && finished.size >= uploads.length) {
      drainedAt = now;
      progress(`${round(now)} s: all ${uploads.length} jobs done; waiting for the group to scale back in`);
    }
    if (drainedAt !== undefined && (autoscaler.settled() || now - drainedAt >= scenario.settleLimitSeconds)) break;
    if (drainedAt === undefined && now > drainLimit) {
      throw new Error(`the queue did not drain within ${drainLimit} s: ${finished.size} of ${options.files} jobs finished`);
    }
  }
  const endSeconds = clock.seconds();
  autoscaler.record(endSeconds);
  recording = false;
  const settled = autoscaler.settled();
  const timeline = [...autoscaler.timeline];
  const events = [...autoscaler.events];
  const instances = group.records();
  const startUps = group.startUpSeconds();

  progress('stopping the workers and counting the results');
  await group.stopAll(stopGraceMs);
  await bridge.stop();
  const { accounting, rows } = await accountForJobs(uploads ?? [], {
    bucket: resources.bucket,
    results: new DynamoResultStore(aws.clients.dynamodb, { table: resources.resultsTable }),
    resultsQueue: new SqsJobQueue(aws.clients.sqs, { queue: resources.resultsQueueUrl }),
    deadLetters: new SqsJobQueue(aws.clients.sqs, { queue: resources.deadLetterQueueUrl }),
  });

  const arrivals = new Map((uploads ?? []).map((upload) => [`${resources.bucket}/${upload.key}`, upload.arrivalSeconds]));
  const jobs: MeasuredJob[] = rows.flatMap((row, id) => {
    const seen = finished.get(row.filename);
    const arrivalSeconds = arrivals.get(row.filename);
    if (seen === undefined || arrivalSeconds === undefined) return [];
    const startSeconds = clock.secondsAt(Date.parse(row.startedAt));
    return [{
      id,
      arrivalSeconds,
      startSeconds,
      finishSeconds: seen.t,
      serviceSeconds: seen.t - startSeconds,
      worker: seen.worker,
      coldStartSeconds: 0,
      delaySeconds: workerDelays[seen.worker],
      countSeconds: row.countMs / 1000,
    }];
  });
  const calibration = calibrate(jobs, startUps);
  const label = `measured: ${scenario.policy.label ?? scenario.policy.kind}`;
  const summary = summarizeRun({
    label,
    deployment: { kind: 'ec2', fleet: loadtestFleet(scenario, calibration.bootSeconds), policy: scenario.policy },
    totalJobs: options.files,
    jobs,
    timeline,
    instances,
    events,
    endSeconds,
    settled,
  });
  const predicted = predictLoadtest({ scenario, calibration, arrivals: (uploads ?? []).map((u) => u.arrivalSeconds), phaseSeconds });
  return {
    scenario,
    workerDelays,
    phaseSeconds,
    calibration,
    measured: { label, summary, timeline, events, instances, jobs },
    predicted,
    accounting,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
