import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { createRequestHandler } from 'local-aws-sqs';
import { closeServer, loopbackUrl } from './http-server.js';

export interface SqsEmulator {
  /** `http://127.0.0.1:<port>`; queue URLs are `<endpoint>/123456789012/<name>`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * local-aws-sqs, in process, on 127.0.0.1, behind a thin shim that corrects two of its quirks so the
 * adapters can be written against real SQS semantics (JSON protocol only, which SDK v3 speaks):
 * - `ApproximateNumberOfMessages` also counts in-flight messages: the shim subtracts
 *   `ApproximateNumberOfMessagesNotVisible`, so "visible" means visible as on AWS.
 * - a long poll waits out the whole wait time unless `MaxNumberOfMessages` messages arrived: the shim
 *   polls with a zero wait instead and answers as soon as one message is there, like SQS does.
 */
export async function startSqsEmulator(): Promise<SqsEmulator> {
  const { service, requestHandler } = createRequestHandler({
    port: 0,
    hostname: '127.0.0.1',
    // Tests delete and re-create queues freely; AWS's 60 s wait would only slow them down.
    emulateQueueCreationLifecycle: false,
  });
  const server = createServer((req, res) => {
    shim(req, res).catch((error: unknown) => {
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

  async function shim(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const action = jsonAction(req);
    if (action === 'ReceiveMessage') return receiveWithoutStalling(req, res, body);
    if (action === 'GetQueueAttributes') return attributesWithTrueVisibleCount(req, res, body);
    await invoke(req, body, res);
  }

  async function receiveWithoutStalling(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const input = parseJson(body);
    const queue = findQueue(input?.QueueUrl);
    const waitSeconds = Number(input?.WaitTimeSeconds ?? queue?.ReceiveMessageWaitTimeSeconds ?? 0);
    const deadline = Date.now() + (Number.isFinite(waitSeconds) ? waitSeconds * 1000 : 0);
    const immediate = input === undefined ? body : JSON.stringify({ ...input, WaitTimeSeconds: 0 });
    let gone = false;
    res.once('close', () => (gone = true));
    for (;;) {
      const answer = await capture(req, immediate);
      const messages = (parseJson(answer.body)?.Messages ?? []) as unknown[];
      if (answer.statusCode !== 200 || messages.length > 0 || Date.now() >= deadline || gone) {
        return answer.replay(res);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function attributesWithTrueVisibleCount(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const answer = await capture(req, body);
    const parsed = parseJson(answer.body);
    const attributes = parsed?.Attributes as Record<string, string> | undefined;
    const queue = findQueue(parseJson(body)?.QueueUrl);
    if (answer.statusCode === 200 && attributes?.ApproximateNumberOfMessages !== undefined && queue !== undefined) {
      const inFlight = Number(queue.getAttributes(['ApproximateNumberOfMessagesNotVisible']).ApproximateNumberOfMessagesNotVisible);
      attributes.ApproximateNumberOfMessages = String(Math.max(0, Number(attributes.ApproximateNumberOfMessages) - inFlight));
      answer.body = JSON.stringify(parsed);
    }
    answer.replay(res);
  }

  function findQueue(queueUrl: unknown): EmulatedQueue | undefined {
    if (typeof queueUrl !== 'string') return undefined;
    const name = queueUrl.split('/').pop();
    return (service.Queues as unknown as EmulatedQueue[]).find((queue) => queue.QueueName === name);
  }

  /** Runs the emulator's handler on a replayed request, straight into `res`. */
  function invoke(req: IncomingMessage, body: string, res: ServerResponse | CapturedResponse): Promise<void> {
    const replay = Object.assign(new PassThrough(), { headers: req.headers, method: req.method, url: req.url });
    const done = requestHandler(replay as unknown as IncomingMessage, res as unknown as ServerResponse);
    replay.end(body);
    return done;
  }

  async function capture(req: IncomingMessage, body: string): Promise<CapturedResponse> {
    const captured = new CapturedResponse();
    await invoke(req, body, captured);
    await captured.ended;
    return captured;
  }

  return { endpoint, stop: () => closeServer(server) };
}

interface EmulatedQueue {
  readonly QueueName: string;
  readonly ReceiveMessageWaitTimeSeconds?: number;
  getAttributes(names: string[]): Record<string, string>;
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

function jsonAction(req: IncomingMessage): string | undefined {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
