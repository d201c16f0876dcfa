// `npm run bench`: measures the word counter against the targets of issue 6 and writes
// bench/results/<date>.json. Not part of `npm test`; timings are never asserted in tests.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WordCounter, defaultWorkerMemoryBytes, summarize } from '@wordfreq/core';
import { baseCorpus, cutToSize, repeat, transliterate, writeRepeated, zipfCorpus } from './lib/corpus.mjs';
import { median, runProcess, timeInProcess } from './lib/measure.mjs';
import { naiveClassic, naiveUnicode } from './lib/naive.mjs';
import { workerPipelineSection } from './lib/worker-pipeline.mjs';

const skipLarge = process.env.BENCH_SKIP_LARGE === '1';
// `BENCH_ONLY=budget` runs only the memory-budget section (2 GB of distinct tokens through processJob);
// `BENCH_ONLY=corpus` only the corpus section (`wordfreq corpus` on 1 GiB with 1, 2 and 4 threads).
// `BENCH_ONLY=pipeline` only the worker pipeline on the emulators (bench/lib/worker-pipeline.mjs).
const only = process.env.BENCH_ONLY;
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const workDir = join(tmpdir(), `wordfreq-bench-${process.pid}`);
const MB = 1e6;
const chunkSize = 1 << 20;

const report = {
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version, loadAverageAtStart: loadavg() },
  inputs: {},
  inProcess: [],
  processes: [],
  targets: [],
};

function countInProcess(bytes, preset) {
  const counter = new WordCounter({ preset });
  for (let offset = 0; offset < bytes.length; offset += chunkSize) counter.write(bytes.subarray(offset, offset + chunkSize));
  return counter.end();
}

function sameCounts(a, b) {
  if (a.size !== b.size) return false;
  for (const [word, count] of a) if (b.get(word) !== count) return false;
  return true;
}

const fmt = (value, digits = 1) => (value === null || value === undefined ? '-' : value.toFixed(digits));
const mib = (bytes) => (bytes === null ? '-' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

function target(name, value, limit, holds, unit = '') {
  report.targets.push({ name, value, limit, met: holds });
  console.log(`  ${holds ? 'MET   ' : 'MISSED'} ${name}: ${fmt(value, 2)}${unit} (target ${limit})`);
}

function inProcess(name, bytes, preset, runs, reference) {
  const { result, wallMs, cpuMs } = timeInProcess(() => countInProcess(bytes, preset), { runs });
  if (reference && !sameCounts(result.counts, reference)) throw new Error(`${name}: counts differ from the naive counter's`);
  const row = {
    name,
    preset,
    bytes: bytes.length,
    words: result.totalWords,
    distinct: result.counts.size,
    wallMsMedian: median(wallMs),
    wallMsBest: Math.min(...wallMs),
    cpuMsMedian: median(cpuMs),
    mbPerSecondMedian: bytes.length / MB / (median(wallMs) / 1000),
    mbPerSecondBest: bytes.length / MB / (Math.min(...wallMs) / 1000),
    // Bytes per CPU-second: what the wall figure would be on an idle core; shows when others load the machine.
    mbPerCpuSecond: bytes.length / MB / (median(cpuMs) / 1000),
    peakRssOfBench: process.resourceUsage().maxRSS * 1024,
  };
  report.inProcess.push(row);
  console.log(
    `  ${name.padEnd(34)} ${String(row.bytes).padStart(11)} B ${String(row.words).padStart(10)} words ${String(row.distinct).padStart(7)} distinct  ` +
      `median ${fmt(row.wallMsMedian, 0).padStart(5)} ms  ${fmt(row.mbPerSecondMedian).padStart(6)} MB/s  best ${fmt(row.mbPerSecondBest).padStart(6)} MB/s  per CPU-s ${fmt(row.mbPerCpuSecond).padStart(6)} MB`,
  );
  return row;
}

/** Runs each command `runs` times, alternating between them so they share the same machine load. */
async function processRuns(variants, runs) {
  const results = variants.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [v, { command, args }] of variants.entries()) results[v].push(await runProcess(command, args));
  }
  return variants.map(({ name, command, args }, v) => {
    const row = {
      name,
      command: [command, ...args].join(' '),
      wallMs: results[v].map((r) => r.wallMs),
      wallMsMedian: median(results[v].map((r) => r.wallMs)),
      peakRss: Math.max(...results[v].map((r) => r.peakRss ?? 0)) || null,
    };
    report.processes.push(row);
    console.log(`  ${name.padEnd(44)} median ${fmt(row.wallMsMedian, 0).padStart(6)} ms  peak RSS ${mib(row.peakRss)}`);
    return { row, stdout: results[v][0].stdout };
  });
}

