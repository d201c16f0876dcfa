// The posts function's bundle entry (dist/lambda/posts/index.mjs, handler `index.handler`). The wiring runs
// at module load, once per execution environment; every invocation reuses it.
import { initOrExplain } from '../init-or-explain.js';
import { postsHandlerFromEnv } from './posts.from-env.js';

export const handler = initOrExplain('posts', () => postsHandlerFromEnv(process.env));
