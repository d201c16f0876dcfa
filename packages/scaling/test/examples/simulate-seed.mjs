import { seedDeployment } from '@wordfreq/core';
import { formatDuration, seedWorkload, simulate } from '@wordfreq/scaling';

const run = simulate({ seed: 1, workload: seedWorkload, deployment: seedDeployment });
console.log(`${run.label}: ${run.summary.drainSeconds === undefined ? 'not drained' : `drained in ${formatDuration(run.summary.drainSeconds)}`}`);
// step (seed): drained in 13m 40s