/**
 * A worker's peak RSS when its WORKER_COUNT jobs count random distinct tokens (2 GiB in all, made as
 * they are read) with the default memory budget and the file-system scratch space: a child process
 * running processJob, so the RSS is the worker's own. Every token is distinct, so every counter
 * outgrows its budget and spills; the child checks each job's totals exactly.
 */
async function memoryBudgetSection() {
  const jobs = Number(process.env.BENCH_WORKER_COUNT ?? 2);
  const totalBytes = Number(process.env.BENCH_DISTINCT_BYTES ?? 2 * 1024 ** 3);
  const budgetMiB = defaultWorkerMemoryBytes / 2 ** 20;
  const spillDir = join(workDir, 'spill');
  mkdirSync(spillDir, { recursive: true });
  console.log(`\nMemory budget: ${jobs} jobs at once, ${(totalBytes / 1e9).toFixed(2)} GB of random distinct tokens in all, default worker budget ${budgetMiB} MiB:`);
  const script = fileURLToPath(new URL('./lib/distinct-tokens.mjs', import.meta.url));
  const { stdout, wallMs } = await runProcess(process.execPath, [script, String(Math.floor(totalBytes / jobs)), String(jobs), String(budgetMiB), spillDir]);
  const got = JSON.parse(stdout);
  const row = { name: 'processJob on distinct tokens, fs scratch space', ...got, processWallMs: wallMs };
  report.memoryBudget = row;
  console.log(
    `  ${jobs} x ${got.bytesPerJob} B, ${got.distinctWordsPerJob} distinct words per job (exact): worker peak RSS ${mib(got.peakRssBytes)} ` +
      `beside its budget of ${mib(got.workerBudgetBytes)} (${mib(got.jobBudgetBytes)} per job's counter); ` +
      `at most ${mib(got.peakSpilledBytes)} spilled at once; ${fmt(wallMs / 1000, 0)} s, ${fmt((got.bytesPerJob * jobs) / MB / (got.wallMs / 1000))} MB/s`,
  );
  console.log('\nTargets (memory budget):');
  target(`${(totalBytes / 1e9).toFixed(2)} GB distinct tokens: worker peak RSS, MiB`, got.peakRssBytes / 2 ** 20, `< ${budgetMiB} (its budget)`, got.peakRssBytes < got.workerBudgetBytes);
}

/**
 * `wordfreq corpus` on a generated 1 GiB corpus (never the KJV of ../shared: it must run anywhere):
 * 192 files of 4 MiB (eight seeded Zipf texts, each written 24 times) and one 256 MiB file, so the
 * default 128 MiB parts batch small files and cut the big one into ranges. Wall time with 1, 2 and 4
 * threads, as ratios to the 1-thread run of the same bench run, with peak RSS and the load average.
 */
