import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { createRequestHandler } from 'local-aws-sqs';
import { closeServer, loopbackUrl } from './http-server.js';
import { messageIdOf, messagesOf, type EmulatedMessage, type EmulatedQueue } from './local-aws-sqs-internals.js';

export interface SqsEmulator {
  /** `http://127.0.0.1:<port>`; queue URLs are `<endpoint>/123456789012/<name>`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * local-aws-sqs, in process, on 127.0.0.1, behind a shim that corrects its quirks so the adapters can
 * be written against real SQS semantics (JSON protocol, which SDK v3 speaks; standard queues):
 * - `ApproximateNumberOfMessages` also counts in-flight messages: the shim subtracts the in-flight ones;
 * - a long poll waits out the whole wait time unless `MaxNumberOfMessages` arrived: the shim polls with
 *   a zero wait and answers as soon as one message is there, like SQS (and refuses a wait outside
 *   0 to 20 seconds, as SQS does, since the emulator no longer sees the value);
 * - `MessageSystemAttributeNames` (what current SDKs send) is ignored: the shim passes it on as
 *   `AttributeNames`, so `ApproximateReceiveCount` comes back;
 * - ChangeMessageVisibility counts as a receive (so a heartbeat or a release pushes a message toward
 *   the dead-letter queue) and accepts messages not in flight: the shim undoes the count and answers
 *   `MessageNotInflight` / a stale-handle `InvalidParameterValue` the way SQS does;
 * - DeleteMessage with a stale receipt handle (the message was received again since) deletes; on SQS
 *   it succeeds without deleting, and so it does here.
 */
export async function startSqsEmulator(): Promise<SqsEmulator> {
  const { service, requestHandler } = createRequestHandler({
    port: 0,
    hostname: '127.0.0.1',
    // Tests delete and re-create queues freely; AWS's 60 s wait would only slow them down.
    emulateQueueCreationLifecycle: false,
  });
  const queues = () => service.Queues as unknown as EmulatedQueue[];

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(JSON.stringify({ __type: 'InternalError', message: `sqs emulator shim: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = loopbackUrl(server);
  // Queue URLs are built from this; it must be the port clients really talk to.
  service.PORT = Number(new URL(endpoint).port);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = req.headers['x-amz-target'];
    const action = typeof target === 'string' && target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : undefined;
    const input = action === undefined ? undefined : parseJson(body);
    const queue = findQueue(input?.QueueUrl);
    if (input === undefined || queue === undefined || queue.FifoQueue) return forward(req, body, res);
    switch (action) {
      case 'ReceiveMessage':
        return receive(req, res, input, queue);
      case 'GetQueueAttributes':
        return attributes(req, res, body, queue);
      case 'ChangeMessageVisibility':
        return changeVisibility(req, res, body, input, queue);
      case 'ChangeMessageVisibilityBatch':
        return changeVisibilityBatch(req, res, body, input, queue);
      case 'DeleteMessage':
        return deleteMessage(req, res, body, input, queue);
      default:
        return forward(req, body, res);
    }
  }

  async function receive(req: IncomingMessage, res: ServerResponse, input: Json, queue: EmulatedQueue): Promise<void> {
    const waitSeconds = Number(input.WaitTimeSeconds ?? queue.ReceiveMessageWaitTimeSeconds ?? 0);
    // The wait is replaced by the shim's own below, so the emulator never sees the value to check it.
    if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > 20) {
      return sqsError(res, 'InvalidParameterValue', 'InvalidParameterValue', `Value ${String(input.WaitTimeSeconds)} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`);
    }
    const deadline = Date.now() + (Number.isFinite(waitSeconds) ? waitSeconds * 1000 : 0);
    const names = [...asStrings(input.AttributeNames), ...asStrings(input.MessageSystemAttributeNames)];
    const immediate = JSON.stringify({
      ...input,
      WaitTimeSeconds: 0,
      ...(names.length === 0 ? {} : { AttributeNames: [...new Set(names)] }),
    });
    let gone = false;
    res.once('close', () => (gone = true));
    for (;;) {
      const answer = await capture(req, immediate);
      const messages = (parseJson(answer.body)?.Messages ?? []) as unknown[];
      if (answer.statusCode !== 200 || messages.length > 0 || Date.now() >= deadline || gone) return answer.replay(res);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function attributes(req: IncomingMessage, res: ServerResponse, body: string, queue: EmulatedQueue): Promise<void> {
    const answer = await capture(req, body);
    const parsed = parseJson(answer.body);
    const values = parsed?.Attributes as Record<string, string> | undefined;
    if (answer.statusCode === 200 && values?.ApproximateNumberOfMessages !== undefined) {
      const inFlight = Number(queue.getAttributes(['ApproximateNumberOfMessagesNotVisible']).ApproximateNumberOfMessagesNotVisible);
      values.ApproximateNumberOfMessages = String(Math.max(0, Number(values.ApproximateNumberOfMessages) - inFlight));
      answer.body = JSON.stringify(parsed);
    }
    answer.replay(res);
  }

  async function changeVisibility(req: IncomingMessage, res: ServerResponse, body: string, input: Json, queue: EmulatedQueue): Promise<void> {
    const message = messageFor(queue, input.ReceiptHandle);
    if (message?.visible) {
      return sqsError(res, 'MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'The message referred to is not in flight.');
    }
    if (message !== undefined && message.record.ReceiptHandle !== input.ReceiptHandle) {
      return sqsError(res, 'InvalidParameterValue', 'InvalidParameterValue', `Value ${String(input.ReceiptHandle)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
    }
    const answer = await capture(req, body);
    if (answer.statusCode === 200 && message !== undefined) undoReceiveCount(message);
    answer.replay(res);
  }

  async function changeVisibilityBatch(req: IncomingMessage, res: ServerResponse, body: string, input: Json, queue: EmulatedQueue): Promise<void> {
    const entries = (Array.isArray(input.Entries) ? input.Entries : []) as { Id?: string; ReceiptHandle?: string }[];
    const answer = await capture(req, body);
    const successful = ((parseJson(answer.body)?.Successful ?? []) as { Id?: string }[]).map((entry) => entry.Id);
    for (const entry of entries) {
      const message = successful.includes(entry.Id) ? messageFor(queue, entry.ReceiptHandle) : undefined;
      if (message !== undefined) undoReceiveCount(message);
    }
    answer.replay(res);
  }

  async function deleteMessage(req: IncomingMessage, res: ServerResponse, body: string, input: Json, queue: EmulatedQueue): Promise<void> {
    const message = messageFor(queue, input.ReceiptHandle);
    if (message !== undefined && message.record.ReceiptHandle !== input.ReceiptHandle) {
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      res.end('{}');
      return;
    }
    await forward(req, body, res);
  }

  function findQueue(queueUrl: unknown): EmulatedQueue | undefined {
    if (typeof queueUrl !== 'string') return undefined;
    const name = queueUrl.split('/').pop();
    return queues().find((queue) => queue.QueueName === name);
  }

  /** Runs the emulator's handler on a replayed request. */
  function forward(req: IncomingMessage, body: string, res: ServerResponse | CapturedResponse): Promise<void> {
    const replay = Object.assign(new PassThrough(), { headers: req.headers, method: req.method, url: req.url });
    const done = requestHandler(replay as unknown as IncomingMessage, res as unknown as ServerResponse);
    replay.end(body);
    return done;
  }

  async function capture(req: IncomingMessage, body: string): Promise<CapturedResponse> {
    const captured = new CapturedResponse();
    await forward(req, body, captured);
    await captured.ended;
    return captured;
  }

  return { endpoint, stop: () => closeServer(server) };
}

function messageFor(queue: EmulatedQueue, receiptHandle: unknown): EmulatedMessage | undefined {
  const id = messageIdOf(receiptHandle);
  return id === undefined ? undefined : messagesOf(queue)?.find((message) => message.record.MessageId === id);
}

function undoReceiveCount(message: EmulatedMessage): void {
  const count = Number(message.record.attributes.ApproximateReceiveCount);
  if (count > 1) message.record.attributes.ApproximateReceiveCount = String(count - 1);
}

/** An error as SQS's JSON protocol sends it (the SDK reads the query-compatible code from the header). */
function sqsError(res: ServerResponse, type: string, code: string, message: string): void {
  res.statusCode = 400;
  res.setHeader('content-type', 'application/x-amz-json-1.0');
  res.setHeader('x-amzn-query-error', `${code};Sender`);
  res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }));
}

/** The subset of `ServerResponse` the emulator's handler uses, recorded for rewriting. */
class CapturedResponse {
  statusCode = 200;
  body = '';
  private readonly headers = new Map<string, string>();
  private finish!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.finish = resolve));

  setHeader(name: string, value: string): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  end(body?: string | Buffer): this {
    this.body = body === undefined ? '' : body.toString();
    this.finish();
    return this;
  }

  replay(res: ServerResponse): void {
    res.statusCode = this.statusCode;
    for (const [name, value] of this.headers) if (name !== 'content-length') res.setHeader(name, value);
    res.end(this.body);
  }
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
