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

/**
 * Records one job message may hold; a message with more is dead-lettered with the reason. S3 sends
 * one record per notification, so anything near this is a hand-made batch: fanned out one job per
 * message, 100 keeps that to one short burst of sends.
 */
export const defaultMaxRecordsPerMessage = 100;

/**
 * Longest word counted, in UTF-8 bytes; longer tokens are skipped (not counted, like stop words),
 * so no single token can make a result too big to store or publish. 256 bytes is several times the
 * longest word of any dictionary.
 */
export const defaultMaxWordBytes = 256;

/**
 * The largest `maxWordBytes` a runtime's setting accepts: past 64 KiB a token is no word, and one top
 * word must still fit a result's word budget (result-limits.ts) with room for others.
 */
export const maxWordBytesLimit = 65_536;

/**
 * Receives before the jobs queue's redrive moves a message to the dead-letter queue (its
 * maxReceiveCount). The worker dead-letters a job still failing on this receive itself, with the reason.
 */
export const defaultMaxReceiveCount = 5;
