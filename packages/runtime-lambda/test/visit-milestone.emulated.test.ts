import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { claimsTableShape, countersTableShape } from '@wordfreq/adapters-aws';
import { notifyMilestoneFrom, resumeUnsentMilestonesFrom, Tokens } from '@wordfreq/core/di';
import { ManualClock, TransientError, type ClaimStore, type Mailer } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestoneConfigFromEnv } from '../src/config/lambda-config.js';
import { createLambdaContainer } from '../src/lambda-container.js';
import { createMilestoneHandler } from '../src/milestone/milestone.handler.js';
import { milestoneHandlerFromEnv } from '../src/milestone/milestone.from-env.js';
import { visitHandlerFromEnv } from '../src/visit/visit.from-env.js';
import { patientDynamoDbClient, startedClients } from './emulator-clients.js';
import { dynamoDbStreamEvent, httpApiEvent, lambdaContext } from './events.js';
import { readWholeStream } from './stream-records.js';
import { wrapPort } from './wrap-port.js';

let aws: EmulatedAws;
let dynamodb: DynamoDBClient;
beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['dynamodb', 'ses'] });
  dynamodb = patientDynamoDbClient(aws);
}, 120_000);
afterAll(async () => {
  dynamodb?.destroy();
  await aws?.stop();
});

/** A fresh counters table (with its stream) and claims table, and the functions' environment for them. */
async function site(threshold: number) {
  const counters = await aws.createTable({ ...countersTableShape, prefix: 'visits' });
  const claims = await aws.createTable({ ...claimsTableShape, prefix: 'milestones' });
  const to = `owner+${counters.name}@mytravel.example`;
  const env = {
    ...aws.env(),
    AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-test',
    WORDFREQ_COUNTERS_TABLE: counters.name,
    WORDFREQ_CLAIMS_TABLE: claims.name,
    WORDFREQ_MILESTONES: String(threshold),
    WORDFREQ_MAIL_FROM: 'noreply@mytravel.example',
    WORDFREQ_MAIL_TO: to,
  };
  const lines: string[] = [];
  const options = { clients: { ...startedClients(aws), dynamodb }, writeLine: (line: string) => lines.push(line) };
  const streamEvents = async (batchSize: number) => {
    const records = await readWholeStream(aws.clients.dynamodbStreams, counters.streamArn!);
    const batches = [];
    for (let i = 0; i < records.length; i += batchSize) batches.push(dynamoDbStreamEvent(records.slice(i, i + batchSize), counters.streamArn!));
    return { records, batches };
  };
  const mailsTo = async () => (await aws.readSentMail()).filter((m) => m.destination.to.includes(to));
  return { env, options, lines, streamEvents, mailsTo };
}

