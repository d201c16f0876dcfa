import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  deadLetterCopy,
  systemClock,
  type AckFailure,
  type Clock,
  sqsLimits,
  type Delivery,
  type JobQueue,
  type QueueDepth,
  type ReceiveOptions,
  validateQueueMessage,
  validateReceiveOptions,
  validateVisibilitySeconds,
} from '@wordfreq/core';
import { badInput } from './bad-input.js';

export interface MemoryJobQueueOptions {
  /** Shown in errors and receipt handles. */
  readonly name?: string;
  /** Time source for visibility timeouts and long polls; a `ManualClock` in tests. */
  readonly clock?: Clock;
  /** Redrive target. With it, `maxReceiveCount` is required (SQS's redrive policy needs both). */
  readonly deadLetterQueue?: MemoryJobQueue;
  readonly maxReceiveCount?: number;
}

interface Message {
  readonly id: string;
  readonly seq: number;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  receiveCount: number;
  /** Epoch ms from which the message may be received again. */
  visibleAt: number;
  /** The handle of the latest receive; older handles are stale. */
  handle?: string;
}

/**
 * An SQS standard queue in memory. Semantics kept from SQS:
 * - a received message is invisible for `visibilitySeconds`, then redelivered with `receiveCount + 1`;
 * - with a dead-letter queue, a message already received `maxReceiveCount` times is moved there on the
 *   receive that would exceed the limit (keeping its id, body and attributes; counting restarts);
 * - a long poll returns as soon as at least one message is available, or empty after `waitSeconds`;
 * - every receive issues a new handle. `ack` with a stale handle (the message was redelivered since)
 *   succeeds without deleting, as SQS documents ("the request succeeds, but the message might not be
 *   deleted"); acking an already deleted message succeeds too. `extend` and `release` with a stale
 *   handle fail with `ConflictError`, as SQS rejects ChangeMessageVisibility for a message that is no
 *   longer in flight under that handle. A handle from another queue is `BAD_INPUT`.
 */
export class MemoryJobQueue implements JobQueue {
  readonly name: string;
  readonly #clock: Clock;
  readonly #deadLetters?: MemoryJobQueue;
  readonly #maxReceiveCount?: number;
  readonly #messages = new Map<string, Message>();
  readonly #waiters = new Set<() => void>();
  #seq = 0;
  #closed = false;

