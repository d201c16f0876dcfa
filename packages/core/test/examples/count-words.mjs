import assert from 'node:assert/strict';
import { countStream, countText } from '@wordfreq/core';

// A whole text at once: totals and the top words.
const summary = countText('The cat saw the hat; the cat sat.', { top: 3 });
console.log(summary.top); // [ { word: 'the', count: 3 }, { word: 'cat', count: 2 }, { word: 'hat', count: 1 } ]
assert.equal(summary.totalWords, 8);
assert.deepEqual(summary.top.slice(0, 2), [{ word: 'the', count: 3 }, { word: 'cat', count: 2 }]);

// A stream of chunks, cut anywhere (even inside a UTF-8 character), with English stop words left out.
const bytes = new TextEncoder().encode('Ünïcode words: the café, the CAFÉ and the naïve café.');
const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 20), bytes.subarray(20)];
const streamed = await countStream(chunks, { stopWords: 'en', top: 1 });
assert.deepEqual(streamed.top, [{ word: 'café', count: 3 }]);
