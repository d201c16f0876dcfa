import assert from 'node:assert/strict';
import { parseJobMessage, processJob } from '@wordfreq/core';
import { createMemorySystem } from '@wordfreq/adapters-memory';

// Buckets, queues, tables and a mailer in this process, with AWS's semantics: an upload to the
// uploads bucket becomes an S3 event notification on the jobs queue, as a bucket notification would.
const system = createMemorySystem();
try {
  await system.store.put({ bucket: system.buckets.uploads, key: 'notes.txt' }, 'to be or not to be');
  const [delivery] = await system.jobs.receive({ max: 1, waitSeconds: 0, visibilitySeconds: 30 });
  const [job] = parseJobMessage(delivery.body);

  const deps = { storage: system.store, results: system.results, publisher: system.publisher, clock: system.clock };
  const result = await processJob(job, deps, { count: {}, maxBytes: 1024 * 1024, workerId: 'example' });
  await system.jobs.ack(delivery);
  console.log(result.status, result.words.slice(0, 2)); // succeeded [ { word: 'be', count: 2 }, { word: 'to', count: 2 } ]
  assert.equal((await system.results.get(result.filename))?.totalWords, 6);
} finally {
  system.dispose();
}
