import type { S3Client } from '@aws-sdk/client-s3';
import { S3UploadPresigner } from '@wordfreq/adapters-aws/s3';
import { Tokens } from '@wordfreq/core/di';
import type { Env, UploadPresigner } from '@wordfreq/core';
import { postsConfigFromEnv } from '../config/lambda-config.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { postsAdapters } from './posts.adapters.js';
import { createPostsHandler } from './posts.handler.js';

export interface PostsFromEnvOptions extends FromEnvOptions {
  /**
   * The S3 client that signs browser uploads, when browsers must reach S3 elsewhere than this
   * function does (locally: the POST policy gate in front of s3rver). Default: the function's own.
   */
  readonly uploadClient?: S3Client;
}

/** Environment -> checked configuration -> composition root -> the posts handler. Called once per cold start. */
export function postsHandlerFromEnv(env: Env, options: PostsFromEnvOptions = {}) {
  const { uploadClient, ...rest } = options;
  const config = postsConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...rest, service: 'posts' }, postsAdapters);
  const presigner: UploadPresigner = uploadClient ? new S3UploadPresigner(uploadClient) : root.get(Tokens.UploadPresigner);
  return createPostsHandler(
    { storage: root.get(Tokens.ObjectStore), presigner, clock: root.get(Tokens.Clock), ...observability(root) },
    config.posts,
  );
}
