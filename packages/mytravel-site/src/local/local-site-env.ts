import type { LocalSiteOptions } from './local-site.js';

/**
 * `npm run local`'s settings for the site: MYTRAVEL_PORT (default 8080) and MYTRAVEL_MILESTONES
 * (comma-separated site totals, default 1000000; e.g. 20 to see the mail arrive after 20 page views).
 */
export function localSiteOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): LocalSiteOptions {
  const problems: string[] = [];
  const port = env.MYTRAVEL_PORT === undefined ? 8080 : Number(env.MYTRAVEL_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`MYTRAVEL_PORT must be a port number from 0 to 65535, got '${env.MYTRAVEL_PORT}'`);
  const milestones = (env.MYTRAVEL_MILESTONES ?? '1000000').split(',').map((part) => Number(part.trim()));
  if (milestones.some((n) => !Number.isSafeInteger(n) || n < 1)) problems.push(`MYTRAVEL_MILESTONES must be whole numbers of at least 1, separated by commas, got '${env.MYTRAVEL_MILESTONES}'`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { port, milestones };
}
