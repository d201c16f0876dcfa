// The backup function's bundle entry (dist/lambda/backup/index.mjs, handler `index.handler`). The wiring runs
// at module load, once per execution environment; every invocation reuses it.
import { initOrExplain } from '../init-or-explain.js';
import { backupHandlerFromEnv } from './backup.from-env.js';

export const handler = initOrExplain('backup', () => backupHandlerFromEnv(process.env));
