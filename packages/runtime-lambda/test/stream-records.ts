import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * Every record of a table's stream so far, read like Lambda's poller does: each shard from
 * TRIM_HORIZON, GetRecords until a call returns nothing more. Shards are read parent before child,
 * which for DynamoDB Local's single shard is simply that shard.
 */
export async function readWholeStream(client: DynamoDBStreamsClient, streamArn: string): Promise<StreamsRecord[]> {
  const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: StreamsRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      records.push(...(page.Records ?? []));
      // An open shard always returns a next iterator; an empty page means we have caught up.
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}
