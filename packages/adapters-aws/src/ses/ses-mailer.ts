import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { ConfigError, InternalError, validateMailMessage, type MailMessage, type Mailer } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { awsErrorName, callAws } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';

// Refusals that a retry will not fix and a person must: sandbox, unverified sender, paused account.
const setupProblems = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
]);

/**
 * `Mailer` on SES v2 `SendEmail` (simple content: subject, text and optional HTML, UTF-8). Every
 * address is checked and no header field (from, to, subject) may contain CR or LF, so nothing a
 * caller passes can add a header; such input is `BAD_INPUT` before any request is made.
 */
@injectable()
export class SesMailer implements Mailer {
  constructor(@inject(AwsTokens.SesClient) private readonly ses: SESv2Client) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    validateMailMessage(message);
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    const out = await callAws(
      `SES SendEmail "${message.subject}" to ${recipients(message.to)}`,
      () =>
        this.ses
          .send(
          new SendEmailCommand({
            FromEmailAddress: message.from,
            Destination: { ToAddresses: [...message.to] },
            Content: {
              Simple: {
                Subject: utf8(message.subject),
                Body: { Text: utf8(message.text), ...(message.html === undefined ? {} : { Html: utf8(message.html) }) },
              },
            },
          }),
        )
          .catch((error: unknown) => {
            throw redacted(error);
          }),
      (error) => {
        const name = awsErrorName(error) ?? '';
        if (setupProblems.has(name)) {
          return new ConfigError(`SES refused the mail from ${message.from} (${name}: ${(error as Error).message}); verify the sender identity or leave the SES sandbox`, {
            cause: error,
          });
        }
        if (name === 'BadRequestException') return badInput(`SES rejected the mail as malformed: ${(error as Error).message}`, error);
        return undefined;
      },
    );
    if (out.MessageId === undefined) throw new InternalError('SES SendEmail returned no message id');
    return { messageId: out.MessageId };
  }
}

const emailAddress = /[^\s<>(),;:"']+@[^\s<>(),;:"']+/g;

/** How errors name the recipients: their number and domains, never the addresses (errors are logged). */
function recipients(to: readonly string[]): string {
  const domains = [...new Set(to.map((address) => address.slice(address.lastIndexOf('@') + 1).replace(/>$/, '')))];
  return `${to.length} recipient${to.length === 1 ? '' : 's'} at ${domains.join(', ')}`;
}

/**
 * SES's messages quote the addresses it refused. The SDK error is replaced by a copy whose message
 * has every address masked and which keeps what the error translator classifies by (name, HTTP
 * status, fault, retryable), so no address reaches a log through the message, the stack or `cause`.
 */
function redacted(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const copy = new Error(error.message.replace(emailAddress, (address) => `…@${address.slice(address.lastIndexOf('@') + 1)}`));
  copy.name = error.name;
  for (const key of ['$metadata', '$fault', '$retryable', 'Code', 'code'] as const) {
    if (key in error) Object.assign(copy, { [key]: (error as unknown as Record<string, unknown>)[key] });
  }
  return copy;
}
