import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateScan, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { JobResult, ResultStore, SaveOutcome } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { awsErrorName, callAws } from '../shared/aws-error-translator.js';
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

const conditionFailed = 'ConditionalCheckFailedException';

/**
 * `ResultStore` on the DynamoDB results table. `save` is one conditional PutItem keyed by `Filename`:
 * it replaces the row unless the row's `ObjectModifiedAt` is later than the result's (ISO-8601 strings
 * of one format, so they compare as strings), so a slow job on an old object version never overwrites
 * a newer result, and saving a redelivered job's result again replaces the row (idempotent). A row
 * or result without the attribute never blocks a write. `markPublished` and `markUnpublished` set the
 * outbox flag `Published` only while the row still holds that `ResultId`. Reads are strongly consistent, so a
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

  async save(result: JobResult): Promise<SaveOutcome> {
    if (typeof result.filename !== 'string' || result.filename.length === 0) {
      throw badInput(`result ${result.resultId ?? '(no resultId)'} has no filename; it is the table's key`);
    }
    const item = toResultItem(result);
    const versioned = item.ObjectModifiedAt !== undefined;
    try {
      await callAws(
        `PutItem ${result.filename} in table ${this.#table}`,
        () =>
          this.#documents.send(
            new PutCommand({
              TableName: this.#table,
              Item: item,
              ...(versioned
                ? {
                    ConditionExpression: 'attribute_not_exists(#version) OR #version <= :version',
                    ExpressionAttributeNames: { '#version': 'ObjectModifiedAt' },
                    ExpressionAttributeValues: { ':version': item.ObjectModifiedAt },
                  }
                : {}),
            }),
          ),
        (error) => (awsErrorName(error) === conditionFailed ? undefined : dynamoTableError(error, this.#table)),
      );
    } catch (error) {
      if (awsErrorName((error as { cause?: unknown }).cause) === conditionFailed || awsErrorName(error) === conditionFailed) return 'superseded';
      throw error;
    }
    return 'saved';
  }

  async markPublished(filename: string, resultId: string): Promise<void> {
    await this.#setPublished(filename, resultId, true);
  }

  async markUnpublished(filename: string, resultId: string): Promise<void> {
    await this.#setPublished(filename, resultId, false);
  }

  /** One conditional UpdateItem of the outbox flag; a row holding another result is left alone. */
  async #setPublished(filename: string, resultId: string, published: boolean): Promise<void> {
    try {
      await callAws(
        `UpdateItem ${filename} in table ${this.#table}`,
        () =>
          this.#documents.send(
            new UpdateCommand({
              TableName: this.#table,
              Key: { [resultsTableKey]: filename },
              UpdateExpression: 'SET Published = :published',
              ConditionExpression: 'ResultId = :id',
              ExpressionAttributeValues: { ':published': published, ':id': resultId },
            }),
          ),
        (error) => (awsErrorName(error) === conditionFailed ? undefined : dynamoTableError(error, this.#table)),
      );
    } catch (error) {
      // Another result replaced the row since: its own job keeps its flag.
      if (awsErrorName((error as { cause?: unknown }).cause) === conditionFailed || awsErrorName(error) === conditionFailed) return;
      throw error;
    }
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
