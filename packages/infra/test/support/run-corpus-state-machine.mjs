// Runs the corpus state machine's own definition (from the synthesised template) with
// aws-local-stepfunctions, on Node 22 or later (the test starts this file on such a binary: see
// node22.ts), its Lambda tasks bound to runtime-lambda's real handlers in this process, against the
// emulators the test started. Argument: a JSON job file (see corpus-state-machine.local.test.ts).
// Prints one line `RESULT {...}`: the execution's output, each task's calls, the harness's counts.
//
// aws-local-stepfunctions runs a Distributed Map as an inline one: it ignores ItemReader, ItemBatcher,
// ToleratedFailurePercentage, Label and ProcessorConfig. The harness stands in for the two the data
// depends on, by rewriting each such Map: a task before it reads the items the ItemReader names (from
// the emulated S3, as Step Functions would) and batches them as the ItemBatcher says (MaxItemsPerBatch,
// MaxInputBytesPerBatch, BatchInput), the Map iterates them (ItemsPath), and a task after it drops
// them from the state again. The template assertions cover the fields themselves.
import { readFileSync } from 'node:fs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createEmulatorClients } from '@wordfreq/local-aws';
import { corpusMapHandlerFromEnv, corpusPlanHandlerFromEnv, corpusReduceHandlerFromEnv } from '@wordfreq/runtime-lambda';
import { StateMachine } from 'aws-local-stepfunctions';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const clients = createEmulatorClients(job.endpoints);
const fromEnv = { 'corpus-plan': corpusPlanHandlerFromEnv, 'corpus-map': corpusMapHandlerFromEnv, 'corpus-reduce': corpusReduceHandlerFromEnv };
const harnessArn = 'arn:aws:lambda:us-east-1:123456789012:function:harness';

/** Each task state's calls: the number of items of each call's input (1 for a plain input). */
const calls = {};
const stats = { maps: {} };
const faults = new Set(job.failOnce ?? []);

let request = 0;
const lambdaContext = (name) => ({
  awsRequestId: `local-${String(++request).padStart(6, '0')}`,
  functionName: name,
  getRemainingTimeInMillis: () => 300_000,
});

// One handler per function, made once as Lambda does at a cold start, reused by every call.
const handlers = new Map();
function handlerFor(fn) {
  if (!handlers.has(fn)) handlers.set(fn, fromEnv[fn](job.env[fn], { clients: { s3: clients.s3, sqs: clients.sqs, dynamodb: clients.dynamodb }, writeLine: () => {} }));
  return handlers.get(fn);
}

/** A JSONPath of the plain `$.a.b` form (all the definition uses) against `input`. */
function at(path, input) {
  if (!/^\$(\.[A-Za-z0-9_]+)*$/.test(path)) throw new Error(`the harness reads only $.a.b paths, got ${path}`);
  return path.split('.').slice(1).reduce((value, key) => value?.[key], input);
}
const fill = (template, input) => Object.fromEntries(Object.entries(template ?? {}).map(([k, v]) => (k.endsWith('.$') ? [k.slice(0, -2), at(v, input)] : [k, v])));

async function readItems(mapName, state, input) {
  const { Bucket, Key } = fill(state.ItemReader.Parameters, input);
  if (state.ItemReader.Resource !== 'arn:aws:states:::s3:getObject' || state.ItemReader.ReaderConfig?.InputType !== 'JSON') throw new Error(`${mapName}: the harness reads JSON files from S3 only`);
  const out = await clients.s3.send(new GetObjectCommand({ Bucket, Key }));
  const items = JSON.parse(await out.Body.transformToString());
  const batcher = state.ItemBatcher;
  const record = { items: items.length, batches: 0, largestBatchBytes: 0 };
  stats.maps[mapName] = record;
  if (!batcher) return items;
  const batchInput = fill(batcher.BatchInput, input);
  const batches = [];
  let current = [];
  const bytes = (list) => Buffer.byteLength(JSON.stringify({ BatchInput: batchInput, Items: list }));
  for (const item of items) {
    const next = [...current, item];
    if (current.length > 0 && (next.length > (batcher.MaxItemsPerBatch ?? Infinity) || bytes(next) > (batcher.MaxInputBytesPerBatch ?? 262_144))) {
      batches.push(current);
      current = [item];
    } else current = next;
    if (bytes(current) > (batcher.MaxInputBytesPerBatch ?? 262_144)) throw new Error(`${mapName}: one item is over the batch's ${batcher.MaxInputBytesPerBatch} bytes`);
  }
  if (current.length > 0) batches.push(current);
  record.batches = batches.length;
  record.largestBatchBytes = Math.max(...batches.map(bytes));
  return batches.map((list) => ({ BatchInput: batchInput, Items: list }));
}

