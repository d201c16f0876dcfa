import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

/** Port attributes (strings) as SQS message attributes of type String. */
export function toMessageAttributes(attributes: Readonly<Record<string, string>>): Record<string, MessageAttributeValue> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}

/** SQS message attributes back to strings; binary ones (which this system never sends) are skipped. */
export function fromMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value.StringValue !== undefined) out[name] = value.StringValue;
  }
  return out;
}
