import { notifyMilestoneFrom } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { milestoneConfigFromEnv } from '../config/lambda-config.js';
import { milestoneAdapters } from '../lambda-adapters.js';
import { createLambdaContainerWith, observability, type FromEnvOptions } from '../lambda-container.js';
import { createMilestoneHandler } from './milestone.handler.js';

/** Environment -> checked configuration -> container -> the milestone handler. Called once per cold start. */
export function milestoneHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = milestoneConfigFromEnv(env);
  const container = createLambdaContainerWith(config, { ...options, service: 'milestone' }, milestoneAdapters);
  return createMilestoneHandler({ notifyMilestone: notifyMilestoneFrom(container), ...observability(container) }, { thresholds: config.thresholds, mail: config.mail });
}
