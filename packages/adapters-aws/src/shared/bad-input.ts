import { WordFreqError } from '@wordfreq/core';

/** The caller passed something AWS would reject with a 400; said before the request is made. */
export function badInput(message: string, cause?: unknown): WordFreqError {
  return new WordFreqError('BAD_INPUT', message, cause === undefined ? undefined : { cause });
}
