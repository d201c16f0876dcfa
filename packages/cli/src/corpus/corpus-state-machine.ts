import type { CorpusRequest, CorpusResult, CountOptions } from '@wordfreq/core';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';

/** The environment variable that names the corpus state machine when `--state-machine` is not given. */
export const corpusStateMachineVariable = 'WORDFREQ_CORPUS_STATE_MACHINE';

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

/**
 * THE SEAM for Step Functions: starts a corpus execution of the state machine (packages/infra's
 * corpus construct) and, with `wait`, polls it and returns its result. Not built here: the Step
 * Functions client and the execution's input and output shapes belong with the state machine
 * (issue 15's AWS side). Until then it refuses plainly rather than pretend.
 */
export async function startCorpusExecution(execution: CorpusExecutionRequest, io: CliIo): Promise<CorpusExecution> {
  void io;
  throw new UsageError(
    `corpus: starting a Step Functions execution (${execution.stateMachineArn}) is not supported by this build yet; ` +
      `leave out --state-machine and unset ${corpusStateMachineVariable} to plan, count and merge in this process`,
  );
}
