import { createEmulatorClients, type EmulatorEndpoints } from '@wordfreq/local-aws';

/** One SDK call the code under test made, with what it asked for and whether AWS said "not found". */
export interface RecordedCall {
  readonly service: 's3' | 'sqs' | 'dynamodb' | 'ses';
  /** The command's name, e.g. `HeadObjectCommand` (lib-dynamodb's `PutCommand` on the DynamoDB client). */
  readonly command: string;
  readonly input: Record<string, any>;
  readonly notFound: boolean;
}

/**
 * SDK clients for the emulators that record every command sent through them (a middleware at the
 * start of each client's stack), so a test can list the AWS API calls real code paths make.
 */
export function recordingClients(endpoints: EmulatorEndpoints) {
  const calls: RecordedCall[] = [];
  const clients = createEmulatorClients(endpoints);
  const services = ['s3', 'sqs', 'dynamodb', 'ses'] as const;
  for (const service of services) {
    const client = clients[service] as unknown as { middlewareStack: { add(mw: unknown, options: unknown): void } };
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
        const call = { service, command: context.commandName ?? '?', input: args.input };
        try {
          const out = await next(args);
          calls.push({ ...call, notFound: false });
          return out;
        } catch (error) {
          const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          calls.push({ ...call, notFound: status === 404 || (error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey' });
          throw error;
        }
      },
      { step: 'initialize', name: 'wordfreqRecordCalls', override: true },
    );
  }
  // Sends to these queues fail once each, as a throttled SQS would (after recording, before retries).
  const failOnce = new Set<string>();
  (clients.sqs as unknown as { middlewareStack: { add(mw: unknown, options: unknown): void } }).middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
      const queue = args.input.QueueUrl as string | undefined;
      if (queue !== undefined && failOnce.has(queue) && /^SendMessage(Batch)?Command$/.test(context.commandName ?? '')) {
        failOnce.delete(queue);
        throw Object.assign(new Error(`injected: SendMessage to ${queue} throttled`), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
      }
      return next(args);
    },
    { step: 'build', name: 'wordfreqFailSendOnce', override: true },
  );
  return {
    calls,
    clients: { s3: clients.s3, sqs: clients.sqs, dynamodb: clients.dynamodb, ses: clients.ses },
    /** The next send to `queueUrl` fails: the code's path for a failed publish runs too. */
    failNextSendTo: (queueUrl: string) => void failOnce.add(queueUrl),
    destroy: () => clients.destroy(),
  };
}
