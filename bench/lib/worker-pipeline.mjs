// The worker pipeline on the emulators the tests use (packages/local-aws): `files` texts of ~1 MB
// through the real worker process (packages/runtime-ec2 dist/main.js), for each WORKER_COUNT this
// build and, with BENCH_OLD_WORKER=<an older build's runtime-ec2 dist/main.js>, that one alternated
// with it in the same run (the comparison needs no old code path kept in the product), each run on
// fresh resources.
// Every worker request goes through a counting proxy per emulator (bench/lib/counting-proxy.mjs),
// so requests per job are counted outside the worker; wall = first upload started to the last
// result published (the proxy sees the results queue's SendMessage answers).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoResultStore, resultsTableShape } from '@wordfreq/adapters-aws';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startEmulatedAws } from '@wordfreq/local-aws';
import { startCountingProxy } from './counting-proxy.mjs';
import { median } from './measure.mjs';

// What an EC2 instance runs: infra's worker asset, the daemon bundled into one file beside its systemd unit.
const shippedWorker = fileURLToPath(new URL('../../packages/infra/dist/worker-asset/main.mjs', import.meta.url));

/**
 * The node options the systemd unit's ExecStart gives the daemon (`/usr/bin/node <options> <script>`),
 * read from the unit shipped beside `main` when there is one, so each worker runs as systemd runs it.
 */
export function unitNodeOptions(main) {
  const unit = join(dirname(main), 'wordfreq-worker.service');
  if (!existsSync(unit)) return [];
  const execStart = /^ExecStart=\S+\s+(.*)$/m.exec(readFileSync(unit, 'utf8'));
  if (!execStart) throw new Error(`${unit} has no ExecStart line`);
  const words = execStart[1].trim().split(/\s+/);
  return words.slice(0, words.findIndex((word) => !word.startsWith('-')));
}
const ticksPerSecond = 100; // USER_HZ on Linux

/** utime + stime of a process, in ms (0 once it is gone). */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** Pids of every descendant of `root` (the emulators this bench started: s3rver, the JVM). */
function descendants(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const [child, ppid] of parent) if (ppid === pid) found.push(child), walk(child);
  };
  walk(root);
  return found;
}

const peakRssOf = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

/** `count` texts of about `size` bytes cut from `corpus` at line ends, each starting elsewhere. */
function texts(corpus, count, size) {
  const out = [];
  for (let i = 0; i < count; i++) {
    let start = Math.floor((i * 7919 * 1013) % Math.max(1, corpus.length - size));
    while (start > 0 && corpus[start - 1] !== 0x0a) start--;
    let end = Math.min(corpus.length, start + size);
    while (end > start && corpus[end - 1] !== 0x0a) end--;
    out.push(corpus.subarray(start, end));
  }
  return out;
}

/**
 * One run: a fresh bucket, queues and table; the worker started and polling; every file uploaded at
 * once (the bridge turns s3rver's events into S3 notifications on the jobs queue); done when the
 * results queue has accepted one result per file.
 */
