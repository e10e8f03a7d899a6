import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from './mail-catcher';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher.stop());

describe('the embedded SMTP server of npm start', () => {
  it('outlives a client that resets its connection mid-session, and takes the next mail', async () => {
    // A sender killed mid-message: the socket is reset (RST), which the server sees as ECONNRESET.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(catcher.port, '127.0.0.1');
      socket.once('data', () => {
        socket.write('EHLO killed.example\r\nMAIL FROM:<a@example.kz>\r\n');
        setTimeout(() => {
          socket.resetAndDestroy();
          resolve();
        }, 50);
      });
      socket.once('error', reject);
    });
    const transport = nodemailer.createTransport(catcher.url);
    await transport.sendMail({
      from: 'hub@example.kz',
      to: 'reader@example.kz',
      subject: 'after',
      text: 'x',
    });
    await catcher.waitFor(1);
    expect(catcher.messages.map((m) => m.subject)).toEqual(['after']);
  });
});
