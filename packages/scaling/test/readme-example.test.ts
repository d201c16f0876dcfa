// The README's example, run: the seed's scenario drains in about the 12 minutes people reported.
import { seedDeployment } from '@wordfreq/core';
import { formatDuration, seedWorkload, simulate } from '@wordfreq/scaling';
import { expect, it } from 'vitest';

it('runs the README example', () => {
  const run = simulate({ seed: 1, workload: seedWorkload, deployment: seedDeployment });
  const line = `${run.label}: ${run.summary.drainSeconds === undefined ? 'not drained' : `drained in ${formatDuration(run.summary.drainSeconds)}`}`;
  expect(line).toMatch(/^step \(seed\): drained in 1\dm \d\ds$/);
});
