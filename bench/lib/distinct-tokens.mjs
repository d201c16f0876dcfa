// Child process of the bench's memory-budget section: a worker's processJob, with its default memory
// budget shared by WORKER_COUNT jobs and the file-system scratch space, counts objects made of
// random distinct tokens (generated while read, never stored) and reports its peak RSS as JSON.
//   node distinct-tokens.mjs <bytes per job> <jobs> <worker budget MiB> <spill dir>
import { FsSpillStore } from '@wordfreq/adapters-fs';
import { countMemoryPerJob, processJob, systemClock } from '@wordfreq/core';

const [bytesPerJob, jobs, budgetMiB, spillDir] = process.argv.slice(2).map((arg, i) => (i < 3 ? Number(arg) : arg));
const MiB = 1024 * 1024;
const TOKEN = 8; // 7 letters and a space

/** Token `i` of a job: a bijective scramble of `i` spelled in 7 base-26 letters, so no two are equal. */
function* tokens(job, size) {
  const chunk = new Uint8Array(MiB);
  let i = job * Math.ceil(size / TOKEN);
  for (let sent = 0; sent < size; ) {
    const length = Math.min(chunk.length, size - sent);
    for (let at = 0; at + TOKEN <= length; at += TOKEN) {
      let h = Math.imul(i++, 0x9e3779b1) >>> 0;
      h = (h ^ (h >>> 15)) >>> 0;
      for (let k = 6; k >= 0; k--) {
        chunk[at + k] = 97 + (h % 26);
        h = Math.floor(h / 26);
      }
      chunk[at + 7] = 32;
    }
    for (let at = length - (length % TOKEN); at < length; at++) chunk[at] = 32;
    sent += length;
    yield chunk.subarray(0, length);
  }
}

/** An object store whose objects are generated as they are read. */
const storage = {
  head: async (ref) => ({ ...ref, size: bytesPerJob, etag: 'generated', metadata: {} }),
  read: async (ref) => {
    const job = Number(ref.key.replace(/\D/g, ''));
    const info = { ...ref, size: bytesPerJob, etag: 'generated', metadata: {} };
    return { info, body: (async function* () { yield* tokens(job, bytesPerJob); })() };
  },
};
const results = { save: async () => {}, get: async () => undefined };
const publisher = { publish: async () => {} };

const memoryBudgetBytes = countMemoryPerJob(budgetMiB * MiB, jobs);
const spill = new FsSpillStore({ dir: spillDir });
let peakSpilled = 0;
const sampler = setInterval(() => (peakSpilled = Math.max(peakSpilled, spill.heldBytes)), 200);
const started = performance.now();
const outcomes = await Promise.all(
  Array.from({ length: jobs }, (_, job) =>
    processJob({ bucket: 'bench', key: `distinct-${job}.txt` }, { storage, results, publisher, clock: systemClock, spill }, {
      count: {},
      maxBytes: bytesPerJob,
      workerId: 'bench',
      memoryBudgetBytes,
    }),
  ),
);
clearInterval(sampler);
const wallMs = performance.now() - started;
const tokensPerJob = Math.floor(bytesPerJob / TOKEN);
for (const outcome of outcomes) {
  // Every token is distinct: each job's result must say so exactly.
  if (outcome.status !== 'succeeded' || outcome.distinctWords !== tokensPerJob || outcome.totalWords !== tokensPerJob || outcome.words[0]?.count !== 1) {
    throw new Error(`unexpected result: ${JSON.stringify(outcome)}`);
  }
}
console.log(
  JSON.stringify({
    bytesPerJob,
    jobs,
    workerBudgetBytes: budgetMiB * MiB,
    jobBudgetBytes: memoryBudgetBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    peakSpilledBytes: peakSpilled,
    wallMs,
    distinctWordsPerJob: outcomes[0].distinctWords,
    top: outcomes[0].words.slice(0, 3),
  }),
);
