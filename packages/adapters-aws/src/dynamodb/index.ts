export { dynamodbAdapters } from './dynamodb-adapters.module.js';
export { createDynamoDbClient } from './dynamodb-client.js';
export { DynamoResultStore, type DynamoResultStoreOptions } from './dynamo-result-store.js';
export { DynamoCounterStore, type DynamoCounterStoreOptions } from './dynamo-counter-store.js';
export { DynamoClaimStore, type DynamoClaimStoreOptions } from './dynamo-claim-store.js';
export { decodeCounterStreamRecord, type CounterStreamRecord, type SiteTotalChange } from './counter-stream-record.js';
export {
  claimsTableKey,
  claimsTableShape,
  countersTableKey,
  countersTableShape,
  pageCounter,
  resultsTableKey,
  resultsTableShape,
  siteTotalCounter,
  visitsAttribute,
} from './dynamo-table-layout.js';