async function corpusSection() {
  const runs = Number(process.env.BENCH_CORPUS_RUNS ?? 1);
  const dir = join(workDir, 'corpus');
  mkdirSync(join(dir, 'small'), { recursive: true });
  const MiB = 2 ** 20;
  const texts = Array.from({ length: 8 }, (_, seed) => zipfCorpus(4 * MiB, 100 + seed));
  for (let file = 0; file < 192; file++) writeRepeated(join(dir, 'small', `text-${String(file).padStart(3, '0')}.txt`), texts[file % 8], 4 * MiB);
  writeRepeated(join(dir, 'big.txt'), zipfCorpus(16 * MiB, 7), 256 * MiB);
  const inputBytes = 192 * 4 * MiB + 256 * MiB;
  console.log(`\nCorpus: wordfreq corpus on ${(inputBytes / 1e9).toFixed(2)} GB (193 files, default parts), ${runs} run(s) per thread count, alternating:`);
  const variants = [1, 2, 4].map((threads) => ({ name: `wordfreq corpus --threads ${threads}`, command: process.execPath, args: [bin, 'corpus', '--json', '--top', '100', '--threads', String(threads), dir] }));
  const rows = [];
  const outputs = variants.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [v, variant] of variants.entries()) {
      const loadBefore = loadavg()[0];
      const result = await runProcess(variant.command, variant.args);
      outputs[v].push(result);
      rows[v] ??= [];
      rows[v].push({ wallMs: result.wallMs, peakRss: result.peakRss, loadBefore, loadAfter: loadavg()[0] });
    }
  }
  const answers = outputs.flat().map(({ stdout }) => JSON.parse(stdout)).map(({ durationMs, ...answer }) => JSON.stringify(answer));
  if (new Set(answers).size !== 1) throw new Error('wordfreq corpus gave different answers with different thread counts');
  const parts = JSON.parse(outputs[0][0].stdout).parts;
  const baseline = median(rows[0].map((r) => r.wallMs));
  report.corpus = { inputBytes, files: 193, parts, runs: [] };
  for (const [v, variant] of variants.entries()) {
    const wallMsMedian = median(rows[v].map((r) => r.wallMs));
    const row = { name: variant.name, wallMs: rows[v].map((r) => r.wallMs), wallMsMedian, speedup: baseline / wallMsMedian, peakRss: Math.max(...rows[v].map((r) => r.peakRss ?? 0)) || null, loadAverage: rows[v].map((r) => [r.loadBefore, r.loadAfter]) };
    report.corpus.runs.push(row);
    console.log(
      `  ${variant.name.padEnd(28)} median ${fmt(wallMsMedian, 0).padStart(6)} ms  ${fmt(inputBytes / MB / (wallMsMedian / 1000)).padStart(6)} MB/s  ` +
        `x${fmt(row.speedup, 2)} of 1 thread  peak RSS ${mib(row.peakRss)}  load ${row.loadAverage.map(([a, b]) => `${fmt(a)}->${fmt(b)}`).join(', ')}`,
    );
  }
  console.log(`  ${parts} parts; the same answer with every thread count`);
  rmSync(dir, { recursive: true, force: true });
}

const wordfreq = (name, ...args) => ({ name, command: process.execPath, args: [bin, 'count', '--json', ...args] });

