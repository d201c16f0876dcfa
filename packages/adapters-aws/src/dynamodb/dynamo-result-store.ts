import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateScan, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { JobResult, ResultStore } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { callAws } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { dynamoTableError } from './dynamo-errors.js';
import { fromResultItem, toResultItem } from './dynamo-result-item.js';
import { resultsTableKey } from './dynamo-table-layout.js';
import { documentClient } from './document-client.js';

export interface DynamoResultStoreOptions {
  /** Default `wordfreq`, as the original sample's table. */
  readonly table: string;
}

/**
 * `ResultStore` on the DynamoDB results table. `save` is one PutItem keyed by `Filename`, so saving a
 * redelivered job's result again replaces the row (idempotent). Reads are strongly consistent, so a
 * result is visible to `get` as soon as `save` returned.
 */
@injectable()
export class DynamoResultStore implements ResultStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(
    @inject(AwsTokens.DynamoDbClient) dynamodb: DynamoDBClient,
    @inject(AwsTokens.ResultTableOptions) options: DynamoResultStoreOptions,
  ) {
    this.#documents = documentClient(dynamodb);
    this.#table = options.table;
  }

  async save(result: JobResult): Promise<void> {
    if (typeof result.filename !== 'string' || result.filename.length === 0) {
      throw badInput(`result ${result.resultId ?? '(no resultId)'} has no filename; it is the table's key`);
    }
    await callAws(
      `PutItem ${result.filename} in table ${this.#table}`,
      () => this.#documents.send(new PutCommand({ TableName: this.#table, Item: toResultItem(result) })),
      (error) => dynamoTableError(error, this.#table),
    );
  }

  async get(filename: string): Promise<JobResult | undefined> {
    if (typeof filename !== 'string' || filename.length === 0) throw badInput('result filename must be a non-empty string (bucket/key)');
    const out = await callAws(
      `GetItem ${filename} from table ${this.#table}`,
      () => this.#documents.send(new GetCommand({ TableName: this.#table, Key: { [resultsTableKey]: filename }, ConsistentRead: true })),
      (error) => dynamoTableError(error, this.#table),
    );
    return out.Item === undefined ? undefined : fromResultItem(out.Item, this.#table);
  }

  async *list(): AsyncIterable<JobResult> {
    const pages = paginateScan({ client: this.#documents }, { TableName: this.#table, ConsistentRead: true })[Symbol.asyncIterator]();
    for (;;) {
      const page = await callAws(`Scan table ${this.#table}`, () => pages.next(), (error) => dynamoTableError(error, this.#table));
      if (page.done) return;
      for (const item of page.value.Items ?? []) yield fromResultItem(item, this.#table);
    }
  }
}
