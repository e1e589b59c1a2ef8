import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/connection.ts';
import { insertOutbox } from './repo.ts';

export interface Mail {
  organisationId: string;
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  at: Date;
}

/** Sends mail inside the transaction of the change that caused it. Never real mail by default. */
export interface MailSender {
  send(tx: Tx, mail: Mail): Promise<void>;
}

/** The default sender: writes the message to the `outbox` table, which staff can read. */
export const outboxSender: MailSender = {
  async send(tx, mail) {
    await insertOutbox(tx, {
      organisation_id: mail.organisationId,
      id: randomUUID(),
      recipient: mail.recipient,
      subject: mail.subject,
      body: mail.body,
      kind: mail.kind,
      created_at: mail.at,
    });
  },
};

let current: MailSender = outboxSender;

export function mailSender(): MailSender {
  return current;
}

/** Replaces the sender (e.g. an SMTP relay chosen by configuration); returns the previous one. */
export function setMailSender(sender: MailSender): MailSender {
  const previous = current;
  current = sender;
  return previous;
}

let publicBaseUrl = '';

/**
 * The public address of the e-service (INSATS_PUBLIC_URL, e.g. https://insats.kommun.se), put in front of
 * the links in mails so they work from a mail client. Unset, links are relative to the site.
 */
export function setPublicBaseUrl(url: string | undefined): void {
  publicBaseUrl = (url ?? '').replace(/\/+$/, '');
}

export function publicLink(pathAndQuery: string): string {
  return `${publicBaseUrl}${pathAndQuery}`;
}
