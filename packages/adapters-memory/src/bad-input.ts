import { BadInputError } from '@wordfreq/core';

/** The caller passed something the real service would reject (AWS answers such requests with a 400). */
export function badInput(message: string): BadInputError {
  return new BadInputError(message);
}
