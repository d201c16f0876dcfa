import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { dynamoDbStreamEvent } from '@wordfreq/runtime-lambda';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { BackgroundLoop } from './background-loop.js';

export interface StreamToMilestoneOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly table: string;
  readonly handler: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
  readonly context: () => Context;
  readonly onError: (error: unknown) => void;
}

/**
 * What Lambda's event source mapping does for the milestone function, against DynamoDB Local: read
 * the counters table's stream from its start, shard by shard, hand each batch to the handler as a
 * DynamoDB stream event, and advance only past a batch the handler accepted (a reported failure is
 * tried again from the same place on the next poll).
 */
export function streamToMilestone(options: StreamToMilestoneOptions): BackgroundLoop {
  const iterators = new Map<string, string>();
  const known = new Set<string>();
  let streamArn: string | undefined;

  async function refreshShards(): Promise<void> {
    if (streamArn === undefined) {
      const { Table } = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.table }));
      streamArn = Table?.LatestStreamArn;
      if (streamArn === undefined) throw new Error(`table ${options.table} has no stream; the milestone mail needs NEW_AND_OLD_IMAGES`);
    }
    const { StreamDescription } = await options.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (shard.ShardId === undefined || known.has(shard.ShardId)) continue;
      known.add(shard.ShardId);
      const { ShardIterator } = await options.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      if (ShardIterator) iterators.set(shard.ShardId, ShardIterator);
    }
  }

  /** One pass over every open shard; returns how many records were handed over. */
  async function pollOnce(): Promise<number> {
    await refreshShards();
    let handed = 0;
    for (const [shard, iterator] of iterators) {
      const page = await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const records = page.Records ?? [];
      if (records.length > 0) {
        const result = await options.handler(dynamoDbStreamEvent(records, streamArn!), options.context());
        if (result.batchItemFailures.length > 0) continue; // same iterator next time
        handed += records.length;
      }
      if (page.NextShardIterator) iterators.set(shard, page.NextShardIterator);
      else iterators.delete(shard); // closed shard, read to its end; its child appears in DescribeStream
    }
    return handed;
  }

  return new BackgroundLoop(pollOnce, options.onError);
}
