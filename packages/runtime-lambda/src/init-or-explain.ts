import { ConfigError } from '@wordfreq/core';

/**
 * Runs a function's init (module load, Lambda's init phase). If it fails, one structured log line
 * says why (for a configuration error: every problem, each naming its variable) before the error is
 * rethrown, which makes Lambda report the init failure and not serve with a half-built handler.
 */
export function initOrExplain<T>(service: string, init: () => T, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): T {
  try {
    return init();
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : undefined;
    write(
      JSON.stringify({
        level: 'error',
        time: new Date().toISOString(),
        message: problems ? `the ${service} function's configuration is invalid; fix its environment variables` : `the ${service} function failed to initialise`,
        service,
        ...(problems ? { problems } : { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }),
      }),
    );
    throw error;
  }
}
