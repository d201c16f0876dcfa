import { ConfigError } from '../errors.js';
import type { MailMessage } from '../ports/mailer.port.js';
import type { Crossing } from './crossing.js';

export interface MilestoneMailOptions {
  readonly from: string;
  readonly to: readonly string[];
  /** Named in the mail; default "MyTravel". */
  readonly siteName?: string;
  /**
   * How old an unsent claim must be before its own claimant may send again (crash recovery);
   * default 60 s. Keep it above the longest a send can take (the mailer's timeout and retries).
   */
  readonly resumeAfterMs?: number;
}

export const defaultResumeAfterMs = 60_000;

/** 1000000 -> "1,000,000", the same on every runtime whatever its locale data. */
export function groupDigits(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function checkMilestoneMailOptions(options: MilestoneMailOptions): void {
  const problems: string[] = [];
  if (typeof options.from !== 'string' || options.from.trim() === '') problems.push('mail.from must be the sender address');
  if (!Array.isArray(options.to) || options.to.length === 0) problems.push('mail.to must list at least one recipient');
  const resume = options.resumeAfterMs;
  if (resume !== undefined && !(Number.isFinite(resume) && resume >= 0)) problems.push(`mail.resumeAfterMs must be milliseconds >= 0, got ${resume}`);
  if (problems.length) throw new ConfigError(problems);
}

/** The congratulation email for a crossing. */
export function milestoneMail(crossing: Crossing, options: MilestoneMailOptions, at: Date): MailMessage {
  const site = options.siteName ?? 'MyTravel';
  const threshold = groupDigits(crossing.threshold);
  return {
    from: options.from,
    to: [...options.to],
    subject: `Congratulations: ${site} has passed ${threshold} visits`,
    text: [
      'Congratulations!',
      '',
      `${site} has just passed ${threshold} page visits: the total reached ${groupDigits(crossing.totalAfter)} at ${at.toISOString()}.`,
      '',
      'Thank you to everyone who travels, writes and reads with us.',
      '',
    ].join('\n'),
  };
}
