import { alignCut } from '@wordfreq/core';
import { fileRangeReader } from './read-file-chunks.js';

/**
 * Cuts [0, size) into `parts` ranges of about equal size, each cut moved forward by core's range
 * boundary rule (`alignCut`: to the next ASCII white space byte), the rule corpus parts use too, so
 * counting the ranges separately and merging equals counting the whole file. A file without white
 * space near a cut gives an empty range there, never a word split in two.
 */
export async function splitAtWordBoundaries(path: string, size: number, parts: number): Promise<{ start: number; end: number }[]> {
  const read = fileRangeReader(path);
  const cuts = [0];
  for (let part = 1; part < parts; part++) cuts.push(await alignCut(read, Math.floor((size * part) / parts), size));
  cuts.push(size);
  return cuts.slice(0, -1).map((start, index) => ({ start, end: cuts[index + 1] }));
}
