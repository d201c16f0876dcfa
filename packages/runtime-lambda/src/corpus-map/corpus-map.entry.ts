// The corpus map function's bundle entry (dist/lambda/corpus-map/index.mjs, handler `index.handler`).
import { initOrExplain } from '../init-or-explain.js';
import { corpusMapHandlerFromEnv } from './corpus-map.from-env.js';

export const handler = initOrExplain('corpus-map', () => corpusMapHandlerFromEnv(process.env));
