import type { SQSRecord } from 'aws-lambda';
import type { Delivery } from '@wordfreq/core';

/**
 * The core's view of one record the Lambda poller received. The receipt handle stays usable while the
 * invocation runs, so the queue adapter can still release the message (visibility 0) through it.
 */
export function toDelivery(record: SQSRecord): Delivery {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.messageAttributes ?? {})) {
    // Binary and list attributes have no place in the core's string map; they are not ours anyway.
    if (typeof value.stringValue === 'string') attributes[name] = value.stringValue;
  }
  const receiveCount = Number.parseInt(record.attributes?.ApproximateReceiveCount ?? '', 10);
  return {
    id: record.messageId,
    body: record.body,
    receiveCount: Number.isSafeInteger(receiveCount) && receiveCount > 0 ? receiveCount : 1,
    attributes,
    handle: record.receiptHandle,
  };
}
