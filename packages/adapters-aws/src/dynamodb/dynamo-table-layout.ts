import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The tables' keys, in one place for the adapters, `ensureInfrastructure` and the tests.
 *
 * - results (`wordfreq`): partition key `Filename` (S) = `bucket/key`, as the original sample's table.
 * - counters: partition key `Counter` (S). One item per page (`page#<name>`) and one for the site
 *   total (`site#total`), each with a number attribute `Visits`. Its stream (NEW_AND_OLD_IMAGES)
 *   feeds the milestone handler: the total item's old and new `Visits` are the milestone rule's input.
 * - claims: partition key `Threshold` (N), one item per milestone claimed.
 */
export const resultsTableKey = 'Filename';
export const countersTableKey = 'Counter';
export const claimsTableKey = 'Threshold';
export const visitsAttribute = 'Visits';
export const siteTotalCounter = 'site#total';

export function pageCounter(page: string): string {
  return `page#${page}`;
}

type TableShape = Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'StreamSpecification' | 'BillingMode'>;

const onDemand = { BillingMode: 'PAY_PER_REQUEST' } as const;
const withStream = { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } as const;

export const resultsTableShape: TableShape = {
  ...onDemand,
  AttributeDefinitions: [{ AttributeName: resultsTableKey, AttributeType: 'S' }],
  KeySchema: [{ AttributeName: resultsTableKey, KeyType: 'HASH' }],
};

export const countersTableShape: TableShape = {
  ...onDemand,
  ...withStream,
  AttributeDefinitions: [{ AttributeName: countersTableKey, AttributeType: 'S' }],
  KeySchema: [{ AttributeName: countersTableKey, KeyType: 'HASH' }],
};

export const claimsTableShape: TableShape = {
  ...onDemand,
  AttributeDefinitions: [{ AttributeName: claimsTableKey, AttributeType: 'N' }],
  KeySchema: [{ AttributeName: claimsTableKey, KeyType: 'HASH' }],
};
