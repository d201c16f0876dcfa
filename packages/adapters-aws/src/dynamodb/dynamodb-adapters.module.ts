import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Tokens } from '@wordfreq/core/di';
import { ContainerModule } from 'inversify';
import { clientOptionsOf, type AwsAdaptersConfig } from '../shared/aws-config.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { DynamoClaimStore } from './dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamo-counter-store.js';
import { DynamoResultStore } from './dynamo-result-store.js';
import { createDynamoDbClient } from './dynamodb-client.js';

/**
 * Binds `Tokens.ResultStore`, `Tokens.CounterStore` and `Tokens.ClaimStore` (singletons, one table
 * each) over one DynamoDB client: `clients.dynamodb`, or one made for `config.region` with the SDK's
 * defaults.
 */
export function dynamodbAdapters(config: AwsAdaptersConfig, clients: { readonly dynamodb?: DynamoDBClient } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const { names } = config;
    bind(AwsTokens.DynamoDbClient).toConstantValue(clients.dynamodb ?? createDynamoDbClient(clientOptionsOf(config)));
    bind(AwsTokens.ResultTableOptions).toConstantValue({ table: names.resultsTable });
    bind(AwsTokens.CounterTableOptions).toConstantValue({ table: names.countersTable });
    bind(AwsTokens.ClaimTableOptions).toConstantValue({ table: names.claimsTable });
    bind(Tokens.ResultStore).to(DynamoResultStore).inSingletonScope();
    bind(Tokens.CounterStore).to(DynamoCounterStore).inSingletonScope();
    bind(Tokens.ClaimStore).to(DynamoClaimStore).inSingletonScope();
  });
}
