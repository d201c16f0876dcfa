// The corpus reduce function's bundle entry (dist/lambda/corpus-reduce/index.mjs, handler `index.handler`).
import { initOrExplain } from '../init-or-explain.js';
import { corpusReduceHandlerFromEnv } from './corpus-reduce.from-env.js';

export const handler = initOrExplain('corpus-reduce', () => corpusReduceHandlerFromEnv(process.env));
