import { randomBytes } from 'node:crypto';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { defaultTop, InternalError, TransientError, type CorpusRequest, type CorpusResult, type CountOptions } from '@wordfreq/core';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';

/** The environment variable that names the corpus state machine when `--state-machine` is not given. */
export const corpusStateMachineVariable = 'WORDFREQ_CORPUS_STATE_MACHINE';
/** Seconds between two DescribeExecution calls while waiting (default 5). */
export const corpusPollVariable = 'WORDFREQ_CORPUS_POLL_SECONDS';

export interface CorpusExecutionRequest {
  readonly stateMachineArn: string;
  readonly request: CorpusRequest;
  readonly options: CountOptions & { readonly top: number };
  readonly partBytes: number | undefined;
  /** Wait for the execution to finish and return its result; otherwise return once started. */
  readonly wait: boolean;
}

/** What starting an execution gives: its ARN, and the corpus result when it was waited for. */
export interface CorpusExecution {
  readonly executionArn: string;
  readonly result?: CorpusResult;
}

const stateMachineArnPattern = /^arn:aws[a-z-]*:states:([a-z0-9-]+):\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

/**
 * Starts an execution of the corpus state machine (packages/infra's CorpusStateMachine: input
 * `{bucket, prefix}`, output the reduce's `{mode: 'final', result}`) and, with `wait`, polls
 * DescribeExecution until it ends and returns the corpus result. The SDK retries throttling and
 * network faults itself; what still fails is TRANSIENT (exit 1). An execution that failed on its
 * input (nothing under the prefix, a bucket corpus jobs may not read) is the user's to fix (exit 2);
 * any other failure is reported with the execution's error and cause (exit 1). The counting options
 * are the deployment's (the functions' WORDFREQ_PRESET, WORDFREQ_TOP, WORDFREQ_CORPUS_PART_MB), so
 * flags that would change them are refused rather than silently ignored.
 */
export async function startCorpusExecution(execution: CorpusExecutionRequest, io: CliIo, client?: SFNClient): Promise<CorpusExecution> {
  const region = stateMachineArnPattern.exec(execution.stateMachineArn)?.[1];
  if (region === undefined) {
    throw new UsageError(`corpus: --state-machine must be a state machine ARN such as arn:aws:states:us-east-1:123456789012:stateMachine:Corpus (the WordFreq stack's CorpusStateMachineArn output), got '${execution.stateMachineArn}'`);
  }
  refuseLocalOnlyOptions(execution);
  const sfn = client ?? new SFNClient({ region });
  try {
    // Execution names are the run's key prefix in the work bucket: unique, and 1-80 of [A-Za-z0-9-_].
    const name = `wordfreq-corpus-${new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(4).toString('hex')}`;
    const started = await call(() => sfn.send(new StartExecutionCommand({ stateMachineArn: execution.stateMachineArn, name, input: JSON.stringify(execution.request) })), 'StartExecution');
    const executionArn = started.executionArn!;
    if (!execution.wait) return { executionArn };
    io.stderr.write(`corpus: waiting for ${executionArn}\n`);
    const pollMs = Math.max(0, Number(io.env[corpusPollVariable] ?? 5)) * 1000;
    for (;;) {
      const described = await call(() => sfn.send(new DescribeExecutionCommand({ executionArn })), 'DescribeExecution');
      if (described.status === 'SUCCEEDED') return { executionArn, result: corpusResultOf(described, executionArn) };
      if (described.status !== 'RUNNING' && described.status !== 'PENDING_REDRIVE') throw failure(described, executionArn);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    if (!client) sfn.destroy();
  }
}

function refuseLocalOnlyOptions(execution: CorpusExecutionRequest): void {
  const { options, partBytes } = execution;
  const given = [
    ...(options.top !== defaultTop ? ['--top'] : []),
    ...(options.preset !== undefined && options.preset !== 'unicode' ? ['--preset'] : []),
    ...(options.minLength ? ['--min-length'] : []),
    ...(options.stopWords !== undefined ? ['--stop-words'] : []),
    ...(partBytes !== undefined ? ['--part-size'] : []),
  ];
  if (given.length > 0) {
    throw new UsageError(
      `corpus: ${given.join(', ')} cannot be sent to the state machine: it counts with its deployment's settings (WORDFREQ_PRESET, WORDFREQ_TOP, WORDFREQ_CORPUS_PART_MB of its functions); leave ${given.length === 1 ? 'it' : 'them'} out, or count here without --state-machine`,
    );
  }
}

/** An SDK call, its failure after the SDK's own retries said as TRANSIENT (or the user's, for a denied or missing machine). */
async function call<T>(send: () => Promise<T>, operation: string): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    const message = (error as Error).message;
    if (['StateMachineDoesNotExist', 'ExecutionDoesNotExist', 'AccessDeniedException', 'InvalidArn', 'UnrecognizedClientException'].includes(name)) {
      throw new UsageError(`corpus: Step Functions refused ${operation}: ${name}: ${message}`);
    }
    throw new TransientError(`Step Functions ${operation} failed: ${name}: ${message}`, { cause: error });
  }
}

function corpusResultOf(described: DescribeExecutionCommandOutput, executionArn: string): CorpusResult {
  let output: unknown;
  try {
    output = JSON.parse(described.output ?? '');
  } catch {
    throw new InternalError(`the execution ${executionArn} succeeded but its output is not JSON (${String(described.output).slice(0, 120)}); is this the wordfreq corpus state machine?`);
  }
  const result = (output as { result?: Partial<CorpusResult> } | null)?.result;
  if (result?.kind !== 'corpus' || result.corpus === undefined || !Array.isArray(result.words)) {
    throw new InternalError(`the execution ${executionArn} succeeded but its output holds no corpus result ({"result": {"kind": "corpus", ...}}); is this the wordfreq corpus state machine?`);
  }
  return result as CorpusResult;
}

/** Failed on its input (the plan's BadInputError or NotFoundError): exit 2; anything else: exit 1, with Step Functions' error and cause. */
function failure(described: DescribeExecutionCommandOutput, executionArn: string): Error {
  const cause = causeText(described.cause);
  const what = `the corpus execution ${executionArn} ended ${described.status}${described.error ? `: ${described.error}` : ''}${cause ? `: ${cause}` : ''}`;
  if (described.error === 'BadInputError' || described.error === 'NotFoundError') return new UsageError(`corpus: ${what}`);
  return new InternalError(what);
}

/** Lambda's cause is the function's error as JSON ({errorType, errorMessage, trace}): its message is what to show. */
function causeText(cause: string | undefined): string {
  if (cause === undefined) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage.slice(0, 500);
  } catch {
    // Not JSON: shown as it is.
  }
  return cause.slice(0, 500);
}