async function oneRun(aws, proxies, bodies, { workerCount, main, label }) {
  const [bucket, jobs, results, table] = await Promise.all([
    aws.createBucket('bench'),
    aws.createQueue({ prefix: 'jobs', visibilitySeconds: 60, maxReceiveCount: 5 }),
    aws.createQueue({ prefix: 'results', maxReceiveCount: null }),
    aws.createTable({ prefix: 'wordfreq', ...resultsTableShape }),
  ]);
  for (const proxy of [proxies.s3, proxies.sqs, proxies.dynamodb]) proxy.reset();
  let published = 0;
  let allPublished;
  const done = new Promise((resolve) => (allPublished = resolve));
  proxies.onResult = (count) => {
    published += count;
    if (published >= bodies.length) allPublished(performance.now());
  };
  proxies.resultsQueueUrl = results.url;
  const env = {
    PATH: process.env.PATH ?? '',
    ...aws.env(),
    AWS_ENDPOINT_URL_S3: proxies.s3.endpoint,
    AWS_ENDPOINT_URL_SQS: proxies.sqs.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: proxies.dynamodb.endpoint,
    WORKER_QUEUE_URL: jobs.url.replace(aws.endpoints.sqs, proxies.sqs.endpoint),
    WORKER_RESULT_QUEUE_URL: results.url.replace(aws.endpoints.sqs, proxies.sqs.endpoint),
    WORKER_RESULT_TABLENAME: table.name,
    WORKER_DEAD_LETTER_QUEUE_URL: jobs.deadLetter.url.replace(aws.endpoints.sqs, proxies.sqs.endpoint),
    WORKER_ALLOWED_BUCKETS: bucket,
    WORKER_COUNT: String(workerCount),
    WORKER_WAIT_SECONDS: '1',
    WORKER_METRICS_INTERVAL_SECONDS: '0',
    WORKER_LOG_LEVEL: 'warn',
    // To try V8 settings on the worker alone (e.g. --max-semi-space-size=1).
    ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
    // To try worker settings (e.g. WORKER_READ_AHEAD=10), space-separated NAME=value pairs.
    ...Object.fromEntries((process.env.BENCH_WORKER_ENV ?? '').split(/\s+/).filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2))),
  };
  const child = spawn(process.execPath, [...unitNodeOptions(main), main], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Polling: its first receive reached the queue.
  while (!proxies.sqs.stats.has('sqs:ReceiveMessage')) {
    if (child.exitCode !== null) throw new Error(`the worker exited before polling: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const idleRss = peakRssOf(child.pid);
  const emulatorPids = descendants(process.pid).filter((pid) => pid !== child.pid);
  const cpu0 = { bench: process.cpuUsage(), worker: cpuMsOf(child.pid), emulators: emulatorPids.reduce((sum, pid) => sum + cpuMsOf(pid), 0) };
  const load = loadavg()[0];
  const bridge = aws.bridgeS3EventsToQueue({ queueUrl: jobs.url, bucket });
  const started = performance.now();
  await Promise.all(
    bodies.map((body, i) =>
      aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `book ${i}.txt`, Body: body, ContentType: 'text/plain' })),
    ),
  );
  const uploadMs = performance.now() - started;
  const timeout = setTimeout(() => allPublished(NaN), 300_000);
  const exitedEarly = exited.then(() => NaN);
  const finished = await Promise.race([done, exitedEarly]);
  clearTimeout(timeout);
  if (child.exitCode !== null || child.signalCode !== null || Number.isNaN(finished)) {
    throw new Error(`worker ${main} x${workerCount} ${child.exitCode !== null ? `exited with ${child.exitCode}` : 'did not finish in 300 s'} after ${published} of ${bodies.length} results: ${stderr.slice(-3000)}`);
  }
  const wallMs = finished - started;
  if (process.env.BENCH_TRACE) {
    // Every request's [operation, start, end] (performance.now() ms), to see where a run's time went.
    const file = `${process.env.BENCH_TRACE}-${label}-x${workerCount}.json`;
    writeFileSync(file, JSON.stringify({ started, finished, uploadMs, requests: [proxies.s3, proxies.sqs, proxies.dynamodb].flatMap((proxy) => proxy.trace()) }));
  }
  const benchCpu = process.cpuUsage(cpu0.bench);
  const cpu = {
    workerMs: cpuMsOf(child.pid) - cpu0.worker,
    emulatorChildrenMs: emulatorPids.reduce((sum, pid) => sum + cpuMsOf(pid), 0) - cpu0.emulators,
    // The bench process hosts local-aws-sqs, the proxies and the uploads.
    benchProcessMs: (benchCpu.user + benchCpu.system) / 1000,
  };
  const peakRss = peakRssOf(child.pid);
  child.kill('SIGTERM');
  await exited;
  await bridge.stop();
  const rows = [];
  for await (const row of new DynamoResultStore(aws.clients.dynamodb, { table: table.name }).list()) rows.push(row);
  const failed = rows.filter((row) => row.status !== 'succeeded');
  if (rows.length !== bodies.length || failed.length > 0) {
    throw new Error(`run ${main} x${workerCount}: ${rows.length} rows of ${bodies.length}, ${failed.length} failed (${failed[0]?.error?.message ?? ''}) ${stderr}`);
  }
  const requests = {};
  for (const proxy of [proxies.s3, proxies.sqs, proxies.dynamodb]) for (const [op, entry] of proxy.stats) requests[op] = { ...entry };
  return { wallMs, uploadMs, idleRss, peakRss, cpu, requests, load, countMs: median(rows.map((row) => row.countMs)) };
}

/** Requests a job costs besides receives and deletes (amortised over batches by the pipeline). */
const amortised = new Set(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch']);
export function perJobRequests(requests, jobs) {
  let own = 0;
  let all = 0;
  for (const [op, { count }] of Object.entries(requests)) {
    all += count;
    if (!amortised.has(op)) own += count;
  }
  return { own: own / jobs, all: all / jobs };
}

/** Runs the section; returns the rows for the report. `target(name, value, limit, holds, unit)` prints MET/MISSED. */
export async function workerPipelineSection({ corpus, target, fmt, mib }) {
  const files = Number(process.env.BENCH_PIPELINE_FILES ?? 60);
  const counts = (process.env.BENCH_PIPELINE_WORKER_COUNTS ?? '1,2,4').split(',').map(Number);
  const runs = Number(process.env.BENCH_PIPELINE_RUNS ?? 3);
  if (!existsSync(shippedWorker)) throw new Error(`the worker asset is missing at ${shippedWorker}: npx turbo run build --filter=@wordfreq/infra...`);
  const mains = { new: shippedWorker, ...(process.env.BENCH_OLD_WORKER ? { old: process.env.BENCH_OLD_WORKER } : {}) };
  const variants = (process.env.BENCH_PIPELINE_VARIANTS ?? Object.keys(mains).reverse().join(',')).split(',');
  const bodies = texts(corpus, files, 1_000_000);
  console.log(`\nWorker pipeline on the emulators: ${files} files of ~1 MB through the worker asset (infra's dist/worker-asset/main.mjs, with its unit's node options), WORKER_COUNT ${counts.join(', ')}, ${variants.join(' and ')} alternated, medians of ${runs} after one warm-up run:`);
  for (const variant of variants) console.log(`  ${variant}: node ${[...unitNodeOptions(mains[variant]), mains[variant]].join(' ')}`);
  const aws = await startEmulatedAws({ services: ['s3', 'sqs', 'dynamodb'] });
  const proxies = {};
  const rows = [];
  try {
    const onSqs = (op, body, status) => {
      if (status !== 200 || !body.includes(proxies.resultsQueueUrl?.split('/').pop() ?? '\u0000')) return;
      if (op === 'sqs:SendMessage') proxies.onResult?.(1);
      else if (op === 'sqs:SendMessageBatch') proxies.onResult?.(JSON.parse(body).Entries.length);
    };
    proxies.s3 = await startCountingProxy('s3', aws.endpoints.s3);
    proxies.sqs = await startCountingProxy('sqs', aws.endpoints.sqs, onSqs);
    proxies.dynamodb = await startCountingProxy('dynamodb', aws.endpoints.dynamodb);
    // Warm-up, not counted: DynamoDB Local's JVM is still compiling during its first run, which would
    // slow whichever variant came first.
    await oneRun(aws, proxies, bodies, { workerCount: counts[0], main: mains[variants[0]], label: 'warm-up' });
    console.log('  variant  slots   wall s  jobs/s  req/job (own, all)  idle RSS  peak RSS  load   worker CPU s  emulators CPU s (children + bench process)');
    for (const workerCount of counts) {
      const byVariant = Object.fromEntries(variants.map((v) => [v, []]));
      for (let r = 0; r < runs; r++) {
        for (const variant of variants) byVariant[variant].push(await oneRun(aws, proxies, bodies, { workerCount, main: mains[variant], label: variant }));
      }
      for (const variant of variants) {
        const got = byVariant[variant];
        const perJob = got.map((run) => perJobRequests(run.requests, files));
        const row = {
          variant,
          workerCount,
          files,
          wallMs: got.map((run) => run.wallMs),
          wallMsMedian: median(got.map((run) => run.wallMs)),
          jobsPerSecond: files / (median(got.map((run) => run.wallMs)) / 1000),
          // The 60 uploads themselves (the bench's PutObjects to s3rver), inside the wall time for both.
          uploadMsMedian: median(got.map((run) => run.uploadMs)),
          ownRequestsPerJob: median(perJob.map((p) => p.own)),
          allRequestsPerJob: median(perJob.map((p) => p.all)),
          idleRss: median(got.map((run) => run.idleRss)),
          peakRss: Math.max(...got.map((run) => run.peakRss)),
          load: got.map((run) => run.load),
          workerCpuMs: median(got.map((run) => run.cpu.workerMs)),
          emulatorCpuMs: median(got.map((run) => run.cpu.emulatorChildrenMs + run.cpu.benchProcessMs)),
          emulatorChildrenCpuMs: median(got.map((run) => run.cpu.emulatorChildrenMs)),
          benchProcessCpuMs: median(got.map((run) => run.cpu.benchProcessMs)),
          countMsMedian: median(got.map((run) => run.countMs)),
          requests: got[got.length >> 1].requests,
        };
        rows.push(row);
        console.log(
          `  ${variant.padEnd(7)} ${String(workerCount).padStart(5)}  ${fmt(row.wallMsMedian / 1000, 2).padStart(7)}  ${fmt(row.jobsPerSecond).padStart(6)}  ` +
            `${fmt(row.ownRequestsPerJob, 2).padStart(7)}, ${fmt(row.allRequestsPerJob, 2).padStart(5)}       ${mib(row.idleRss).padStart(8)}  ${mib(row.peakRss).padStart(8)}  ` +
            `${row.load.map((l) => l.toFixed(1)).join('/')}  ${fmt(row.workerCpuMs / 1000, 2).padStart(6)}  ${fmt(row.emulatorCpuMs / 1000, 2).padStart(6)}`,
        );
        const ops = Object.entries(row.requests).sort(([a], [b]) => a.localeCompare(b));
        console.log(`          uploads done after ${fmt(row.uploadMsMedian / 1000, 2)} s; requests (middle run): ${ops.map(([op, { count, ms }]) => `${op} ${count} x ${fmt(ms / count)} ms`).join(', ')}; counting ${fmt(row.countMsMedian)} ms/job; CPU s3rver + DynamoDB Local ${fmt(row.emulatorChildrenCpuMs / 1000, 2)} s, bench process (local SQS, proxies, uploads) ${fmt(row.benchProcessCpuMs / 1000, 2)} s`);
      }
    }
  } finally {
    await Promise.allSettled([proxies.s3, proxies.sqs, proxies.dynamodb].filter(Boolean).map((p) => p.close()));
    await aws.stop();
  }
  const at = (variant, n) => rows.find((row) => row.variant === variant && row.workerCount === n);
  const oldTwo = at('old', 2);
  const newTwo = at('new', 2);
  console.log('\nTargets (worker pipeline):');
  if (!oldTwo) console.log('  (no old worker: set BENCH_OLD_WORKER to an older build\'s packages/runtime-ec2/dist/main.js to compare)');
  if (oldTwo && newTwo) target('WORKER_COUNT=2: new wall / old wall', newTwo.wallMsMedian / oldTwo.wallMsMedian, '<= 0.5', newTwo.wallMsMedian / oldTwo.wallMsMedian <= 0.5, 'x');
  if (newTwo) {
    target('WORKER_COUNT=2: API requests per job besides receives and deletes', newTwo.ownRequestsPerJob, '<= 3', newTwo.ownRequestsPerJob <= 3);
    target('WORKER_COUNT=2: worker peak RSS, MiB', newTwo.peakRss / 2 ** 20, '<= 64', newTwo.peakRss <= 64 * 2 ** 20);
  }
  return rows;
}
