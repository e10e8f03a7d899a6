/**
 * `npm start`: the whole hub on this machine. Starts DynamoDB Local under .data/ (unless
 * DYNAMODB_ENDPOINT points elsewhere), creates the table, loads demo data into an empty store,
 * builds the web app if needed, and serves everything on http://localhost:8787 (PORT overrides).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDailyAudit } from '../functions/audit/daily';
import { fileHeadStore } from '../functions/audit/heads';
import { localAuthDeps } from '../functions/auth/local';
import { createLocalBlobStore } from '../functions/blobs/local';
import { config } from '../functions/config';
import { createStore } from '../functions/data/client';
import { ensureTable } from '../functions/data/table';
import { seedDemoIfEmpty } from '../functions/demo/seed';
import { startLocalFeed } from '../functions/feed/local';
import { JavaMissingError, type LocalDynamo, startLocalDynamo } from '../functions/local/dynamodb-local';
import { startMailCatcher } from '../functions/local/mail-catcher';
import { createLocalApp, listen, WEB_DIST } from '../functions/local/server';
import { createSmtpChannel } from '../functions/notify/email';
import { createTelegramChannel } from '../functions/notify/telegram';
import { pollTelegramLocally, telegramDepsFromEnv } from '../functions/notify/telegram-env';
import { startNightlyFlags } from '../functions/services/flags';
import { startNotifier } from '../functions/services/notifications';
import { telegramChatIdOf } from '../functions/services/telegram-link';
import { startTimedEvents } from '../functions/services/timed-notifications';

const DATA_DIR = resolve(import.meta.dirname, '../.data');

async function main() {
  let local: LocalDynamo | undefined;
  let endpoint = config.dynamodbEndpoint;
  if (!endpoint) {
    try {
      // Self-healing: if Java dies, the same data comes back on the same port within seconds.
      local = await startLocalDynamo({ dataDir: resolve(DATA_DIR, 'dynamodb'), selfHeal: true });
    } catch (err) {
      if (err instanceof JavaMissingError) {
        console.error(err.message);
        process.exit(1);
      }
      throw err;
    }
    endpoint = local.endpoint;
  }
  const store = createStore({ endpoint });
  await ensureTable(store.raw, store.table);
  // Bulk loading on a busy disk can take longer than a request may; it gets its own patient client.
  const bulk = createStore({ endpoint, timeoutMs: 60_000 });
  const seeded = await seedDemoIfEmpty(bulk);
  bulk.raw.destroy();
  if (seeded > 0) console.log(`Loaded ${seeded} demo items (clearly marked as demo data).`);
  // The map feed: rebuilt from the table now, then kept current from the table's stream, as the
  // cloud's stream Lambda does. A full rebuild of a big table is slow: a patient client again.
  const feedClient = createStore({ endpoint, timeoutMs: 60_000 });
  const feed = await startLocalFeed({ store: feedClient, pollMs: 500 });

  if (!existsSync(resolve(WEB_DIST, 'index.html')) || process.env.REBUILD_WEB === '1') {
    console.log('Building the web app…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }

  // Local sign-in (demo users, a signing key under .data/auth) unless AUTH_ISSUER names a real issuer.
  const authDeps = await localAuthDeps({
    store,
    origin: `http://127.0.0.1:${config.port}`,
    keyDir: resolve(DATA_DIR, 'auth'),
  });
  // Comment attachments live in a folder; its signed upload URLs are answered by the app itself.
  const blobs = createLocalBlobStore(resolve(DATA_DIR, 'uploads'));
  // Notifications: an embedded SMTP server catches the mail unless SMTP_URL names a real one; the
  // notifier reaches it over SMTP exactly as it would any server, and drains the outbox on a timer.
  const catcher = process.env.SMTP_URL ? null : await startMailCatcher();
  const smtp = createSmtpChannel({
    url: process.env.SMTP_URL ?? catcher!.url,
    from: process.env.MAIL_FROM ?? 'Open Budget Map <hub@obm.local>',
  });
  // The Telegram bot, when TELEGRAM_BOT_TOKEN is set: it hears /start by getUpdates (no public URL).
  const telegram = await telegramDepsFromEnv().catch((err: unknown) => {
    console.error(
      `Telegram is off: the bot API refused (${err instanceof Error ? err.message : String(err)}).`,
    );
    return undefined;
  });
  const stopNotifier = startNotifier({
    store,
    channels: {
      email: smtp,
      ...(telegram?.client ? { telegram: createTelegramChannel({ client: telegram.client }) } : {}),
    },
    telegramChatOf: (sub) => telegramChatIdOf(store, sub),
    baseUrl: `http://localhost:${config.port}`,
  });
  const app = createLocalApp({
    store,
    now: () => new Date(),
    feed: feed.reader,
    blobs,
    ...authDeps,
    ...(catcher ? { local: { ...authDeps.local, mail: catcher } } : {}),
    ...(telegram ? { telegram } : {}),
  });
  const server = await listen(app, config.port);
  // The audit chain's full check and daily published head (the cloud runs it on a schedule).
  const stopAudit = startDailyAudit(store, fileHeadStore(resolve(DATA_DIR, 'audit/heads')));
  // The risk flags (the cloud runs the same job on a nightly schedule and after each sync).
  const stopFlags = startNightlyFlags(store);
  // Timed notices (due in 3 working days, overdue) into the outbox; the cloud runs the same job on a schedule.
  const stopTimed = startTimedEvents(store);
  console.log(`Open Budget Map is running at http://localhost:${config.port}  (Ctrl-C stops it)`);
  if (authDeps.local)
    console.log(`Sign in as a demo user (local only): http://localhost:${config.port}/sign-in`);
  if (catcher) console.log(`Mail the hub sent (local only): http://localhost:${config.port}/local/mail`);

  const telegramPoller = telegram ? pollTelegramLocally(store, telegram) : undefined;
  if (telegram)
    console.log(
      `Telegram: bot @${telegram.botUsername} listens by getUpdates. Sign in, open http://localhost:${config.port}/my/telegram, press "Link Telegram", then Start in Telegram.`,
    );
  else
    console.log(
      'Telegram: off. To try it, create a bot with @BotFather and start with TELEGRAM_BOT_TOKEN=<token> npm start (see README, "Telegram").',
    );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    server.close();
    stopAudit();
    await stopNotifier();
    smtp.close();
    await catcher?.stop();
    await telegramPoller?.stop();
    stopFlags();
    stopTimed();
    await feed.stop();
    feedClient.raw.destroy();
    store.raw.destroy();
    await local?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
