import { WordFreqError } from '@wordfreq/core';

/** A metric CloudWatch would drop or an option it would refuse: said when recorded, not lost later in Logs. */
export function badInput(message: string): WordFreqError {
  return new WordFreqError('BAD_INPUT', message);
}
