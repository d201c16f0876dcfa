import { replicateUploadFrom, Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { backupConfigFromEnv } from '../config/lambda-config.js';
import { backupAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createBackupHandler } from './backup.handler.js';

/** Environment -> checked configuration -> composition root -> the backup handler. Called once per cold start. */
export function backupHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = backupConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'backup' }, backupAdapters);
  return createBackupHandler(
    { replicateUpload: replicateUploadFrom(root), storage: root.get(Tokens.ObjectStore), ...observability(root) },
    { backupBucket: config.backupBucket },
  );
}
