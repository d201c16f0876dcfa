import type { Writable } from 'node:stream';
import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import { defaultVisibilitySeconds, parseResultMessage, summarize, type JobResult } from '@wordfreq/core';
import { replicateUploadFrom } from '@wordfreq/core/di';
import type { Container } from 'inversify';
import { megabytesPerSecond } from '../ui/format.js';
import { startProgress } from '../ui/progress-bar.js';
import type { Corpus } from './corpus-source.js';
import { checkDemo } from './demo-checks.js';
import { createDemoContainer } from './demo-container.js';
import type { DemoSummary } from './demo-summary.js';
import { resultsOf, startDemoWorkers } from './demo-workers.js';
import { simulateVisits } from './visit-simulation.js';

export interface DemoSettings {
  readonly workers: number;
  /** Where progress bars go (stderr), so stdout carries only the summary. */
  readonly progress: Writable;
}

const milestone = 1_000_000;
const concurrentVisits = 2_000;
const mail = {
  from: 'forum@mytravel.example',
  to: ['team@mytravel.example'],
  siteName: 'MyTravel',
};

/**
 * The whole system on the memory adapters, wired as on AWS: uploads to the primary bucket, each
 * backed up and turned into an S3 notification on the jobs queue; N workers (the EC2 runtime's loop)
 * count, store and publish; then visitors cross the 1,000,000 milestone. Returns the summary with
 * its self-checks.
 */
export async function runDemo(corpus: Corpus, settings: DemoSettings): Promise<DemoSummary> {
  const system = createMemorySystem();
  // The site's side (the backup function, the visit API); each worker composes its own container.
  const site = createDemoContainer(system);
  try {
    const backups = backUpEveryUpload(system, site);
    const uploaded = await upload(system, corpus, settings.progress);
    const backupFailures = await backups.settle();
    const processed = await processAll(system, corpus.fileCount, settings);

    const visitsBar = startProgress(settings.progress, { label: 'visits', total: concurrentVisits });
    const visits = await simulateVisits(site, {
      threshold: milestone,
      before: milestone - concurrentVisits / 2,
      visits: concurrentVisits,
      concurrency: 64,
      mail,
      onVisit: () => visitsBar.advance(),
    });
    visitsBar.finish();

    const results: JobResult[] = [];
    for await (const result of system.results.list()) results.push(result);
    const succeeded = results.filter((result) => result.status === 'succeeded');
    const tally = await corpus.tally(new Set(succeeded.map((result) => result.key)));
    const published = await drainResultIds(system);
    const backupKeys: string[] = [];
    for await (const info of system.store.list(system.buckets.backup)) backupKeys.push(info.key);
    const deadLetters = (await system.deadLetters.depth()).visible;
    const outbox = system.mailer.outbox;
    const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
    const countTimeMs = results.reduce((sum, result) => sum + result.countMs, 0);
    const workerTimeMs = Math.round(processed.elapsedMs);
    const failuresByCode: Record<string, number> = {};
    for (const result of results) if (result.error) failuresByCode[result.error.code] = (failuresByCode[result.error.code] ?? 0) + 1;

    const summary: Omit<DemoSummary, 'checks'> = {
      corpus: corpus.description,
      files: corpus.fileCount,
      bytes,
      workers: settings.workers,
      processingMs: Math.round(processed.elapsedMs),
      megabytesPerSecond: megabytesPerSecond(bytes, processed.elapsedMs),
      succeeded: succeeded.length,
      failures: results.length - succeeded.length,
      failuresByCode,
      deadLetters,
      published: published.length,
      backups: backupKeys.length,
      totalWords: succeeded.reduce((sum, result) => sum + result.totalWords, 0),
      distinctWords: tally.counts.size,
      topWords: summarize(tally).top,
      workerTimeMs,
      countTimeMs,
      countingShare: workerTimeMs > 0 ? countTimeMs / workerTimeMs : 0,
      jobsPerWorker: processed.jobsPerWorker,
      visits: { before: visits.before, simulated: concurrentVisits, after: visits.after, threshold: milestone },
      emails: outbox.length,
      ...(outbox[0] ? { email: { to: outbox[0].to, subject: outbox[0].subject, text: outbox[0].text } } : {}),
    };
    return {
      ...summary,
      checks: checkDemo({ uploaded, uploadBucket: system.buckets.uploads, results, tally, published, backupKeys, backupFailures, visits, summary }),
    };
  } finally {
    system.dispose();
  }
}

