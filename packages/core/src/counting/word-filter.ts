import type { ResolvedCountOptions } from './count-options.js';

const encoder = new TextEncoder();

/** Whether a folded word survives `minLength` (in code points), `maxWordBytes` and the stop words. */
export function makeWordFilter(options: ResolvedCountOptions): (folded: string) => boolean {
  const { minLength, stopWords, maxWordBytes } = options;
  return (folded) => {
    // A UTF-16 unit is at most 3 UTF-8 bytes, and at least 1: measure only in between.
    if (folded.length > maxWordBytes) return false;
    if (folded.length * 3 > maxWordBytes && encoder.encode(folded).length > maxWordBytes) return false;
    if (stopWords.has(folded)) return false;
    if (minLength === 0) return true;
    // A UTF-16 length at least minLength * 2 cannot fall short in code points; skip the count then.
    if (folded.length >= minLength * 2) return true;
    if (folded.length < minLength) return false;
    let codePoints = 0;
    for (const _ of folded) codePoints++;
    return codePoints >= minLength;
  };
}
