import type { ResolvedCountOptions } from './count-options.js';

/** Whether a folded word survives `minLength` (in code points) and the stop words. */
export function makeWordFilter(options: ResolvedCountOptions): (folded: string) => boolean {
  const { minLength, stopWords } = options;
  if (minLength === 0 && stopWords.size === 0) return () => true;
  return (folded) => {
    if (stopWords.has(folded)) return false;
    // A UTF-16 length at least minLength * 2 cannot fall short in code points; skip the count then.
    if (folded.length >= minLength * 2) return true;
    if (folded.length < minLength) return false;
    let codePoints = 0;
    for (const _ of folded) codePoints++;
    return codePoints >= minLength;
  };
}
