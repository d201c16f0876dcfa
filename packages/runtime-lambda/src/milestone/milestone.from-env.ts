import { notifyMilestoneFrom, resumeUnsentMilestonesFrom } from '@wordfreq/core/di';
import type { Env } from '@wordfreq/core';
import { milestoneConfigFromEnv } from '../config/lambda-config.js';
import { milestoneAdapters } from '../lambda-adapters.js';
import { createLambdaRoot, observability, type FromEnvOptions } from '../lambda-root.js';
import { createMilestoneHandler } from './milestone.handler.js';

/** Environment -> checked configuration -> composition root -> the milestone handler. Called once per cold start. */
export function milestoneHandlerFromEnv(env: Env, options: FromEnvOptions = {}) {
  const config = milestoneConfigFromEnv(env);
  const root = createLambdaRoot(config, { ...options, service: 'milestone' }, milestoneAdapters);
  return createMilestoneHandler(
    { notifyMilestone: notifyMilestoneFrom(root), resumeUnsentMilestones: resumeUnsentMilestonesFrom(root), ...observability(root) },
    { thresholds: config.thresholds, mail: config.mail },
  );
}
