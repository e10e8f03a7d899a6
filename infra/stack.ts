/** The whole hub in one stack: data, identity, map feed, API, uploads, web front door, alarms. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../functions/api/origin-secret';
import { Api } from './constructs/api';
import { Attachments } from './constructs/attachments';
import { HubTable } from './constructs/data';
import { Exports } from './constructs/exports';
import { FlagJob } from './constructs/flag-job';
import { GoszakupSync } from './constructs/goszakup-sync';
import { REPO_ROOT } from './constructs/hub-function';
import { Identity, identityOriginOf } from './constructs/identity';
import { MapFeed } from './constructs/map-feed';
import { Notifications, TIMED_NOTIFY_ENTRY } from './constructs/notifications';
import { Operations } from './constructs/operations';
import { UploadPublisher } from './constructs/upload-publisher';
import { userPoolWebAcl, webAclArnFromEdge } from './constructs/waf';
import { Web } from './constructs/web';
import { acknowledgeFindings } from './nag';
import type { StageSettings } from './stage';

export interface HubStackProps extends StackProps {
  settings: StageSettings;
  /** The built web app to upload (normally `web/dist`). */
  webDist: string;
  /** sharp installed for linux-arm64 (infra/native.ts), or undefined when it is not there. */
  nativeModulesDir?: string | undefined;
  /** The timed-notification handler's path; default functions/notify/timed-handler.ts when it exists. */
  timedNotifyEntry?: string | undefined;
  /** Where the CloudFront web ACL's ARN is published (infra/edge-stack.ts); unset: no WAF. */
  edgeWebAcl?: { parameterName: string; region: string } | undefined;
}

export class HubStack extends Stack {
  readonly data: HubTable;
  readonly identity: Identity;
  readonly feed: MapFeed;
  readonly flagJob: FlagJob;
  /** The nightly procurement sync (issue 23). */
  readonly goszakupSync: GoszakupSync;
  readonly attachments: Attachments;
  readonly uploadPublisher: UploadPublisher;
  readonly api: Api;
  /** Large exports: the worker and the bucket of gzip files (infra/constructs/exports.ts). */
  readonly exports: Exports;
  readonly web: Web;
  readonly operations: Operations;
  readonly notifications: Notifications;
  readonly userPoolWebAcl: wafv2.CfnWebACL;
  /** Reads the CloudFront web ACL's ARN from us-east-1 (undefined without an edge stack). */
  readonly webAclReader: AwsCustomResource | undefined;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const siteOrigin = settings.domainName ? `https://${settings.domainName}` : undefined;
    const logs = { logRetention: settings.logRetention, logRemovalPolicy: settings.logRemovalPolicy };
    Tags.of(this).add('project', 'open-budget-map');
    Tags.of(this).add('stage', settings.stage);

