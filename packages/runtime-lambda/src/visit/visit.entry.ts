// The visit function's bundle entry (dist/lambda/visit/index.mjs, handler `index.handler`). The wiring runs
// at module load, once per execution environment; every invocation reuses it.
import { initOrExplain } from '../init-or-explain.js';
import { visitHandlerFromEnv } from './visit.from-env.js';

export const handler = initOrExplain('visit', () => visitHandlerFromEnv(process.env));
