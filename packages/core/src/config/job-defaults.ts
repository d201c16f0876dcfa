/**
 * Job settings every runtime (EC2 worker, Lambda, the CLI's demo, core's DI settings) and the
 * infrastructure that creates the queue share unless configured otherwise, said once here so they
 * cannot drift apart.
 */

/** Objects larger than this fail with TOO_LARGE instead of being counted: 512 MiB. */
export const defaultMaxBytes = 512 * 1024 * 1024;

/**
 * How long a received job message stays invisible to other workers, in seconds: the original
 * sample's 60 s. Workers extend it at half that while a job runs; a queue created by wordfreq gets it
 * as its visibility timeout.
 */
export const defaultVisibilitySeconds = 60;
