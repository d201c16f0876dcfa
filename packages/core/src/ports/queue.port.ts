/** A message handed to one consumer; invisible to others until acked, released or its visibility expires. */
export interface Delivery {
  /** The queue's message id, stable across redeliveries. */
  readonly id: string;
  readonly body: string;
  /** 1 on first delivery. */
  readonly receiveCount: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** Adapter-private handle for this receive (an SQS receipt handle); opaque to callers. */
  readonly handle: string;
}

export interface ReceiveOptions {
  readonly max: number;
  /** Long-poll: wait up to this long for the first message. */
  readonly waitSeconds: number;
  readonly visibilitySeconds: number;
}

/** A delivery `ackMany` could not delete, with why; it stays on the queue and comes back. */
export interface AckFailure {
  readonly delivery: Delivery;
  readonly error: unknown;
}

export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
}

/**
 * An at-least-once queue (SQS semantics): visibility timeouts, redelivery, receive counts and,
 * when configured, redrive to a dead-letter queue after `maxReceiveCount` receives.
 */
export interface JobQueue {
  send(body: string, attributes?: Readonly<Record<string, string>>): Promise<string>;
  receive(options: ReceiveOptions): Promise<Delivery[]>;
  ack(delivery: Delivery): Promise<void>;
  /**
   * Acks several deliveries in as few requests as the queue allows (SQS: 10 per DeleteMessageBatch).
   * Entries the queue refuses are returned, not thrown, so the caller can leave exactly those for
   * redelivery; a failure of the whole request throws. Optional: callers fall back to `ack`.
   */
  ackMany?(deliveries: readonly Delivery[]): Promise<readonly AckFailure[]>;
  /** Keeps a delivery invisible for `seconds` more from now (heartbeat). */
  extend(delivery: Delivery, seconds: number): Promise<void>;
  /** Makes the delivery visible again at once, for another consumer. */
  release(delivery: Delivery): Promise<void>;
  /** Moves the delivery to the dead-letter queue with `reason` (attribute `reason`), then acks it. */
  deadLetter(delivery: Delivery, reason: string): Promise<void>;
  depth(): Promise<QueueDepth>;
}
