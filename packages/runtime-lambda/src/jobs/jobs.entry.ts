// The jobs function's bundle entry (dist/lambda/jobs/index.mjs, handler `index.handler`). The wiring runs
// at module load, once per execution environment; every invocation reuses it.
import { initOrExplain } from '../init-or-explain.js';
import { jobsHandlerFromEnv } from './jobs.from-env.js';

export const handler = initOrExplain('jobs', () => jobsHandlerFromEnv(process.env));
