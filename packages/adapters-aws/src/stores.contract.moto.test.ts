import { describeClaimStoreContract, describeCounterStoreContract, describeMailerContract, describeResultPublisherContract, describeResultStoreContract } from '@wordfreq/testing';
import { startMotoAws, type MotoAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll } from 'vitest';
import { DynamoClaimStore } from './dynamodb/dynamo-claim-store.js';
import { DynamoCounterStore } from './dynamodb/dynamo-counter-store.js';
import { DynamoResultStore } from './dynamodb/dynamo-result-store.js';
import { claimsTableShape, countersTableShape, resultsTableShape } from './dynamodb/dynamo-table-layout.js';
import { SesMailer } from './ses/ses-mailer.js';
import { SqsJobQueue } from './sqs/sqs-job-queue.js';
import { SqsResultPublisher } from './sqs/sqs-result-publisher.js';

let aws: MotoAws;

beforeAll(async () => {
  aws = await startMotoAws();
  await aws.verifyEmailIdentity('mytravel.example.com');
});

afterAll(async () => {
  await aws?.stop();
});

const nothing = async () => {};

// moto's DynamoDB lets concurrent UpdateItem ADDs race (two of 200 concurrent increments returned
// the same total), where DynamoDB's are atomic: that test runs on DynamoDB Local only. Its
// conditional puts held (one winner in 20 rounds of 25 concurrent claims), so the claim test runs.
const motoDynamoDb = { notAtomicUnderConcurrency: true } as const;

describeCounterStoreContract(
  'DynamoCounterStore on moto',
  async () => {
    const { name } = await aws.createTable({ prefix: 'visits', ...countersTableShape });
    return { counters: new DynamoCounterStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
  },
  motoDynamoDb,
);

describeClaimStoreContract('DynamoClaimStore on moto', async () => {
  const { name } = await aws.createTable({ prefix: 'milestones', ...claimsTableShape });
  return { claims: new DynamoClaimStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
});

describeResultStoreContract('DynamoResultStore on moto', async () => {
  const { name } = await aws.createTable({ prefix: 'wordfreq', ...resultsTableShape });
  return { results: new DynamoResultStore(aws.clients.dynamodb, { table: name }), dispose: nothing };
});

describeResultPublisherContract('SqsResultPublisher on moto', async () => {
  const created = await aws.createQueue({ prefix: 'results', maxReceiveCount: null });
  return {
    publisher: new SqsResultPublisher(aws.clients.sqs, { queue: created.url }),
    resultsQueue: new SqsJobQueue(aws.clients.sqs, { queue: created.url }),
    dispose: nothing,
  };
});

describeMailerContract('SesMailer on moto', async () => {
  const before = (await aws.readMotoMail()).length;
  return {
    mailer: new SesMailer(aws.clients.ses),
    sender: 'MyTravel <milestones@mytravel.example.com>',
    // moto keeps one body per message: the HTML one when there is one (see the contract's option).
    keepsOneBody: true,
    async readSentMail() {
      return (await aws.readMotoMail()).slice(before).map((mail) => ({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.body }));
    },
    dispose: nothing,
  };
});
