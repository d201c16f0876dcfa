import { randomBytes } from 'node:crypto';

let sequence = 0;

/**
 * A name no other suite in this run uses: `<prefix>-<n>-<random>`, lower case, so it is valid for
 * buckets (3-63 chars), queues (80) and tables (255) alike. `prefix` is trimmed to keep it short.
 */
export function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'wf';
  sequence += 1;
  return `${clean}-${sequence}-${randomBytes(4).toString('hex')}`;
}
