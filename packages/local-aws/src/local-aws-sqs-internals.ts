/**
 * Read access to local-aws-sqs's in-flight bookkeeping, which it keeps in module-private WeakMaps.
 * Needed to correct its ChangeMessageVisibility (see sqs-emulator.ts). If an upgrade changes the
 * layout these helpers return undefined and the shim forwards requests unchanged; the harness's own
 * tests (receive counts after a release, redrive) then fail and say so.
 */

/** One message as the emulator stores it. */
export interface EmulatedMessage {
  readonly record: { readonly MessageId: string; readonly ReceiptHandle?: string; readonly attributes: Record<string, string> };
  readonly visible: boolean;
}

export interface EmulatedQueue {
  readonly QueueName: string;
  readonly FifoQueue?: boolean;
  readonly ReceiveMessageWaitTimeSeconds?: number;
  getAttributes(names: string[]): Record<string, string>;
}

/**
 * The queue's message list. `getAttributes` reads it first thing through `WeakMap.get(queue)`;
 * listening to that one synchronous call hands over the array itself.
 */
export function messagesOf(queue: EmulatedQueue): EmulatedMessage[] | undefined {
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const get = WeakMap.prototype.get;
  let found: EmulatedMessage[] | undefined;
  WeakMap.prototype.get = function (this: WeakMap<object, unknown>, key: object) {
    const value = get.call(this, key);
    if (found === undefined && key === queue && Array.isArray(value)) found = value as EmulatedMessage[];
    return value;
  };
  try {
    queue.getAttributes(['ApproximateNumberOfMessages']);
  } finally {
    WeakMap.prototype.get = get;
  }
  const first = found?.[0];
  return first === undefined || (typeof first.record?.MessageId === 'string' && typeof first.visible === 'boolean') ? found : undefined;
}

/** The message id inside one of the emulator's receipt handles (base64 of `<uuid>{json}`). */
export function messageIdOf(receiptHandle: unknown): string | undefined {
  if (typeof receiptHandle !== 'string') return undefined;
  try {
    const text = Buffer.from(receiptHandle, 'base64').toString('utf8');
    const parsed = JSON.parse(text.slice(text.indexOf('{'))) as { MessageId?: unknown };
    return typeof parsed.MessageId === 'string' ? parsed.MessageId : undefined;
  } catch {
    return undefined;
  }
}
