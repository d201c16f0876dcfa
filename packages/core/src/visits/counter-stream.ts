import { crossingsBetween, type Crossing } from './crossing.js';

/**
 * The crossings of a site-total change seen in a counter table's stream record (old and new images).
 * A missing old image is an INSERT: the counter started from 0. A missing new image is a REMOVE:
 * nothing was crossed. The claimant is derived exactly as on the EC2 path, so both agree.
 */
export function crossingsFromImages(oldTotal: number | undefined, newTotal: number | undefined, thresholds: readonly number[]): Crossing[] {
  if (newTotal === undefined) return [];
  return crossingsBetween(oldTotal ?? 0, newTotal, thresholds);
}
