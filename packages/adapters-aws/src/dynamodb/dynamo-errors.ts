import { ConfigError, type WordFreqError } from '@wordfreq/core';
import { awsErrorName } from '../shared/aws-error-translator.js';
import { badInput } from '../shared/bad-input.js';

/** DynamoDB errors every table adapter maps the same way; undefined for the rest. */
export function dynamoTableError(error: unknown, table: string): WordFreqError | undefined {
  switch (awsErrorName(error)) {
    case 'ResourceNotFoundException':
      return new ConfigError(`DynamoDB table "${table}" does not exist (or is still being created); create it (npm run local does) or fix the table setting`, {
        cause: error,
      });
    case 'ValidationException':
      return badInput(`DynamoDB refused a request on table "${table}": ${(error as Error).message}`, error);
    default:
      return undefined;
  }
}
