import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, InternalError, type ClaimStore, type MilestoneClaim } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { awsErrorName, callAws, translateAwsError } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { documentClient } from './document-client.js';
import { dynamoTableError } from './dynamo-errors.js';
import { claimsTableKey } from './dynamo-table-layout.js';

export interface DynamoClaimStoreOptions {
  readonly table: string;
}

const conditionFailed = 'ConditionalCheckFailedException';

/**
 * `ClaimStore` on DynamoDB conditional writes: `claim` is a PutItem with
 * `attribute_not_exists(Threshold)` (DynamoDB serialises writes to one item, so exactly one caller
 * wins), `markSent` an UpdateItem on the condition `Claimant = :me`, keeping the first `SentAt`,
 * `renew` an UpdateItem on "unsent, same claimant, same ClaimedAt" (one resumer wins), `listUnsent` a
 * consistent Scan filtered on `attribute_not_exists(SentAt)`: the table holds one item per threshold
 * ever crossed (a handful), so a scan reads a page or two and needs no index.
 */
@injectable()
export class DynamoClaimStore implements ClaimStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(
    @inject(AwsTokens.DynamoDbClient) dynamodb: DynamoDBClient,
    @inject(AwsTokens.ClaimTableOptions) options: DynamoClaimStoreOptions,
  ) {
    this.#documents = documentClient(dynamodb);
    this.#table = options.table;
  }

  async claim(threshold: number, claimant: string, at: Date): Promise<boolean> {
    validate(threshold, claimant, at);
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#table,
          Item: { [claimsTableKey]: threshold, Claimant: claimant, ClaimedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(#threshold)',
          ExpressionAttributeNames: { '#threshold': claimsTableKey },
        }),
      );
      return true;
    } catch (error) {
      if (awsErrorName(error) === conditionFailed) return false;
      throw dynamoTableError(error, this.#table) ?? translateAwsError(error, `PutItem claim ${threshold} in table ${this.#table}`);
    }
  }

  async get(threshold: number): Promise<MilestoneClaim | undefined> {
    validateThreshold(threshold);
    const out = await callAws(
      `GetItem claim ${threshold} from table ${this.#table}`,
      () => this.#documents.send(new GetCommand({ TableName: this.#table, Key: { [claimsTableKey]: threshold }, ConsistentRead: true })),
      (error) => dynamoTableError(error, this.#table),
    );
    return out.Item === undefined ? undefined : this.#claimOf(threshold, out.Item);
  }

  async listUnsent(): Promise<MilestoneClaim[]> {
    const unsent: MilestoneClaim[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await callAws(
        `Scan unsent claims in table ${this.#table}`,
        () =>
          this.#documents.send(
            new ScanCommand({
              TableName: this.#table,
              FilterExpression: 'attribute_not_exists(#sentAt)',
              ExpressionAttributeNames: { '#sentAt': 'SentAt' },
              ConsistentRead: true,
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          ),
        (error) => dynamoTableError(error, this.#table),
      );
      for (const item of out.Items ?? []) unsent.push(this.#claimOf(Number(item[claimsTableKey]), item));
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return unsent.sort((a, b) => a.threshold - b.threshold);
  }

  async renew(threshold: number, claimant: string, seenClaimedAt: string, at: Date): Promise<boolean> {
    validate(threshold, claimant, at);
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { [claimsTableKey]: threshold },
          UpdateExpression: 'SET #claimedAt = :at',
          ConditionExpression: 'attribute_not_exists(#sentAt) AND #claimant = :me AND #claimedAt = :seen',
          ExpressionAttributeNames: { '#sentAt': 'SentAt', '#claimant': 'Claimant', '#claimedAt': 'ClaimedAt' },
          ExpressionAttributeValues: { ':at': at.toISOString(), ':me': claimant, ':seen': seenClaimedAt },
        }),
      );
      return true;
    } catch (error) {
      if (awsErrorName(error) === conditionFailed) return false;
      throw dynamoTableError(error, this.#table) ?? translateAwsError(error, `UpdateItem renew claim ${threshold} in table ${this.#table}`);
    }
  }

  #claimOf(threshold: number, item: Record<string, unknown>): MilestoneClaim {
    if (typeof item.Claimant !== 'string' || typeof item.ClaimedAt !== 'string') {
      throw new InternalError(`claims table "${this.#table}" item ${threshold} lacks Claimant or ClaimedAt; was it written by another program?`);
    }
    return {
      threshold,
      claimant: item.Claimant,
      claimedAt: item.ClaimedAt,
      ...(typeof item.SentAt === 'string' ? { sentAt: item.SentAt } : {}),
    };
  }

  /** Only the claimant may record the send; a repeat by the claimant keeps the first `sentAt`. */
  async markSent(threshold: number, claimant: string, at: Date): Promise<void> {
    validate(threshold, claimant, at);
    await callAws(
      `UpdateItem claim ${threshold} in table ${this.#table}`,
      () =>
        this.#documents.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { [claimsTableKey]: threshold },
            UpdateExpression: 'SET #sentAt = if_not_exists(#sentAt, :at)',
            ConditionExpression: '#claimant = :me',
            ExpressionAttributeNames: { '#sentAt': 'SentAt', '#claimant': 'Claimant' },
            ExpressionAttributeValues: { ':at': at.toISOString(), ':me': claimant },
            // Tells "claimed by someone else" from "never claimed" without another read.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      (error) => {
        if (awsErrorName(error) !== conditionFailed) return dynamoTableError(error, this.#table);
        const holder = (error as { Item?: Record<string, { S?: string }> }).Item?.Claimant?.S;
        return new ConflictError(
          holder === undefined
            ? `milestone ${threshold} has not been claimed; claim it before recording the email as sent`
            : `milestone ${threshold} was claimed by ${holder}, not ${claimant}; only the claimant sends its email`,
          { cause: error },
        );
      },
    );
  }
}

function validateThreshold(threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw badInput(`milestone threshold must be a positive integer, got ${threshold}`);
}

function validate(threshold: number, claimant: string, at: Date): void {
  validateThreshold(threshold);
  if (typeof claimant !== 'string' || claimant.length === 0) throw badInput('claimant must be a non-empty string');
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badInput(`claim time must be a valid Date, got ${String(at)}`);
}
