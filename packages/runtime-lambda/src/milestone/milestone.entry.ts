// The milestone function's bundle entry (dist/lambda/milestone/index.mjs, handler `index.handler`). The wiring runs
// at module load, once per execution environment; every invocation reuses it.
import { initOrExplain } from '../init-or-explain.js';
import { milestoneHandlerFromEnv } from './milestone.from-env.js';

export const handler = initOrExplain('milestone', () => milestoneHandlerFromEnv(process.env));
