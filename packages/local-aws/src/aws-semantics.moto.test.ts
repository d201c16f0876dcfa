import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAgreedAwsSemantics } from './aws-semantics.test-support.js';
import { startMotoAws, type MotoAws } from './moto-aws.js';

// The behaviours the s3rver patch and the local-aws-sqs shim model, asked of moto with no patch:
// the agreed ones are shared with emulated-aws.test.ts; the deviations below are pinned, so a moto
// upgrade that changes one fails here and EMULATORS.md is updated.
let aws: MotoAws;

beforeAll(async () => {
  aws = await startMotoAws();
});

afterAll(async () => {
  await aws?.stop();
});

describeAgreedAwsSemantics('moto server, unpatched', () => aws);

describe('where moto deviates from AWS (see EMULATORS.md)', () => {
  // Pinned deviation: S3 decodes x-amz-copy-source form-style (an unencoded "+" is a space), moto
  // with Python's unquote keeps it a plus. Only the patched s3rver can catch an unencoded plus.
  it('deviates from S3: reads an unencoded "+" in a copy source as a plus, not a space', async () => {
    const bucket = await aws.createBucket('plus');
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x y.txt', Body: 'space' }));
    await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x+z.txt', Body: 'plus' }));
    await expect(aws.clients.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'from-space.txt', CopySource: `${bucket}/x+y.txt` }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    await aws.clients.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'from-plus.txt', CopySource: `${bucket}/x+z.txt` }));
    const copied = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'from-plus.txt' }));
    expect(await copied.Body?.transformToString()).toBe('plus');
  });

  // Pinned deviations: SQS answers MessageNotInflight to a visibility change of a visible message,
  // rejects a stale receipt handle, and ignores a delete under a stale handle (the request succeeds,
  // the message stays). moto accepts all three and deletes: only the local-aws-sqs shim shows these.
  it('deviates from SQS: accepts visibility changes of messages not in flight or under a stale handle, and deletes under a stale handle', async () => {
    const queue = await aws.createQueue({ prefix: 'stale', maxReceiveCount: null });
    await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'm' }));
    const receive = () => aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
    const change = (handle: string | undefined, seconds: number) =>
      aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: handle, VisibilityTimeout: seconds }));
    const first = (await receive()).Messages?.[0];
    await change(first?.ReceiptHandle, 0);
    await change(first?.ReceiptHandle, 0);
    const second = (await receive()).Messages?.[0];
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    await change(first?.ReceiptHandle, 5);
    await aws.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first?.ReceiptHandle }));
    const { Attributes } = await aws.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