async function main() {
  mkdirSync(workDir, { recursive: true });
  if (only === 'budget') {
    console.log(`wordfreq bench (memory budget only): ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await memoryBudgetSection();
    return writeReport();
  }
  if (only === 'corpus') {
    console.log(`wordfreq bench (corpus only): ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await corpusSection();
    return writeReport();
  }
  if (only === 'pipeline') {
    console.log(`wordfreq bench (worker pipeline only): ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    report.workerPipeline = await workerPipelineSection({ corpus: baseCorpus().bytes, target, fmt, mib });
    return writeReport();
  }
  const base = baseCorpus();
  const english = repeat(base.bytes, 10);
  report.inputs.corpus = base.source;
  console.log(`wordfreq bench: ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`corpus: ${base.source}; x10 = ${english.length} bytes\n`);

  // 1. In-process steady state, after warm-up; every variant checked against the naive counter first.
  console.log('In-process, 1 MiB chunks, 2 warm-up runs then 5 timed (steady state, startup excluded):');
  const naiveU = timeInProcess(() => naiveUnicode(english), { warmup: 0, runs: 1 });
  const naiveC = timeInProcess(() => naiveClassic(english), { warmup: 0, runs: 1 });
  const unicodeRow = inProcess('unicode, English (KJV x10)', english, 'unicode', 5, naiveU.result);
  const classicRow = inProcess('classic, English (KJV x10)', english, 'classic', 5, naiveC.result);
  const naiveRow = { name: 'naive split+Map, unicode rules', wallMs: naiveU.wallMs[0], mbPerSecond: english.length / MB / (naiveU.wallMs[0] / 1000) };
  const naiveClassicRow = { name: 'naive split+Map, classic rules', wallMs: naiveC.wallMs[0], mbPerSecond: english.length / MB / (naiveC.wallMs[0] / 1000) };
  report.inProcess.push(naiveRow, naiveClassicRow);
  console.log(`  ${naiveRow.name.padEnd(34)} ${fmt(naiveRow.wallMs, 0)} ms  ${fmt(naiveRow.mbPerSecond)} MB/s (identical counts)`);
  console.log(`  ${naiveClassicRow.name.padEnd(34)} ${fmt(naiveClassicRow.wallMs, 0)} ms  ${fmt(naiveClassicRow.mbPerSecond)} MB/s (identical counts)`);
  const nonAscii = [];
  for (const script of ['cyrillic', 'greek']) {
    const text = cutToSize(transliterate(english, script), english.length);
    const reference = naiveUnicode(text);
    const row = inProcess(`unicode, ${script} (same size)`, text, 'unicode', 5, reference);
    nonAscii.push({ script, row, timeRatio: row.wallMsMedian / row.bytes / (unicodeRow.wallMsMedian / unicodeRow.bytes) });
  }
  report.inputs.nonAscii = 'KJV x10 transliterated letter by letter to Cyrillic and to Greek, cut to the English size at a line end';

  console.log('\nTargets (in-process):');
  target('unicode steady state, MB/s (median of 5)', unicodeRow.mbPerSecondMedian, '>= 150', unicodeRow.mbPerSecondMedian >= 150);
  target('classic steady state, MB/s (median of 5)', classicRow.mbPerSecondMedian, '>= 180', classicRow.mbPerSecondMedian >= 180);
  for (const { script, timeRatio } of nonAscii) target(`${script} time / English time, same size`, timeRatio, '<= 2', timeRatio <= 2, 'x');
  target('unicode vs naive split+Map, speed-up', unicodeRow.mbPerSecondMedian / naiveRow.mbPerSecond, 'report', true, 'x');

  // 2. The whole process against wc -w on the same file.
  console.log('\nWhole process on KJV x10 (5 runs each, alternating, medians):');
  const englishFile = join(workDir, 'kjv-x10.txt');
  writeFileSync(englishFile, english);
  const expected = summarize(countInProcess(english, 'unicode'), 1000);
  const [wc, cli, cliOne] = await processRuns(
    [
      { name: 'wc -w', command: 'wc', args: ['-w', englishFile] },
      wordfreq('wordfreq count (default threads)', '--top', '1000', englishFile),
      wordfreq('wordfreq count --threads 1', '--top', '1000', '--threads', '1', englishFile),
    ],
    5,
  );
  for (const run of [cli, cliOne]) {
    const got = JSON.parse(run.stdout);
    if (got.totalWords !== expected.totalWords || got.distinctWords !== expected.distinctWords || JSON.stringify(got.top) !== JSON.stringify(expected.top)) {
      throw new Error(`${run.row.name}: result differs from the in-process count`);
    }
  }
  console.log('\nTargets (processes):');
  target('wordfreq count wall / wc -w wall', cli.row.wallMsMedian / wc.row.wallMsMedian, '<= 2.2', cli.row.wallMsMedian / wc.row.wallMsMedian <= 2.2, 'x');

  if (!skipLarge) {
    // 3. Threads on a 430 MB file: identical results, faster than one thread.
    console.log('\nThreads on a 430 MB file (KJV x100; 3 runs each, alternating):');
    const bigFile = join(workDir, 'kjv-x100.txt');
    writeRepeated(bigFile, english, english.length * 10);
    const threads = availableParallelism();
    const [one, many, auto] = await processRuns(
      [
        wordfreq('wordfreq count --threads 1', '--top', '1000', '--threads', '1', bigFile),
        wordfreq(`wordfreq count --threads ${threads}`, '--top', '1000', '--threads', String(threads), bigFile),
        wordfreq('wordfreq count (default threads)', '--top', '1000', bigFile),
      ],
      3,
    );
    if (many.stdout !== one.stdout || auto.stdout !== one.stdout) throw new Error('threaded and single-thread results differ on the 430 MB file');
    console.log('  results identical across thread counts');
    const speedup = one.row.wallMsMedian / many.row.wallMsMedian;
    console.log('\nTargets (large files):');
    target(`430 MB: 1 thread / ${threads} threads wall time`, speedup, '>= 1.4', speedup >= 1.4, 'x');
    rmSync(bigFile, { force: true });

    // 4. Peak RSS on a 2 GB file (streamed in, never held).
    const hugeFile = join(workDir, 'kjv-2gb.txt');
    writeRepeated(hugeFile, english, 2 * 1024 ** 3);
    console.log(`\nPeak RSS on a ${(statSync(hugeFile).size / 1e9).toFixed(2)} GB file:`);
    const [huge, hugeOne] = await processRuns(
      [wordfreq('wordfreq count (default threads)', hugeFile), wordfreq('wordfreq count --threads 1', '--threads', '1', hugeFile)],
      1,
    );
    if (huge.stdout !== hugeOne.stdout) throw new Error('threaded and single-thread results differ on the 2 GB file');
    rmSync(hugeFile, { force: true });
    console.log('\nTargets (memory):');
    const peak = Math.max(huge.row.peakRss ?? Infinity, hugeOne.row.peakRss ?? Infinity);
    target('2 GB file: peak RSS, MiB', peak / 2 ** 20, '< 200', peak < 200 * 2 ** 20);

    // 5. The worker's peak RSS within its memory budget on 2 GB of distinct tokens.
    await memoryBudgetSection();

    // 6. A 1 GiB corpus with 1, 2 and 4 threads.
    await corpusSection();
  } else {
    console.log('\nBENCH_SKIP_LARGE=1: skipped the 430 MB and 2 GB runs, the memory-budget and the corpus sections.');
  }

  // 6. The worker pipeline's overhead: `wordfreq demo` (120 files of ~1 MB, memory adapters, 4 workers)
  // reports how much of the worker thread's time went to counting.
  console.log('\nWorker pipeline: wordfreq demo, default scenario (3 runs, medians):');
  const demos = [];
  for (let run = 0; run < 3; run++) {
    const { stdout } = await runProcess(process.execPath, [bin, 'demo', '--json']);
    demos.push(JSON.parse(stdout));
  }
  const failedChecks = demos.flatMap((demo) => demo.checks.filter((check) => !check.ok));
  if (failedChecks.length > 0) throw new Error(`wordfreq demo failed its own checks: ${failedChecks.map((check) => check.name).join('; ')}`);
  const share = median(demos.map((demo) => demo.countingShare));
  const demoRow = {
    name: 'wordfreq demo',
    files: demos[0].files,
    bytes: demos[0].bytes,
    workerTimeMsMedian: median(demos.map((demo) => demo.workerTimeMs)),
    countTimeMsMedian: median(demos.map((demo) => demo.countTimeMs)),
    countingShareMedian: share,
    mbPerSecondMedian: median(demos.map((demo) => demo.megabytesPerSecond)),
  };
  report.pipeline = demoRow;
  console.log(
    `  ${demoRow.files} files, ${demoRow.bytes} B: worker thread ${fmt(demoRow.workerTimeMsMedian, 0)} ms, counting ${fmt(demoRow.countTimeMsMedian, 0)} ms ` +
      `(${fmt(share * 100)} %), the rest I/O, queue and bookkeeping; ${fmt(demoRow.mbPerSecondMedian)} MB/s through the whole pipeline`,
  );
  console.log('\nTargets (pipeline):');
  target('wordfreq demo: share of worker time spent counting, %', share * 100, '>= 80', share >= 0.8);
  // 7. The worker process on the emulators: old loop and pipeline side by side (BENCH_SKIP_PIPELINE=1 skips it).
  if (process.env.BENCH_SKIP_PIPELINE !== '1') report.workerPipeline = await workerPipelineSection({ corpus: base.bytes, target, fmt, mib });

  // 6. The local load test's prediction against its measurement (moved here from the tests: how
  // close a measured drain comes to the simulator's depends on the machine's load). Needs Java 17
  // for DynamoDB Local; BENCH_SKIP_LOADTEST=1 skips it.
  if (process.env.BENCH_SKIP_LOADTEST !== '1') {
    console.log('\nLoad test: wordfreq loadtest --local, 30 one-second jobs, step policy on a 3 s period, 1 to 3 workers:');
    const args = ['loadtest', '--local', '--files', '30', '--job-seconds', '1', '--period', '3', '--cooldown', '3', '--max', '3', '--json'];
    const { stdout } = await runProcess(process.execPath, [bin, ...args]);
    const loadtest = JSON.parse(stdout);
    if (!loadtest.accounting.exactlyOnce) throw new Error('wordfreq loadtest lost a job or ran one twice: its accounting is wrong');
    const measured = loadtest.measured.summary.drainSeconds;
    const predicted = loadtest.predicted.summary.drainSeconds;
    report.loadtest = { measuredDrainSeconds: measured, predictedDrainSeconds: predicted, drainDifference: loadtest.drainDifference, calibration: loadtest.calibration };
    console.log(`  drained in ${fmt(measured)} s measured, ${fmt(predicted)} s predicted (calibrated with the measured boot and job times)`);
    console.log('\nTargets (load test):');
    const difference = loadtest.drainDifference === null ? null : Math.abs(loadtest.drainDifference) * 100;
    target('wordfreq loadtest: measured drain vs prediction, % difference', difference, '<= 30', difference !== null && difference <= 30);
  }

  writeReport();
}

function writeReport() {
  report.machine.loadAverageAtEnd = loadavg();
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${report.date.slice(0, 16).replace(':', '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; results written to ${file}`);
  const missed = report.targets.filter((t) => !t.met);
  if (missed.length > 0) console.log(`${missed.length} target(s) missed: ${missed.map((t) => t.name).join('; ')}`);
}

try {
  await main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