describe('visit + milestone handlers on DynamoDB Local, its stream and the SES emulator', () => {
  it('300 concurrent visits across the threshold: exact totals, and one mail however often the stream is delivered', async () => {
    const threshold = 250;
    const { env, options, lines, streamEvents, mailsTo } = await site(threshold);
    const visit = visitHandlerFromEnv(env, options);
    const pages = Array.from({ length: 300 }, (_, i) => `/forum/city-${i % 7}`);

    const responses = await Promise.all(pages.map((page) => visit(httpApiEvent('POST', `/visits/${encodeURIComponent(page)}`), lambdaContext())));
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => r.body).slice(0, 3)).toEqual([]);
    const bodies = responses.map((r) => JSON.parse(r.body ?? '') as { page: string; pageVisits: number; totalVisits: number });
    // Atomic increments: every visit saw a different total, 1..300 with none lost or repeated.
    expect(bodies.map((b) => b.totalVisits).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (let city = 0; city < 7; city += 1) {
      const page = `/forum/city-${city}`;
      const expected = pages.filter((p) => p === page).length;
      const read = await visit(httpApiEvent('GET', `/visits/${encodeURIComponent(page)}`), lambdaContext());
      expect(JSON.parse(read.body ?? '')).toEqual({ page, pageVisits: expected, totalVisits: 300 });
    }

    const milestone = milestoneHandlerFromEnv(env, options);
    const { records, batches } = await streamEvents(100);
    expect(records).toHaveLength(600); // one change of the page item and one of the total per visit
    for (const batch of batches) expect(await milestone(batch, lambdaContext())).toEqual({ batchItemFailures: [] });
    // Lambda redelivers a batch after a timeout or crash: the whole stream again, then twice at once.
    for (const batch of batches) expect(await milestone(batch, lambdaContext())).toEqual({ batchItemFailures: [] });
    const concurrent = await Promise.all(batches.flatMap((batch) => [milestone(batch, lambdaContext()), milestone(batch, lambdaContext())]));
    expect(concurrent.every((r) => r.batchItemFailures.length === 0)).toBe(true);

    const mails = await mailsTo();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Congratulations: MyTravel has passed 250 visits');
    expect(mails[0]!.body.text).toContain('the total reached 250 at');

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.some((l) => l.message === 'milestone handled' && l.outcome === 'sent' && typeof l.requestId === 'string')).toBe(true);
    expect(logged.filter((l) => l.MilestoneMailsSent === 1)).toHaveLength(1); // the EMF data point
  }, 120_000);

  it('reports the failing record by sequence number and sends once when Lambda redelivers from it', async () => {
    const { env, options, streamEvents, mailsTo } = await site(3);
    const visit = visitHandlerFromEnv(env, options);
    for (let i = 0; i < 5; i += 1) await visit(httpApiEvent('POST', '/visits/home'), lambdaContext());

    const config = milestoneConfigFromEnv(env);
    const container = createLambdaContainer(config, { ...options, service: 'milestone' });
    const mailer = container.get<Mailer>(Tokens.Mailer);
    let sesDown = true;
    const flaky = wrapPort(mailer, {
      send: async (message) => {
        if (sesDown) throw new TransientError('SES throttled the send');
        return mailer.send(message);
      },
    });
    const claims = container.get<ClaimStore>(Tokens.ClaimStore);
    container.rebind(Tokens.Mailer).toConstantValue(flaky);
    const milestone = createMilestoneHandler(
      {
        notifyMilestone: notifyMilestoneFrom(container),
        resumeUnsentMilestones: resumeUnsentMilestonesFrom(container),
        logger: container.get(Tokens.Logger),
        metrics: container.get(Tokens.Metrics),
      },
      // resumeAfterMs 0: the failed send left a claim without SentAt; the claimant's retry may resume it at once.
      { thresholds: config.thresholds, mail: { ...config.mail, resumeAfterMs: 0 } },
    );

    const { batches } = await streamEvents(100);
    const [batch] = batches;
    const crossingRecord = batch!.Records.find((r) => r.dynamodb?.Keys?.Counter?.S === 'site#total' && r.dynamodb.NewImage?.Visits?.N === '3');
    const first = await milestone(batch!, lambdaContext());
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: crossingRecord!.dynamodb!.SequenceNumber }] });
    expect(await mailsTo()).toHaveLength(0);

    // What Lambda does next: a batch starting at the reported record.
    sesDown = false;
    const from = batch!.Records.indexOf(crossingRecord!);
    expect(await milestone({ Records: batch!.Records.slice(from) }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await milestone({ Records: batch!.Records.slice(from) }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await mailsTo()).toHaveLength(1);
    expect((await claims.get(3))?.sentAt).toBeDefined();
  }, 60_000);

  it('mails a send that failed once the stream has given up on the record: the redelivery is not a failure, the scheduled sweep resends', async () => {
    const { env, options, streamEvents, mailsTo } = await site(3);
    const visit = visitHandlerFromEnv(env, options);
    for (let i = 0; i < 5; i += 1) await visit(httpApiEvent('POST', '/visits/home'), lambdaContext());

    const config = milestoneConfigFromEnv(env);
    const container = createLambdaContainer(config, { ...options, service: 'milestone' });
    const clock = new ManualClock();
    container.rebind(Tokens.Clock).toConstantValue(clock);
    const mailer = container.get<Mailer>(Tokens.Mailer);
    let sesDown = true;
    container.rebind(Tokens.Mailer).toConstantValue(
      wrapPort(mailer, {
        send: async (message) => {
          if (sesDown) throw new TransientError('SES throttled the send');
          return mailer.send(message);
        },
      }),
    );
    const milestone = createMilestoneHandler(
      {
        notifyMilestone: notifyMilestoneFrom(container),
        resumeUnsentMilestones: resumeUnsentMilestonesFrom(container),
        logger: container.get(Tokens.Logger),
        metrics: container.get(Tokens.Metrics),
      },
      { thresholds: config.thresholds, mail: config.mail },
    );

    const [batch] = (await streamEvents(100)).batches;
    const crossingRecord = batch!.Records.find((r) => r.dynamodb?.Keys?.Counter?.S === 'site#total' && r.dynamodb.NewImage?.Visits?.N === '3');
    expect(await milestone(batch!, lambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: crossingRecord!.dynamodb!.SequenceNumber }] });

    // The one retry (MaximumRetryAttempts: 1) comes well within the resume delay: it must succeed, not
    // throw again, or the record would be discarded with its mail.
    sesDown = false;
    const from = batch!.Records.indexOf(crossingRecord!);
    expect(await milestone({ Records: batch!.Records.slice(from) }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await mailsTo()).toHaveLength(0);

    clock.advance(config.mail.resumeAfterMs ?? 60_000);
    const scheduled = { source: 'aws.events', 'detail-type': 'Scheduled Event' };
    expect(await milestone(scheduled, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await milestone(scheduled, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await mailsTo()).toHaveLength(1);
    expect((await container.get<ClaimStore>(Tokens.ClaimStore).get(3))?.sentAt).toBeDefined();
  }, 60_000);
});
