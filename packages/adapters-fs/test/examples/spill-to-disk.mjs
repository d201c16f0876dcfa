import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundedWordCounter, minCountMemoryBytes } from '@wordfreq/core';
import { FsSpillStore } from '@wordfreq/adapters-fs';

// 300,000 different words, counted within the smallest memory budget: the counter spills to disk.
const dir = mkdtempSync(join(tmpdir(), 'spill-example-'));
const counter = new BoundedWordCounter({ top: 3 }, { memoryBytes: minCountMemoryBytes, spill: new FsSpillStore({ dir }) });
const words = Array.from({ length: 300_000 }, (_, i) => `w${i.toString(36)}`);
await counter.write(new TextEncoder().encode(`${words.join(' ')} w0 w0 w1 `));
const summary = await counter.end();
await counter.dispose();

console.log(summary.top); // [ { word: 'w0', count: 3 }, { word: 'w1', count: 2 }, { word: 'w10', count: 1 } ]
assert.equal(summary.distinctWords, 300_000);
assert.deepEqual(summary.top.slice(0, 2), [{ word: 'w0', count: 3 }, { word: 'w1', count: 2 }]);
assert.ok(counter.spills > 0, 'the budget was small enough to spill');
assert.deepEqual(readdirSync(dir), []); // the job's scratch directory is gone
rmSync(dir, { recursive: true });
