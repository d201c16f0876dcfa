import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoClaimStore, DynamoCounterStore, DynamoResultStore, S3ObjectStore, SesMailer, SqsJobQueue, SqsResultPublisher } from '@wordfreq/adapters-aws';
import { EmfMetrics } from '@wordfreq/observability';
import type { ClaimStore, Metrics } from '@wordfreq/core';
import { Tokens } from '@wordfreq/core/di';
import { describe, expect, it } from 'vitest';
import { backupConfigFromEnv, jobsConfigFromEnv, milestoneConfigFromEnv, visitConfigFromEnv } from './config/lambda-config.js';
import { backupAdapters, jobsAdapters, milestoneAdapters, visitAdapters } from './lambda-adapters.js';
import { createLambdaContainer } from './lambda-container.js';
import { createLambdaRoot } from './lambda-root.js';

const env = {
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'wordfreq-test',
  WORDFREQ_JOB_QUEUE: 'jobs',
  WORDFREQ_DEAD_LETTER_QUEUE: 'jobs-dlq',
  WORDFREQ_RESULTS_TABLE: 'results',
  WORDFREQ_RESULTS_QUEUE: 'results',
  WORDFREQ_BACKUP_BUCKET: 'backup',
  WORDFREQ_COUNTERS_TABLE: 'visits',
  WORDFREQ_CLAIMS_TABLE: 'claims',
  WORDFREQ_MILESTONES: '10',
  WORDFREQ_MAIL_FROM: 'noreply@example.com',
  WORDFREQ_MAIL_TO: 'team@example.com',
};

const adapterPorts = ['ObjectStore', 'JobQueue', 'ResultStore', 'ResultPublisher', 'CounterStore', 'ClaimStore', 'Mailer'] as const;

/** The adapter ports bound, each with the class of its adapter. */
function boundAdapters(root: { isBound(token: symbol): boolean; get(token: symbol): unknown }): Record<string, string> {
  return Object.fromEntries(adapterPorts.filter((port) => root.isBound(Tokens[port])).map((port) => [port, (root.get(Tokens[port]) as object).constructor.name]));
}

describe("each function's own adapters", () => {
  const writeLine = () => {};

  it('bind only the ports its handler reads, with the same adapters awsAdapters binds', () => {
    const all = boundAdapters(createLambdaContainer(jobsConfigFromEnv(env), { service: 'jobs', writeLine }));
    const cases = [
      ['jobs', jobsConfigFromEnv, jobsAdapters, { ObjectStore: S3ObjectStore, JobQueue: SqsJobQueue, ResultStore: DynamoResultStore, ResultPublisher: SqsResultPublisher }],
      ['backup', backupConfigFromEnv, backupAdapters, { ObjectStore: S3ObjectStore }],
      ['visit', visitConfigFromEnv, visitAdapters, { CounterStore: DynamoCounterStore }],
      ['milestone', milestoneConfigFromEnv, milestoneAdapters, { ClaimStore: DynamoClaimStore, Mailer: SesMailer }],
    ] as const;
    for (const [service, config, adapters, expected] of cases) {
      const container = createLambdaRoot(config(env), { service, writeLine }, adapters);
      const bound = boundAdapters(container);
      expect(bound, service).toEqual(Object.fromEntries(Object.entries(expected).map(([port, type]) => [port, type.name])));
      for (const [port, type] of Object.entries(bound)) expect(all[port], `${service} ${port}`).toBe(type);
      expect(container.get(Tokens.Metrics)).toBeInstanceOf(EmfMetrics);
    }
  });

  it('use the SDK clients given, and make only the missing ones for the region', async () => {
    const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
    const commands: string[] = [];
    // Answers every call at once, without the network: it shows which client the adapter calls through.
    dynamodb.middlewareStack.add(
      (_next, context) => async () => {
        commands.push(String(context.commandName));
        return { output: { $metadata: {} }, response: {} };
      },
      { step: 'initialize', name: 'answerLocally' },
    );
    const container = createLambdaRoot(milestoneConfigFromEnv(env), { service: 'milestone', writeLine, clients: { dynamodb } }, milestoneAdapters);
    expect(await container.get<ClaimStore>(Tokens.ClaimStore).claim(10, 'me', new Date(0))).toBe(true);
    expect(commands).toEqual(['PutItemCommand']);
    // SES was not given: its client is made for the configured region (a TS-private field, readable at run time).
    const mailer = container.get(Tokens.Mailer) as unknown as { ses: { config: { region(): Promise<string> } } };
    expect(await mailer.ses.config.region()).toBe('eu-west-1');
  });

  it("tag the metrics with the function's Service dimension", () => {
    const lines: string[] = [];
    const container = createLambdaRoot(backupConfigFromEnv(env), { service: 'backup', writeLine: (line) => lines.push(line) }, backupAdapters);
    container.get<Metrics>(Tokens.Metrics).record('BackupsCopied', 1, 'Count');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([expect.objectContaining({ Service: 'lambda-backup', BackupsCopied: 1 })]);
  });
});
