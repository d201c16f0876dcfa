import { SFNClient } from '@aws-sdk/client-sfn';
import { reduceCorpus, WordFreqError, type CorpusResult } from '@wordfreq/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { startCorpusExecution, type CorpusExecutionRequest } from './corpus-state-machine.js';
import { startFakeStepFunctions, type FakeSfnAnswer, type FakeSfnCall } from './fake-step-functions.test-support.js';

const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:CorpusStateMachine4D1996FB-abc';
const request = { bucket: 'uploads', prefix: 'books/' } as const;
const base: CorpusExecutionRequest = { stateMachineArn: arn, request, options: { preset: 'unicode', top: 10, minLength: 0 }, partBytes: undefined, wait: true };

const result: CorpusResult = reduceCorpus([{ parts: 2, bytes: 18, totalWords: 6, counts: new Map([['to', 2], ['be', 2], ['or', 1], ['not', 1]]) }], {
  request,
  plan: { parts: 2, objects: 2, bytes: 18 },
  startedAt: '2026-12-02T00:00:00.000Z',
  finishedAt: '2026-12-02T00:00:05.000Z',
  workerId: 'lambda:corpus-reduce',
});

const stderr: string[] = [];
const io = { env: { WORDFREQ_CORPUS_POLL_SECONDS: '0' }, stderr: { write: (text: string) => stderr.push(text) } } as unknown as CliIo;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function fake(answer: (call: FakeSfnCall, index: number) => FakeSfnAnswer) {
  const sfn = await startFakeStepFunctions(answer);
  stop = sfn.stop;
  const client = new SFNClient({ region: 'eu-west-1', endpoint: sfn.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return { calls: sfn.calls, client };
}

const started = { body: { executionArn: `${arn.replace(':stateMachine:', ':execution:')}:run-1`, startDate: 1_700_000_000 } };
const status = (value: string, extra: Record<string, unknown> = {}): FakeSfnAnswer => ({ body: { executionArn: 'x', stateMachineArn: arn, status: value, startDate: 1_700_000_000, ...extra } });

describe('starting a corpus execution of the state machine', () => {
  it('starts one with the request as input and a unique name, and returns at once without --wait', async () => {
    const { calls, client } = await fake(() => started);
    const out = await startCorpusExecution({ ...base, wait: false }, io, client);
    expect(out).toEqual({ executionArn: started.body.executionArn });
    expect(calls.map((c) => c.operation)).toEqual(['StartExecution']);
    expect(calls[0]!.input).toMatchObject({ stateMachineArn: arn, input: JSON.stringify(request) });
    expect(String(calls[0]!.input.name)).toMatch(/^wordfreq-corpus-\d{14}-[0-9a-f]{8}$/);
  });

  it('with --wait polls through a throttle and RUNNING until SUCCEEDED, and returns the reduce step’s corpus result', async () => {
    const { calls, client } = await fake((call, index) => {
      if (call.operation === 'StartExecution') return started;
      if (index === 1) return { error: 'ThrottlingException', message: 'Rate exceeded' }; // the SDK retries it
      if (index === 2) return status('RUNNING');
      return status('SUCCEEDED', { output: JSON.stringify({ mode: 'final', superseded: false, result }) });
    });
    const out = await startCorpusExecution(base, io, client);
    expect(out.result).toEqual(result);
    expect(calls.map((c) => c.operation)).toEqual(['StartExecution', 'DescribeExecution', 'DescribeExecution', 'DescribeExecution']);
    expect(calls.slice(1).every((c) => c.input.executionArn === started.body.executionArn)).toBe(true);
  });

  it("reports a run that failed on its input as the user's (exit 2), with Lambda's error message", async () => {
    const cause = JSON.stringify({ errorType: 'BadInputError', errorMessage: 'uploads/nothing/* names no object: nothing to count (is the prefix right?)', trace: [] });
    const { client } = await fake((call) => (call.operation === 'StartExecution' ? started : status('FAILED', { error: 'BadInputError', cause })));
    const error = await startCorpusExecution(base, io, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`corpus: the corpus execution ${started.body.executionArn} ended FAILED: BadInputError: uploads/nothing/* names no object: nothing to count (is the prefix right?)`);
  });

  it('reports any other end (a timeout, an abort) with its error, as a failure of the run (exit 1)', async () => {
    const { client } = await fake((call) => (call.operation === 'StartExecution' ? started : status('TIMED_OUT', { error: 'States.Timeout' })));
    const error = await startCorpusExecution(base, io, client).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'INTERNAL')).toBe(true);
    expect((error as Error).message).toMatch(/ended TIMED_OUT: States.Timeout$/);
  });

  it('says TRANSIENT when Step Functions keeps failing past the SDK’s retries, and the user’s when the machine does not exist', async () => {
    const busy = await fake(() => ({ error: 'ServiceUnavailable', message: 'try later', status: 503 }));
    const error = await startCorpusExecution(base, io, busy.client).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'TRANSIENT')).toBe(true);
    expect((error as Error).message).toMatch(/^Step Functions StartExecution failed: ServiceUnavailable: try later$/);
    expect(busy.calls.length).toBeGreaterThan(1); // retried by the SDK first
    await stop?.();
    const missing = await fake(() => ({ error: 'StateMachineDoesNotExist', message: 'State Machine Does Not Exist' }));
    await expect(startCorpusExecution(base, io, missing.client)).rejects.toThrow(/^corpus: Step Functions refused StartExecution: StateMachineDoesNotExist/);
  });

  it('refuses what it cannot send before calling anything: a malformed ARN, and counting options the deployment fixes', async () => {
    const { calls, client } = await fake(() => started);
    await expect(startCorpusExecution({ ...base, stateMachineArn: 'Corpus' }, io, client)).rejects.toThrow(/^corpus: --state-machine must be a state machine ARN/);
    await expect(startCorpusExecution({ ...base, options: { ...base.options, top: 20, stopWords: 'en' }, partBytes: 1024 }, io, client)).rejects.toThrow(
      /^corpus: --top, --stop-words, --part-size cannot be sent to the state machine: it counts with its deployment's settings/,
    );
    expect(calls).toEqual([]);
  });
});
