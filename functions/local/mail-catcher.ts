/**
 * `npm start`'s embedded SMTP server: catches every mail the notifier sends over real SMTP and
 * lists it at `GET /local/mail` (JSON, newest first) and the page `/local/mail`. Local only, like
 * the demo sign-in: the cloud app is never given a catcher.
 */
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  date: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailCatcher {
  url: string;
  port: number;
  /** Oldest first. */
  messages: CaughtMail[];
  routes: Hono;
  /** Resolves once `n` mails have arrived in total. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const LOCAL_MAIL_PATH = '/local/mail';
const MAX_KEPT = 20_000;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function startMailCatcher(opts: { port?: number; parse?: boolean } = {}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Loopback only: resolving the client's name would only delay every new connection's greeting.
    disableReverseLookup: true,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream)
        .then((mail) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of mail.headerLines.map((h) => [
            h.key,
            h.line.slice(h.line.indexOf(':') + 1).trim(),
          ]))
            if (k) headers[k] = v ?? '';
          messages.push({
            to,
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            date: (mail.date ?? new Date()).toISOString(),
            messageId: mail.messageId ?? '',
            headers,
          });
          if (messages.length > MAX_KEPT) messages.shift();
          received++;
          for (const w of [...waiters]) if (received >= w.n) w.resolve();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A client that drops its connection (a sender killed mid-message, a reset) ends that connection,
  // not the server: with no listener Node throws the 'error' event and `npm start` would stop.
  server.on('error', (err: Error) => console.warn(`local mail: ${err.message}`));
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  const routes = new Hono();
  routes.get('/', (c) => {
    const newest = [...messages].reverse();
    const wantsHtml =
      (c.req.header('Accept') ?? '').includes('text/html') && c.req.query('format') !== 'json';
    if (!wantsHtml)
      return c.json(newest.map(({ to, subject, text, html, date }) => ({ to, subject, text, html, date })));
    const rows = newest
      .slice(0, 200)
      .map(
        (m) =>
          `<article><h2>${escapeHtml(m.subject)}</h2><p><b>To:</b> ${escapeHtml(m.to.join(', '))} · <time>${escapeHtml(m.date)}</time></p><pre>${escapeHtml(m.text)}</pre></article><hr>`,
      )
      .join('');
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mail</title></head><body><h1>Local mail (${messages.length})</h1><p>Caught by the embedded SMTP server of npm start; nothing here left this machine.</p>${rows}</body></html>`,
    );
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    routes,
    waitFor: (n, timeoutMs = 30_000) =>
      received >= n
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`only ${received} of ${n} mails arrived`)),
              timeoutMs,
            );
            waiters.push({
              n,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
