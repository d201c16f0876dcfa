import { describeClaimStoreContract, describeCounterStoreContract, describeMailerContract, describeMilestoneDeliveryProperty, describeResultPublisherContract, describeResultStoreContract } from '@wordfreq/testing';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { DynamoClaimStore } from './dynamodb/dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamodb/dynamo-counter-store.js';
import { DynamoResultStore } from './dynamodb/dynamo-result-store.js';
import { claimsTableShape, countersTableShape, resultsTableShape } from './dynamodb/dynamo-table-layout.js';
import { SesMailer } from './ses/ses-mailer.js';
import { SqsJobQueue } from './sqs/sqs-job-queue.js';
import { SqsResultPublisher } from './sqs/sqs-result-publisher.js';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb', 'sqs', 'ses'] });
});

afterAll(async () => {
  await aws?.stop();
});

const nothing = async () => {};

describeCounterStoreContract('DynamoCounterStore on DynamoDB Local', async () => {
  const { name } = await aws.createTable({ prefix: 'visits', ...countersTableShape });
  return { counters: new DynamoCounterStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
});

describeClaimStoreContract('DynamoClaimStore on DynamoDB Local', async () => {
  const { name } = await aws.createTable({ prefix: 'milestones', ...claimsTableShape });
  return { claims: new DynamoClaimStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
});

// The conditional writes (claim, renew, markSent) and the consistent scan decide it here, over real
// concurrent requests; fewer runs, as every run creates two tables.
describeMilestoneDeliveryProperty(
  'DynamoClaimStore and DynamoCounterStore on DynamoDB Local',
  async () => {
    const [claims, counters] = await Promise.all([
      aws.createTable({ prefix: 'milestones', ...claimsTableShape }),
      aws.createTable({ prefix: 'visits', ...countersTableShape }),
    ]);
    return {
      claims: new DynamoClaimStore(aws.clients.dynamodb, { table: claims.name }),
      counters: new DynamoCounterStore(aws.clients.dynamodb, { table: counters.name }),
      dispose: nothing,
    };
  },
  { numRuns: 25, testTimeoutMs: 240_000 },
);

describeResultStoreContract('DynamoResultStore on DynamoDB Local', async () => {
  const { name } = await aws.createTable({ prefix: 'wordfreq', ...resultsTableShape });
  return { results: new DynamoResultStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
});

describeResultPublisherContract('SqsResultPublisher on local-aws-sqs', async () => {
  const created = await aws.createQueue({ prefix: 'results', maxReceiveCount: null });
  return {
    publisher: new SqsResultPublisher(aws.clients.sqs, { queue: created.url }),
    resultsQueue: new SqsJobQueue(aws.clients.sqs, { queue: created.url }),
    dispose: nothing,
  };
});

describeMailerContract('SesMailer on aws-ses-v2-local', async () => {
  // The emulator keeps every message of this process: the fixture sees those sent after it was made.
  const before = (await aws.readSentMail()).length;
  return {
    mailer: new SesMailer(aws.clients.ses),
    sender: 'MyTravel <milestones@mytravel.example.com>',
    async readSentMail() {
      return (await aws.readSentMail()).slice(before).map((mail) => ({
        from: mail.from,
        to: mail.destination.to,
        subject: mail.subject,
        text: mail.body.text ?? '',
        ...(mail.body.html === undefined ? {} : { html: mail.body.html }),
      }));
    },
    dispose: nothing,
  };
});