/** Plays the backup Lambda: every object created in the primary bucket is copied to the backup bucket. */
function backUpEveryUpload(system: MemorySystem, site: Container): { settle(): Promise<number> } {
  const replicateUpload = replicateUploadFrom(site);
  const copies: Promise<unknown>[] = [];
  const unsubscribe = system.store.onObjectCreated(({ object }) => {
    if (object.bucket !== system.buckets.uploads) return;
    copies.push(replicateUpload(object, { backupBucket: system.buckets.backup }));
  });
  return {
    async settle() {
      unsubscribe();
      const outcomes = await Promise.allSettled(copies);
      return outcomes.filter((outcome) => outcome.status === 'rejected').length;
    },
  };
}

/** Puts every file into the primary bucket (each put also queues its job and its backup). */
async function upload(system: MemorySystem, corpus: Corpus, progress: Writable): Promise<string[]> {
  const bar = startProgress(progress, { label: 'upload', total: corpus.expectedBytes, unit: 'bytes' });
  const keys: string[] = [];
  for await (const file of corpus.files()) {
    const info = await system.store.put({ bucket: system.buckets.uploads, key: file.key }, file.body, {
      contentType: 'text/plain; charset=utf-8',
    });
    keys.push(info.key);
    bar.advance(info.size);
  }
  bar.finish();
  return keys;
}

interface Processed {
  readonly elapsedMs: number;
  readonly jobsPerWorker: Record<string, number>;
}

/** Runs the workers until every file has a result or its message was dead-lettered. */
async function processAll(system: MemorySystem, files: number, settings: DemoSettings): Promise<Processed> {
  const bar = startProgress(settings.progress, { label: 'count', total: files });
  const jobsPerWorker: Record<string, number> = {};
  const finished = new Set<string>();
  let deadLettered = 0;
  let done: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (done = resolve));
  const check = async () => {
    // Messages the queue redrove to the dead-letter queue never reach a handler: count them there.
    const redriven = (await system.deadLetters.depth()).visible - deadLettered;
    if (finished.size + deadLettered + Math.max(0, redriven) >= files) done();
  };

  const started = performance.now();
  const workers = startDemoWorkers(
    system,
    { workers: settings.workers, count: {}, visibilitySeconds: defaultVisibilitySeconds },
    {
      onOutcome(workerId, outcome) {
        jobsPerWorker[workerId] = (jobsPerWorker[workerId] ?? 0) + 1;
        if (outcome.action === 'dead-letter') deadLettered += 1;
        for (const result of resultsOf(outcome)) {
          if (!finished.has(result.filename)) bar.advance();
          finished.add(result.filename);
        }
        void check();
      },
    },
  );
  const poll = setInterval(() => void check(), 250);
  try {
    await check();
    await allDone;
  } finally {
    clearInterval(poll);
  }
  const elapsedMs = performance.now() - started;
  bar.finish();
  await workers.stop();
  return { elapsedMs, jobsPerWorker };
}

/** Takes every message off the results queue and returns the result ids they carry. */
async function drainResultIds(system: MemorySystem): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const batch = await system.resultsQueue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 });
    if (batch.length === 0) return ids;
    for (const delivery of batch) {
      ids.push(parseResultMessage(delivery.body).resultId);
      await system.resultsQueue.ack(delivery);
    }
  }
}
