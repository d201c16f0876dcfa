// The corpus plan function's bundle entry (dist/lambda/corpus-plan/index.mjs, handler `index.handler`).
import { initOrExplain } from '../init-or-explain.js';
import { corpusPlanHandlerFromEnv } from './corpus-plan.from-env.js';

export const handler = initOrExplain('corpus-plan', () => corpusPlanHandlerFromEnv(process.env));
