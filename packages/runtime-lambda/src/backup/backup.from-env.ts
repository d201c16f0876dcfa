import { replicateUploadFrom, Tokens } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { backupConfigFromEnv } from '../config/lambda-config.js';
import { backupAdapters } from '../lambda-adapters.js';
import { createLambdaContainerWith, observability, type FromEnvOptions } from '../lambda-container.js';
import { createBackupHandler } from './backup.handler.js';

/** Environment -> checked configuration -> container -> the backup handler. Called once per cold start. */
export function backupHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = backupConfigFromEnv(env);
  const container = createLambdaContainerWith(config, { ...options, service: 'backup' }, backupAdapters);
  return createBackupHandler(
    { replicateUpload: replicateUploadFrom(container), storage: container.get(Tokens.ObjectStore), ...observability(container) },
    { backupBucket: config.backupBucket },
  );
}
