import { WordFreqError } from '@wordfreq/core';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { openAwsSession, type AwsSession } from './aws-session.js';

/**
 * Runs an AWS command with a session it closes afterwards, and turns the adapters' errors into
 * one-line messages: a missing bucket or object is the user's to fix (exit 2, like a bad argument;
 * missing queues or tables and refused credentials arrive as CONFIG, which the CLI already reports
 * that way); AWS not answering or failing is exit 1, with the operation that failed.
 */
export async function runAwsCommand(command: string, io: CliIo, body: (session: AwsSession) => Promise<number>): Promise<number> {
  const session = openAwsSession(io.env);
  try {
    return await body(session);
  } catch (error) {
    if (WordFreqError.hasCode(error, 'NOT_FOUND')) throw new UsageError(`${command}: ${error.message}`);
    if (WordFreqError.hasCode(error, 'TRANSIENT', 'INTERNAL')) {
      io.stderr.write(`wordfreq ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    session.close();
  }
}
