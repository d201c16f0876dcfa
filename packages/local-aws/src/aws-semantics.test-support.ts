import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedAws } from './emulated-aws.js';

/**
 * The AWS behaviours both emulator sets show (the npm emulators with our patch and shim, and moto
 * unpatched), asked of each with plain SDK calls: where two independent emulators agree, the
 * behaviour is less likely to be only our own model of AWS. Where they disagree, see EMULATORS.md.
 */
export function describeAgreedAwsSemantics(name: string, emulated: () => EmulatedAws): void {
  describe(`AWS behaviour both emulators show: ${name}`, () => {
    let aws: EmulatedAws;
    beforeAll(() => {
      aws = emulated();
    });

    it('finds copy sources with reserved characters percent-encoded; serves a first-byte range; refuses a range on an empty object', async () => {
      const bucket = await aws.createBucket('quirks');
      await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a+b=c&d.txt', Body: 'abc' }));
      await aws.clients.s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: 'copy.txt', CopySource: `${bucket}/${encodeURIComponent('a+b=c&d.txt')}` }),
      );
      const copied = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy.txt' }));
      expect(await copied.Body?.transformToString()).toBe('abc');
      const first = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy.txt', Range: 'bytes=0-0' }));
      expect(await first.Body?.transformToString()).toBe('a');
      expect(first.ContentRange).toBe('bytes 0-0/3');
      await aws.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'empty.txt', Body: '' }));
      await expect(aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'empty.txt', Range: 'bytes=0-' }))).rejects.toMatchObject({
        name: 'InvalidRange',
      });
    });

    it('reports in-flight messages as not visible, as SQS does', async () => {
      const queue = await aws.createQueue({ prefix: 'depth', maxReceiveCount: null });
      for (const body of ['one', 'two', 'three']) await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
      await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }));
      const { Attributes } = await aws.clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1' });
    });

    // The emulator alone would hold this poll for all 20 seconds; the test's 10 s timeout fails it then.
    it('answers a long poll as soon as a message arrives', { timeout: 10_000 }, async () => {
      const queue = await aws.createQueue({ prefix: 'poll', maxReceiveCount: null });
      const polling = aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }));
      await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'wake up' }));
      const out = await polling;
      expect(out.Messages?.map((message) => message.Body)).toEqual(['wake up']);
    });

    it('refuses a long poll over 20 seconds with InvalidParameterValue, as SQS does', async () => {
      const queue = await aws.createQueue({ prefix: 'poll-limit', maxReceiveCount: null });
      await expect(aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 21 }))).rejects.toMatchObject({
        name: 'InvalidParameterValue',
      });
    });

    it('counts receives, not visibility changes, toward the redrive to the dead-letter queue', async () => {
      const queue = await aws.createQueue({ prefix: 'redrive', maxReceiveCount: 2 });
      await aws.clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));
      const counts: string[] = [];
      for (let receive = 0; receive < 2; receive++) {
        const out = await aws.clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
        );
        const message = out.Messages?.[0];
        counts.push(message?.Attributes?.ApproximateReceiveCount ?? 'none');
        // A heartbeat, then a release: neither is a receive.
        await aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 30 }));
        await aws.clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 0 }));
      }
      expect(counts).toEqual(['1', '2']);
      const third = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      expect(third.Messages ?? []).toEqual([]);
      const dead = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.deadLetter!.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      expect(dead.Messages?.map((message) => message.Body)).toEqual(['poison']);
    });

    it('creates tables with a NEW_AND_OLD_IMAGES stream that serves the change records', async () => {
      const table = await aws.createTable({
        prefix: 'stream',
        AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
      });
      expect(table.streamArn).toMatch(/stream/);
      await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table.name, Item: { Id: { S: 'x' }, N: { N: '1' } } }));
      await aws.clients.dynamodb.send(new PutItemCommand({ TableName: table.name, Item: { Id: { S: 'x' }, N: { N: '2' } } }));
      const streams = aws.clients.dynamodbStreams;
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: table.streamArn }));
      const shard = StreamDescription?.Shards?.[0]?.ShardId;
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: table.streamArn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
      expect(Records?.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY']);
      expect(Records?.[1]?.dynamodb?.OldImage?.N).toEqual({ N: '1' });
      expect(Records?.[1]?.dynamodb?.NewImage?.N).toEqual({ N: '2' });
    });
  });
}
