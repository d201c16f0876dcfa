export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Outbound email (SES). Invalid addresses or CR/LF in header fields raise `BAD_INPUT`. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}
