import { BadInputError } from '@wordfreq/core';

/** The caller passed something AWS would reject with a 400; said before the request is made. */
export function badInput(message: string, cause?: unknown): BadInputError {
  return new BadInputError(message, cause === undefined ? undefined : { cause });
}
