import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailMessage } from '@wordfreq/core';
import { startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from './ses-mailer.js';

let aws: EmulatedAws;
let mailer: SesMailer;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['ses'] });
  mailer = new SesMailer(aws.clients.ses);
});

afterAll(async () => {
  await aws?.stop();
});

let sequence = 0;
const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  from: 'MyTravel <noreply@mytravel.example>',
  to: [`owner-${++sequence}@mytravel.example`],
  subject: 'One million visits — congratulations!',
  text: 'The forum just passed 1,000,000 visits.',
  html: '<p>The forum just passed <b>1,000,000</b> visits.</p>',
  ...overrides,
});

describe('SesMailer on aws-ses-v2-local', () => {
  it('sends text and HTML, readable from the emulator store', async () => {
    const sent = message();
    const { messageId } = await mailer.send(sent);
    const stored = (await aws.readSentMail()).find((mail) => mail.messageId === messageId);
    expect(stored).toMatchObject({
      from: sent.from,
      destination: { to: sent.to },
      subject: sent.subject,
      body: { text: sent.text, html: sent.html },
    });
  });

  it('sends plain text alone', async () => {
    const { messageId } = await mailer.send(message({ html: undefined }));
    const stored = (await aws.readSentMail()).find((mail) => mail.messageId === messageId);
    expect(stored?.body).toEqual({ text: 'The forum just passed 1,000,000 visits.' });
  });

  it('never lets CR or LF into a header field, and sends nothing then', async () => {
    const before = (await aws.readSentMail()).length;
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom('\r', '\n', '\r\n'),
        fc.string(),
        fc.constantFrom<keyof MailMessage>('subject', 'from', 'to'),
        async (head, breakChars, tail, field) => {
          const injected = `${head}${breakChars}Bcc: victim@example.com${tail}`;
          const bad = field === 'to' ? message({ to: [injected] }) : message({ [field]: injected });
          await expect(mailer.send(bad)).rejects.toMatchObject({ code: 'BAD_INPUT' });
        },
      ),
      { numRuns: 50 },
    );
    expect((await aws.readSentMail()).length).toBe(before);
  });

  it.each([
    ['no recipient', { to: [] }, /at least one recipient/],
    ['a bad address', { to: ['not-an-address'] }, /to\[0\] "not-an-address" is not a valid email address/],
    ['a bad sender', { from: 'me@localhost' }, /from "me@localhost"/],
    ['too many recipients', { to: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) }, /51 recipients; SES allows 50/],
  ])('refuses %s with a specific BAD_INPUT', async (_what, overrides, pattern) => {
    await expect(mailer.send(message(overrides))).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(pattern) });
  });
});

describe('SesMailer refusals the emulator never gives', () => {
  it('reports an unverified sender (sandbox) as a configuration problem', async () => {
    const ses = new SESv2Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://127.0.0.1:9' });
    mockClient(ses)
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } }));
    await expect(new SesMailer(ses).send(message())).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringMatching(/verify the sender/) });
  });

  it('keeps recipient addresses out of every error it raises (they end up in logs)', async () => {
    const to = ['owner.private@mytravel.example', 'second.person@gmail.example'];
    const refusals = [
      Object.assign(new Error(`Email address is not verified. The following identities failed the check in region US-EAST-1: ${to[0]}, ${to[1]}`), {
        name: 'MessageRejected',
        $metadata: { httpStatusCode: 400 },
      }),
      Object.assign(new Error(`Illegal address ${to[1]}`), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } }),
      Object.assign(new Error(`Rate exceeded sending to ${to[0]}`), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } }),
      Object.assign(new Error(`Internal failure for ${to[0]}`), { name: 'InternalServiceErrorException', $metadata: { httpStatusCode: 500 } }),
    ];
    for (const refusal of refusals) {
      const ses = new SESv2Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
      mockClient(ses).on(SendEmailCommand).rejects(refusal);
      const error = await new SesMailer(ses).send(message({ to })).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: unknown },
      );
      expect(error).toBeDefined();
      const shown = `${error!.message} ${error!.stack ?? ''}`;
      for (const address of to) expect(shown).not.toContain(address);
      expect(error!.message).toMatch(/…@(mytravel|gmail)\.example|2 recipients at mytravel\.example, gmail\.example/);
      // The SDK's own error stays out of reach of a logger that serialises `cause`.
      expect(error!.cause === undefined || !String((error!.cause as Error).message).includes(to[0]!)).toBe(true);
    }
  });
});