  constructor(options: MemoryJobQueueOptions = {}) {
    this.name = options.name ?? 'memory-queue';
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(this.name)) {
      throw badInput(`queue name "${this.name}" is invalid; SQS allows 1-80 letters, digits, hyphens and underscores`);
    }
    this.#clock = options.clock ?? systemClock;
    if ((options.deadLetterQueue === undefined) !== (options.maxReceiveCount === undefined)) {
      throw badInput(`queue ${this.name}: a redrive policy needs both deadLetterQueue and maxReceiveCount`);
    }
    if (options.maxReceiveCount !== undefined) {
      if (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1 || options.maxReceiveCount > 1000) {
        throw badInput(`queue ${this.name}: maxReceiveCount must be an integer from 1 to 1000, got ${options.maxReceiveCount}`);
      }
      if (options.deadLetterQueue === this) throw badInput(`queue ${this.name} cannot be its own dead-letter queue`);
    }
    this.#deadLetters = options.deadLetterQueue;
    this.#maxReceiveCount = options.maxReceiveCount;
  }

  async send(body: string, attributes: Readonly<Record<string, string>> = {}): Promise<string> {
    validateQueueMessage(this.name, body, attributes);
    const id = randomUUID();
    this.#enqueue(id, body, { ...attributes });
    return id;
  }

  async receive(options: ReceiveOptions): Promise<Delivery[]> {
    validateReceiveOptions(this.name, options);
    const deadline = this.#now() + options.waitSeconds * 1000;
    for (;;) {
      const taken = this.#take(options.max, options.visibilitySeconds);
      if (taken.length > 0 || this.#closed) return taken;
      const now = this.#now();
      if (now >= deadline) return [];
      // Wake for whichever comes first: a send or release (signalled), an in-flight message
      // becoming visible again, or the end of the long poll.
      await this.#waitForChange(Math.min(deadline, this.#nextVisibleAt(now)) - now);
    }
  }

  async ack(delivery: Delivery): Promise<void> {
    const message = this.#messageFor(delivery);
    if (message && message.handle === delivery.handle) this.#messages.delete(message.id);
  }

  /** Like SQS's DeleteMessageBatch: each entry on its own; a foreign handle fails that entry only. */
  async ackMany(deliveries: readonly Delivery[]): Promise<readonly AckFailure[]> {
    if (deliveries.length > sqsLimits.maxMessages) throw badInput(`ackMany on queue ${this.name} takes at most ${sqsLimits.maxMessages} deliveries (as DeleteMessageBatch), got ${deliveries.length}`);
    const failed: AckFailure[] = [];
    for (const delivery of deliveries) {
      try {
        await this.ack(delivery);
      } catch (error) {
        failed.push({ delivery, error });
      }
    }
    return failed;
  }

  async extend(delivery: Delivery, seconds: number): Promise<void> {
    validateVisibilitySeconds(this.name, seconds);
    const message = this.#inFlight(delivery, 'extend');
    message.visibleAt = this.#now() + seconds * 1000;
    if (seconds === 0) this.#signal();
  }

  async release(delivery: Delivery): Promise<void> {
    const message = this.#inFlight(delivery, 'release');
    message.visibleAt = this.#now();
    this.#signal();
  }

  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    if (!this.#deadLetters) {
      throw badInput(`queue ${this.name} has no dead-letter queue; configure one to dead-letter ${delivery.id}`);
    }
    // Like the SQS adapter: a copy with the reason, cut to SQS's limits, goes to the dead-letter queue, then the ack.
    const copy = deadLetterCopy(delivery.body, delivery.attributes, reason);
    await this.#deadLetters.send(copy.body, copy.attributes);
    await this.ack(delivery);
  }

  async depth(): Promise<QueueDepth> {
    const now = this.#now();
    let visible = 0;
    for (const message of this.#messages.values()) if (message.visibleAt <= now) visible += 1;
    return { visible, inFlight: this.#messages.size - visible };
  }

  /** Ends every waiting long poll (with no messages) and makes later receives return at once. */
  close(): void {
    this.#closed = true;
    this.#signal();
  }

  /** Long polls currently waiting; lets tests order events without sleeping. */
  get waitingReceives(): number {
    return this.#waiters.size;
  }

  #enqueue(id: string, body: string, attributes: Readonly<Record<string, string>>): void {
    this.#messages.set(id, { id, seq: this.#seq++, body, attributes, receiveCount: 0, visibleAt: this.#now() });
    this.#signal();
  }

  #take(max: number, visibilitySeconds: number): Delivery[] {
    const now = this.#now();
    const visible = [...this.#messages.values()].filter((m) => m.visibleAt <= now).sort((a, b) => a.seq - b.seq);
    const deliveries: Delivery[] = [];
    for (const message of visible) {
      if (deliveries.length === max) break;
      if (this.#deadLetters && this.#maxReceiveCount !== undefined && message.receiveCount >= this.#maxReceiveCount) {
        this.#messages.delete(message.id);
        this.#deadLetters.#enqueue(message.id, message.body, message.attributes);
        continue;
      }
      message.receiveCount += 1;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.handle = `${this.name}#${message.id}#${message.receiveCount}#${randomUUID()}`;
      deliveries.push({
        id: message.id,
        body: message.body,
        receiveCount: message.receiveCount,
        attributes: { ...message.attributes },
        handle: message.handle,
      });
    }
    return deliveries;
  }

  #messageFor(delivery: Delivery): Message | undefined {
    const [queue, id] = typeof delivery.handle === 'string' ? delivery.handle.split('#') : [];
    if (queue !== this.name || id !== delivery.id) {
      throw badInput(`receipt handle of message ${delivery.id} does not belong to queue ${this.name}`);
    }
    return this.#messages.get(id);
  }

  #inFlight(delivery: Delivery, action: string): Message {
    const message = this.#messageFor(delivery);
    if (!message || message.handle !== delivery.handle || message.visibleAt <= this.#now()) {
      throw new ConflictError(
        `cannot ${action} message ${delivery.id} on queue ${this.name}: it is no longer in flight under this receive (deleted, visible again or received by someone else)`,
      );
    }
    return message;
  }

  #nextVisibleAt(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const message of this.#messages.values()) {
      if (message.visibleAt > now && message.visibleAt < next) next = message.visibleAt;
    }
    return next;
  }

  #waitForChange(ms: number): Promise<void> {
    const abort = new AbortController();
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.#waiters.delete(wake);
        abort.abort();
        resolve();
      };
      this.#waiters.add(wake);
      this.#clock.sleep(ms, abort.signal).then(wake, () => {
        // aborted because a change woke us first
      });
    });
  }

  #signal(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