    this.data = new HubTable(this, 'Data', { retain: settings.retain });
    const table = this.data.table;
    // Before the identity: Cognito's mail goes through the same SES identity.
    this.notifications = new Notifications(this, 'Notifications', {
      table,
      mail: settings.mail,
      sendConcurrency: settings.notifySendConcurrency,
      telegramBotUsername: settings.telegramBotUsername,
      // The timed-notification job appears with its handler (functions/notify/timed-handler.ts).
      timedJobEntry:
        props.timedNotifyEntry ??
        (existsSync(join(REPO_ROOT, TIMED_NOTIFY_ENTRY)) ? TIMED_NOTIFY_ENTRY : undefined),
      ...logs,
    });
    const ses = this.notifications.mail;
    this.identity = new Identity(this, 'Identity', {
      retain: settings.retain,
      siteOrigin,
      hostedDomainPrefix: settings.authDomainPrefix,
      mail:
        ses && settings.mail
          ? {
              from: settings.mail.from,
              domain: settings.mail.domain,
              configurationSetName: ses.configurationSet.configurationSetName,
              identity: ses.identity,
            }
          : undefined,
    });
    this.feed = new MapFeed(this, 'MapFeed', { table, ...logs });
    this.flagJob = new FlagJob(this, 'FlagJob', { table, ...logs });
    this.goszakupSync = new GoszakupSync(this, 'GoszakupSync', { table, ...logs });
    this.attachments = new Attachments(this, 'Attachments', { retain: settings.retain, siteOrigin });
    this.uploadPublisher = new UploadPublisher(this, 'UploadPublisher', {
      table,
      attachments: this.attachments,
      nativeModulesDir: props.nativeModulesDir,
      ...logs,
    });
    this.api = new Api(this, 'Api', {
      table,
      identity: this.identity,
      feed: this.feed,
      attachments: this.attachments,
      blurFunction: this.uploadPublisher.handler,
      throttle: settings.throttle,
      createThrottle: settings.createThrottle,
      siteOrigin,
      open311ApiKeys: settings.open311ApiKeys,
      ...logs,
    });
    this.exports = new Exports(this, 'Exports', { table, feed: this.feed, api: this.api.handler, ...logs });
    // The execute-api address is public and an HTTP API takes no WAF: CloudFront adds this secret and
    // the app refuses requests without it (functions/api/origin-secret.ts). Rotation: infra/README.md.
    const originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Header value CloudFront adds to API requests; the API accepts current and previous',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ previous: '' }),
        generateStringKey: 'current',
        excludePunctuation: true,
        passwordLength: 48,
      },
    });
    for (const [name, field] of [
      ['ORIGIN_SECRET', 'current'],
      ['ORIGIN_SECRET_PREVIOUS', 'previous'],
    ] as const)
      for (const fn of this.api.httpFunctions)
        fn.addEnvironment(name, originSecret.secretValueFromJson(field).unsafeUnwrap());
    const webAcl = props.edgeWebAcl
      ? webAclArnFromEdge(this, 'EdgeWebAclArn', props.edgeWebAcl.parameterName, props.edgeWebAcl.region)
      : undefined;
    this.webAclReader = webAcl?.reader;
    // Cognito's public endpoints (sign-up sends mail) get their own regional web ACL.
    this.userPoolWebAcl = userPoolWebAcl(this, 'UserPoolWebAcl', this.identity.userPool.userPoolArn);
    this.web = new Web(this, 'Web', {
      webAclArn: webAcl?.arn,
      apiDomainName: this.api.domainName,
      apiOriginHeaders: {
        [ORIGIN_SECRET_HEADER]: originSecret.secretValueFromJson('current').unsafeUnwrap(),
      },
      feedBucket: this.feed.bucket,
      attachmentsBucket: this.attachments.bucket,
      identityOrigin: identityOriginOf(this.region),
      webDist: props.webDist,
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
    });
    // Unsubscribe links are signed by the sender and checked by the account function, which also
    // hears the bot (functions/api/account-lambda.ts).
    this.notifications.grantSecrets(this.api.account);
    if (settings.telegramBotUsername)
      this.api.account.addEnvironment('TELEGRAM_BOT_USERNAME', settings.telegramBotUsername);
    this.notifications.linkTo(siteOrigin ?? `https://${this.web.distribution.distributionDomainName}`);
    const notify = this.notifications;
    this.operations = new Operations(this, 'Operations', {
      api: this.api,
      functions: {
        Api: this.api.handler,
        Open311: this.api.open311,
        Club: this.api.club,
        BackOffice: this.api.backOffice,
        Account: this.api.account,
        Monitoring: this.api.monitoring,
        MapFeed: this.feed.builder,
        FlagJob: this.flagJob.handler,
        UploadPublisher: this.uploadPublisher.handler,
        ExportWorker: this.exports.worker,
        GoszakupSync: this.goszakupSync.handler,
        NotifySender: notify.sender,
        ...(notify.mail ? { MailFeedback: notify.mail.feedback } : {}),
        ...(notify.timedJob ? { NotifyTimed: notify.timedJob } : {}),
      },
      feedBuilder: this.feed.builder,
      deadLetterQueues: {
        MapFeedBatches: this.feed.failedBatches,
        ExportJobs: this.exports.failedJobs,
        Uploads: this.uploadPublisher.failedUploads,
        Notifications: notify.deadLetters,
        ...(notify.mail ? { MailFeedback: notify.mail.failedFeedback } : {}),
      },
      workQueues: { Notifications: notify.work },
      table,
      alarmEmail: settings.alarmEmail,
      serverErrorPercent: 5,
    });

    acknowledgeFindings(this);
  }
}
