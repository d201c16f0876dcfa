import type { Delivery, MessageOutcome } from '@wordfreq/core';

/**
 * Turns one delivery into an outcome; the worker applies it to the queue. In production this is the
 * core's `handleJobMessage` with the container's ports; tests may pass their own. `signal` aborts
 * when the worker gives up on the job (grace period over, second signal).
 */
export type JobHandler = (delivery: Delivery, signal: AbortSignal) => Promise<MessageOutcome>;
