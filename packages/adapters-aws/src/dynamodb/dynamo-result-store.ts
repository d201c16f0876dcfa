import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateScan, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError, type BatchFailure, type JobResult, type PublishedMark, type ResultStore, type SaveOutcome } from '@wordfreq/core';
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
const transactionCancelled = 'TransactionCanceledException';
const conditionFailedReason = 'ConditionalCheckFailed';
// DynamoDB's limit on the actions of one transaction.
const maxTransactItems = 100;

/**
 * `ResultStore` on the DynamoDB results table. `save` is one conditional PutItem keyed by `Filename`:
 * it replaces the row unless the row's `ObjectModifiedAt` is later than the result's (ISO-8601 strings
 * of one format, so they compare as strings), so a slow job on an old object version never overwrites
 * a newer result, and saving a redelivered job's result again replaces the row (idempotent). A row
 * or result without the attribute never blocks a write. `markPublished` sets the outbox flag
 * `Published` only while the row still holds that `ResultId`. Reads are strongly consistent, so a
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
    try {
      await callAws(
        `UpdateItem ${filename} in table ${this.#table}`,
        () =>
          this.#documents.send(
            new UpdateCommand({
              TableName: this.#table,
              Key: { [resultsTableKey]: filename },
              UpdateExpression: 'SET Published = :true',
              ConditionExpression: 'ResultId = :id',
              ExpressionAttributeValues: { ':true': true, ':id': resultId },
            }),
          ),
        (error) => (awsErrorName(error) === conditionFailed ? undefined : dynamoTableError(error, this.#table)),
      );
    } catch (error) {
      // Another result replaced the row since: its own send marks it.
      if (awsErrorName((error as { cause?: unknown }).cause) === conditionFailed || awsErrorName(error) === conditionFailed) return;
      throw error;
    }
  }

  /**
   * `markPublished` for many rows, 100 per TransactWriteItems (the same UpdateItem and condition
   * each). A transaction is all or nothing: when some rows no longer hold their result (their
   * condition failed, which `markPublished` also ignores), it is cancelled and the other rows are
   * marked in a second one. One row appears once per transaction (DynamoDB's rule), so a row named
   * twice goes into the next. A failed request throws, for the caller to retry the whole batch.
   */
  async markPublishedMany(entries: readonly PublishedMark[]): Promise<readonly BatchFailure<PublishedMark>[]> {
    let pending = [...entries];
    while (pending.length > 0) {
      const batch: PublishedMark[] = [];
      const later: PublishedMark[] = [];
      const names = new Set<string>();
      for (const entry of pending) {
        if (batch.length < maxTransactItems && !names.has(entry.filename)) {
          names.add(entry.filename);
          batch.push(entry);
        } else later.push(entry);
      }
      const reasons = await this.#markTransaction(batch);
      if (reasons !== undefined && !reasons.includes(conditionFailedReason)) {
        // A conflict with another write, not a row of ours: nothing to drop, so retrying here could spin.
        throw new TransientError(`TransactWriteItems on table ${this.#table} was cancelled (${reasons.join(', ')}); retry later`);
      }
      // Cancelled: retry the entries whose own condition held; a superseded row needs no flag.
      pending = [...(reasons === undefined ? [] : batch.filter((_, i) => reasons[i] !== conditionFailedReason)), ...later];
    }
    return [];
  }

  /** One transaction; undefined when it went through, else each item's cancellation code. */
  async #markTransaction(batch: readonly PublishedMark[]): Promise<readonly string[] | undefined> {
    try {
      await callAws(
        `TransactWriteItems (${batch.length} rows) in table ${this.#table}`,
        () =>
          this.#documents.send(
            new TransactWriteCommand({
              TransactItems: batch.map(({ filename, resultId }) => ({
                Update: {
                  TableName: this.#table,
                  Key: { [resultsTableKey]: filename },
                  UpdateExpression: 'SET Published = :true',
                  ConditionExpression: 'ResultId = :id',
                  ExpressionAttributeValues: { ':true': true, ':id': resultId },
                },
              })),
            }),
          ),
        (error) => (awsErrorName(error) === transactionCancelled ? undefined : dynamoTableError(error, this.#table)),
      );
      return undefined;
    } catch (error) {
      const cancelled = [error, (error as { cause?: unknown }).cause].find((e) => awsErrorName(e) === transactionCancelled) as
        | { CancellationReasons?: { Code?: string }[] }
        | undefined;
      if (cancelled === undefined) throw error;
      return batch.map((_, i) => cancelled.CancellationReasons?.[i]?.Code ?? 'None');
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