/** The definition with each Distributed Map rewritten as the header says, and the local handlers of its tasks. */
function emulate(definition) {
  const overrides = {};
  const states = { ...definition.States };
  const renames = new Map();
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Map' || !state.ItemReader) continue;
    const reader = `${name} (harness: item reader)`;
    const drop = `${name} (harness: drop items)`;
    renames.set(name, reader);
    const { ItemReader, ItemBatcher, ToleratedFailurePercentage, ToleratedFailureCount, Label, ResultWriter, End, Next, ...inline } = state;
    states[reader] = { Type: 'Task', Resource: harnessArn, ResultPath: '$.harnessItems', Next: name };
    overrides[reader] = (input) => readItems(name, state, input);
    states[name] = { ...inline, ItemsPath: '$.harnessItems', Next: drop };
    states[drop] = { Type: 'Task', Resource: harnessArn, ...(End ? { End: true } : { Next }) };
    overrides[drop] = async ({ harnessItems, ...rest }) => rest;
  }
  const redirect = (target) => renames.get(target) ?? target;
  for (const [name, state] of Object.entries(states)) {
    if (name.includes('(harness:')) continue;
    const copy = { ...state };
    if (copy.Next) copy.Next = redirect(copy.Next);
    if (copy.Default) copy.Default = redirect(copy.Default);
    if (copy.Choices) copy.Choices = copy.Choices.map((choice) => ({ ...choice, Next: redirect(choice.Next) }));
    states[name] = copy;
  }
  return { definition: { ...definition, StartAt: redirect(definition.StartAt), States: states }, overrides };
}

/** Binds every Lambda task (top level and in Map processors) to its function's handler, by its Resource ARN. */
function bindTasks(definition, overrides) {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task' && state.Resource !== harnessArn) {
      const fn = job.functions[state.Resource];
      if (!fn) throw new Error(`task ${name} calls ${state.Resource}, which is none of the corpus functions`);
      overrides[name] = async (input) => {
        (calls[name] ??= []).push(Array.isArray(input?.Items) ? input.Items.length : 1);
        const output = await handlerFor(fn)(input, lambdaContext(fn));
        // The first call's answer lost to a throttle after its work was done: the state's Retry runs
        // the same input again, which must overwrite what the first call wrote, not add to it.
        if (faults.delete(name)) throw Object.assign(new Error('injected by the harness: Rate Exceeded'), { name: 'Lambda.TooManyRequestsException' });
        return output;
      };
    }
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) bindTasks(processor, overrides);
  }
}

try {
  const { definition, overrides } = emulate(job.definition);
  bindTasks(definition, overrides);
  const retryIntervalOverrides = Object.fromEntries(Object.keys(overrides).map((name) => [name, 0]));
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  const execution = machine.run(job.input, { overrides: { taskResourceLocalHandlers: overrides, retryIntervalOverrides }, context: job.context });
  const output = await execution.result;
  process.stdout.write(`RESULT ${JSON.stringify({ ok: true, output, calls, stats, node: process.version })}\n`);
} catch (error) {
  process.stdout.write(`RESULT ${JSON.stringify({ ok: false, error: `${error?.name}: ${error?.message}`, calls, stats, node: process.version })}\n`);
  process.exitCode = 1;
} finally {
  clients.destroy();
}
