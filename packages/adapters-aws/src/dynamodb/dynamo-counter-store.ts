import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InternalError, type CounterStore, type VisitCounts, type VisitIncrement } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { callAws } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { documentClient } from './document-client.js';
import { dynamoTableError } from './dynamo-errors.js';
import { countersTableKey, pageCounter, siteTotalCounter, visitsAttribute } from './dynamo-table-layout.js';

export interface DynamoCounterStoreOptions {
  readonly table: string;
}

const encoder = new TextEncoder();
// DynamoDB's partition-key limit is 2048 bytes; leave room for the `page#` prefix.
const maxPageBytes = 2000;

/**
 * `CounterStore` on DynamoDB: one item per page and one for the site total, each incremented with an
 * atomic `ADD` (so concurrent visits never lose a count) and `ReturnValues: UPDATED_NEW`.
 *
 * How page and total stay consistent: the two items are two UpdateItem calls, page first, then total.
 * DynamoDB has no "update two items and return both new values" call (TransactWriteItems returns no
 * values), and the milestone rule needs the total's exact before/after from the same atomic step:
 * `totalAfter` is the returned value and `totalBefore = totalAfter - by`, exact under any concurrency
 * because ADD is atomic. If the total's update fails after the page's succeeded, the call fails
 * (TransientError) and the page is ahead by `by`; a retry counts the page again. So the total never
 * counts a visit that failed, and the sum of the pages is >= the total, by at most the failed calls.
 */
@injectable()
export class DynamoCounterStore implements CounterStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(
    @inject(AwsTokens.DynamoDbClient) dynamodb: DynamoDBClient,
    @inject(AwsTokens.CounterTableOptions) options: DynamoCounterStoreOptions,
  ) {
    this.#documents = documentClient(dynamodb);
    this.#table = options.table;
  }

  async increment(page: string, by = 1): Promise<VisitIncrement> {
    validatePage(page);
    if (!Number.isSafeInteger(by) || by < 1) throw badInput(`visit increment for page "${page}" must be a positive integer, got ${by}`);
    const pageVisits = await this.#add(pageCounter(page), by);
    const totalAfter = await this.#add(siteTotalCounter, by);
    return { page, pageVisits, totalBefore: totalAfter - by, totalAfter };
  }

  /** A page never visited reads as zero visits. Strongly consistent reads of both items. */
  async read(page: string): Promise<VisitCounts> {
    validatePage(page);
    const [pageVisits, totalVisits] = await Promise.all([this.#get(pageCounter(page)), this.#get(siteTotalCounter)]);
    return { page, pageVisits, totalVisits };
  }

  async #add(counter: string, by: number): Promise<number> {
    const out = await callAws(
      `UpdateItem ADD ${counter} in table ${this.#table}`,
      () =>
        this.#documents.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { [countersTableKey]: counter },
            UpdateExpression: 'ADD #visits :by',
            ExpressionAttributeNames: { '#visits': visitsAttribute },
            ExpressionAttributeValues: { ':by': by },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      (error) => dynamoTableError(error, this.#table),
    );
    const value = out.Attributes?.[visitsAttribute];
    if (typeof value !== 'number') {
      throw new InternalError(`UpdateItem on ${counter} in table ${this.#table} returned ${JSON.stringify(value)} for ${visitsAttribute}, not a number`);
    }
    return value;
  }

  async #get(counter: string): Promise<number> {
    const out = await callAws(
      `GetItem ${counter} from table ${this.#table}`,
      () => this.#documents.send(new GetCommand({ TableName: this.#table, Key: { [countersTableKey]: counter }, ConsistentRead: true })),
      (error) => dynamoTableError(error, this.#table),
    );
    const value = out.Item?.[visitsAttribute];
    return typeof value === 'number' ? value : 0;
  }
}

function validatePage(page: string): void {
  if (typeof page !== 'string' || page.length === 0) throw badInput('page name must be a non-empty string');
  const bytes = encoder.encode(page).length;
  if (bytes > maxPageBytes) throw badInput(`page name is ${bytes} bytes of UTF-8; at most ${maxPageBytes} fit in a DynamoDB key`);
}
