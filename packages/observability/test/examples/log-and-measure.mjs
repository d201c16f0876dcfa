import assert from 'node:assert/strict';
import { BadInputError } from '@wordfreq/core';
import { EmfMetrics, JsonLinesLogger, describeError } from '@wordfreq/observability';

// Both write one JSON document per line (default: stdout, which CloudWatch Logs collects); here an array.
const lines = [];
const logger = new JsonLinesLogger({ level: 'info', base: { service: 'example' }, write: (line) => lines.push(line) });
logger.debug('dropped: below the level');
logger.warn('job failed', { error: describeError(new BadInputError('the key is empty; give an object key')) });

const metrics = new EmfMetrics({ namespace: 'Example', write: (line) => lines.push(line) });
metrics.record('JobsSucceeded', 1, 'Count', { Worker: 'w1' });

const [log, metric] = lines.map((line) => JSON.parse(line));
console.log(log); // { ..., level: 'warn', message: 'job failed', service: 'example', error: { code: 'BAD_INPUT', ... } }
assert.equal(lines.length, 2);
assert.equal(log.message, 'job failed');
assert.equal(log.error.code, 'BAD_INPUT');
assert.equal(metric._aws.CloudWatchMetrics[0].Namespace, 'Example');
assert.equal(metric.JobsSucceeded, 1);
