import { PutItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A table's items as DynamoDB's low-level API carries them (`{S}`, `{N}`, `{M}`...), written and read
 * without any marshalling of ours: for tests of rows another program writes or reads (the Go sample's
 * worker during a migration), so that nothing of our own layout code stands between.
 */
export type RawItem = Record<string, AttributeValue>;

/** One unconditional PutItem of `item` exactly as given, as the Go sample's worker writes its rows. */
export async function putRawItem(dynamodb: DynamoDBClient, table: string, item: RawItem): Promise<void> {
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
}

/** Every item of `table`, strongly consistent, as stored. */
export async function scanRawItems(dynamodb: DynamoDBClient, table: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
