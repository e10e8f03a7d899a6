/**
 * The prod stage, synthesized once without bundling (the dev synth in hub.test.ts bundles the real
 * entries): what must survive a mistake is kept, a custom domain tightens TLS and CORS, and a missing
 * web build skips the upload instead of failing.
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it, vi } from 'vitest';
import { outboxKeys } from '../functions/data/notifications';
import { OAUTH_SCOPE } from '../shared/signin';
import { Identity } from './constructs/identity';
import { createHubApp } from './hub';
import { stageSettings } from './stage';

// Two cores shared with other test runs: template queries can take seconds.
vi.setConfig({ testTimeout: 30_000 });

const domainName = 'hub.example.kz';
const { app, stack } = createHubApp({
  webDist: join(import.meta.dirname, 'no-such-dist'),
  nativeDir: join(import.meta.dirname, 'no-such-native'),
  // Stands in for the timed-notification handler (not bundled here, so any existing entry will do).
  timedNotifyEntry: 'functions/services/flags-lambda.ts',
  context: {
    stage: 'prod',
    domainName,
    authDomainPrefix: 'obm-hub-test',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    alarmEmail: 'ops@example.kz',
    open311ApiKeys: 'key-one,key-two',
    mailDomain: 'mail.example.kz',
    telegramBotUsername: 'obm_hub_bot',
    // Bundling is proven by the dev synth; here only the template matters.
    'aws:cdk:bundling-stacks': [],
  },
});
const template = Template.fromStack(stack);
const logicalId = (c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as never);
// CloudFormation JSON is untyped; each assertion states the shape it expects.
// biome-ignore lint/suspicious/noExplicitAny: synthesized template JSON
type Cfn = any;
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Cfn }>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** Every IAM statement attached to a function's role. */
const statementsOf = (fn: { role?: { node: { defaultChild?: unknown } } | undefined }) => {
  const roleId = stack.getLogicalId(fn.role!.node.defaultChild as never);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<Record<string, Cfn>>);
};
const actionsOf = (s: Record<string, Cfn>): string[] => [s.Action].flat();
const alarmOn = (metric: string, resourceId: string) =>
  ofType('AWS::CloudWatch::Alarm')
    .map(([, a]) => a.Properties)
    .find((a) => JSON.stringify(a).includes(metric) && JSON.stringify(a).includes(resourceId));

describe('prod keeps what must survive a mistake', () => {
  it('retains the table with deletion protection', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('retains the user pool and the uploads, but not the rebuildable site and feed buckets', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    const policyOf = (c: Parameters<typeof logicalId>[0]) =>
      template.toJSON().Resources[logicalId(c)].DeletionPolicy;
    expect(policyOf(stack.attachments.bucket)).toBe('Retain');
    expect(policyOf(stack.feed.bucket)).toBe('Delete');
    expect(policyOf(stack.web.bucket)).toBe('Delete');
  });

  it('versions the uploads, keeping a replaced or deleted attachment 30 days', () => {
    const uploads = resources[logicalId(stack.attachments.bucket)]!.Properties;
    expect(uploads.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(uploads.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
    );
  });

  it('keeps logs and turns on stack termination protection', () => {
    template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    expect(stack.terminationProtection).toBe(true);
  });

  it('throttles the API stage at production limits', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
  });

  it('passes the Open311 client keys to the Open311 function only', () => {
    const envOf = (fn: typeof stack.api.handler) =>
      template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables;
    expect(envOf(stack.api.open311).OPEN311_API_KEYS).toBe('key-one,key-two');
    expect(envOf(stack.api.handler).OPEN311_API_KEYS).toBeUndefined();
  });

  it('sends alarms to the subscribed address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.kz',
    });
  });
});

describe('a custom domain', () => {
  it('serves the site on it with TLS 1.2 at least', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [domainName],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });

  it('is the only origin CORS allows on the API and on direct uploads', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [`https://${domainName}`] }),
    });
    const uploads = template.toJSON().Resources[logicalId(stack.attachments.bucket)].Properties;
    expect(uploads.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual([`https://${domainName}`]);
  });

  it('enables the OAuth code flow with the site as callback', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`https://${domainName}/`],
    });
  });

  it('grants the managed login exactly the web’s scopes, with the own-account one for TOTP set-up', () => {
    // Without aws.cognito.signin.user.admin the access token cannot call AssociateSoftwareToken, and
    // the first cloud admin could never set TOTP up (web/src/auth/cognitoTotp.ts).
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: Match.arrayEquals(OAUTH_SCOPE.split(' ')),
    });
    expect(OAUTH_SCOPE.split(' ')).toContain('aws.cognito.signin.user.admin');
    // That scope also lets the user write attributes: only the name and the e-mail (sign-up needs both).
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      WriteAttributes: Match.arrayEquals(['email', 'name']),
    });
  });

  it('with a hosted domain, tells the account function where managed login is and which callback to exchange codes for', () => {
    const env = template.toJSON().Resources[logicalId(stack.api.account)].Properties.Environment.Variables;
    expect(env.AUTH_REDIRECT_URI).toBe(`https://${domainName}/`);
    const domains = template.findResources('AWS::Cognito::UserPoolDomain', {
      Properties: { Domain: 'obm-hub-test' },
    });
    expect(Object.keys(domains)).toHaveLength(1);
    expect(JSON.stringify(env.AUTH_HOSTED_UI_URL)).toContain(`{"Ref":"${Object.keys(domains)[0]}"}`);
  });

  it('passes cdk-nag (AwsSolutions and Serverless) without the default-certificate acknowledgement', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    expect(new ServerlessChecks().validateScope(app).violations.map((v) => v.ruleName)).toEqual([]);
    const acks = stack.web.distribution.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules');
    expect(acks.flatMap((m) => Object.keys(m.data))).not.toContain('AwsSolutions::AwsSolutions-CFR4');
  });
});

describe('managed login', () => {
  const identityIn = (props: Omit<ConstructorParameters<typeof Identity>[2], 'retain'>) =>
    new Identity(new Stack(new App(), 'S'), 'Identity', { retain: false, ...props });

  it('is off without a hosted domain, even with a site origin (no code flow to offer)', () => {
    expect(identityIn({ siteOrigin: `https://${domainName}` }).codeFlow).toBeUndefined();
  });

  it('is off without a site origin, even with a hosted domain (no callback to return to)', () => {
    expect(identityIn({ hostedDomainPrefix: 'obm-hub-test' }).codeFlow).toBeUndefined();
  });
});

describe('a missing web build', () => {
  it('skips the upload with a warning instead of failing the synth', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    const warnings = stack.web.node.metadata.filter((m) => m.type === 'aws:cdk:warning');
    expect(warnings.map((m) => String(m.data))).toEqual([expect.stringContaining('no index.html')]);
  });
});

describe('missing native modules', () => {
  it('warn that the upload publisher would fail without sharp for Lambda', () => {
    const warnings = stack.uploadPublisher.node.metadata.filter((m) => m.type === 'aws:cdk:warning');
    expect(warnings.map((m) => String(m.data))).toEqual([expect.stringContaining('sharp for linux-arm64')]);
  });
});

describe('notifications', () => {
  const notify = stack.notifications;
  const mail = notify.mail!;

  it('send from an SES domain identity whose default configuration set publishes bounces and complaints to SNS', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.example.kz',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: logicalId(mail.configurationSet) } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: logicalId(mail.configurationSet) },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: logicalId(mail.feedbackTopic) } },
      }),
    });
  });

  it('feed SES feedback to the function that suppresses contacts, its failures to a queue with an alarm', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalId(mail.feedbackTopic) },
      Endpoint: { 'Fn::GetAtt': [logicalId(mail.feedback), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(mail.feedback) },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(mail.failedFeedback), 'Arn'] } },
      },
    });
    expect(alarmOn('ApproximateNumberOfMessagesVisible', logicalId(mail.failedFeedback))).toMatchObject({
      Threshold: 1,
    });
  });

  it('let Cognito mail through the same SES identity instead of its 50-a-day default sender', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: 'Open Budget Map <notify@mail.example.kz>',
        SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':identity/mail.example.kz'])] }),
      }),
    });
  });

  it('wake the sender for each new outbox event only, through a pipe from the table stream to the work queue', () => {
    const [, pipe] = ofType('AWS::Pipes::Pipe')[0]!;
    expect(pipe.Properties.Source).toEqual({ 'Fn::GetAtt': [logicalId(stack.data.table), 'StreamArn'] });
    expect(pipe.Properties.Target).toEqual({ 'Fn::GetAtt': [logicalId(notify.work), 'Arn'] });
    const [pattern] = pipe.Properties.SourceParameters.FilterCriteria.Filters.map((f: { Pattern: string }) =>
      JSON.parse(f.Pattern),
    );
    // EventBridge pattern matching on these shapes: a value list or a prefix.
    const accepts = (rule: Cfn[], value: string) =>
      rule.some((r) => (typeof r === 'string' ? r === value : value.startsWith(r.prefix)));
    const passes = (eventName: string, pk: string, sk: string) =>
      accepts(pattern.eventName, eventName) &&
      accepts(pattern.dynamodb.Keys.pk.S, pk) &&
      accepts(pattern.dynamodb.Keys.sk.S, sk);
    const event = outboxKeys.pk('01JEVENT');
    expect(passes('INSERT', event, outboxKeys.eventSk)).toBe(true);
    expect(passes('MODIFY', event, outboxKeys.eventSk)).toBe(false); // marking fanned out
    expect(passes('INSERT', event, 'DELIVERY#email#user:1')).toBe(false);
    expect(passes('INSERT', 'ITEM#01JITEM', 'ITEM')).toBe(false);
  });

  it('drain the work queue with at most two senders; three failed passes go to a dead-letter queue with an alarm', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(notify.work), 'Arn'] },
      FunctionName: { Ref: logicalId(notify.sender) },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const work = resources[logicalId(notify.work)]!.Properties;
    expect(work.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(notify.deadLetters), 'Arn'] },
      maxReceiveCount: 3,
    });
    const timeout = resources[logicalId(notify.sender)]!.Properties.Timeout as number;
    expect(work.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    expect(alarmOn('ApproximateNumberOfMessagesVisible', logicalId(notify.deadLetters))).toMatchObject({
      Threshold: 1,
      AlarmActions: [expect.anything()],
    });
    expect(alarmOn('"Errors"', logicalId(notify.sender))).toBeDefined();
  });

  it('give the sender SES through the configuration set, its settings, and the secrets by ARN only', () => {
    const env = resources[logicalId(notify.sender)]!.Properties.Environment.Variables;
    expect(env).toMatchObject({
      MAIL_FROM: 'Open Budget Map <notify@mail.example.kz>',
      MAIL_DOMAIN: 'mail.example.kz',
      SES_CONFIGURATION_SET: { Ref: logicalId(mail.configurationSet) },
      SITE_URL: `https://${domainName}`,
      NOTIFY_CONCURRENCY: '4',
      NOTIFY_SECRET_ARN: { Ref: logicalId(notify.linkSecret) },
      TELEGRAM_SECRET_ARN: { Ref: logicalId(notify.telegramSecret) },
      TELEGRAM_BOT_USERNAME: 'obm_hub_bot',
    });
    const sendStatements = statementsOf(notify.sender).filter((s) =>
      actionsOf(s).includes('ses:SendRawEmail'),
    );
    const sesResources = JSON.stringify(sendStatements.map((s) => s.Resource));
    expect(sesResources).toContain(':identity/');
    expect(sesResources).toContain(':configuration-set/');
    expect(sesResources).not.toContain('"*"');
  });

  it('let the account function and the sender read the link and bot secrets through the extension, never from their env', () => {
    for (const fn of [stack.api.account, notify.sender]) {
      const props = resources[logicalId(fn)]!.Properties;
      expect(JSON.stringify(props.Layers)).toContain('Paramsandsecrets');
      expect(props.Environment.Variables.TELEGRAM_BOT_TOKEN).toBeUndefined();
      expect(props.Environment.Variables.NOTIFY_LINK_SECRET).toBeUndefined();
      const reads = statementsOf(fn).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
      expect(reads.flatMap((s) => [s.Resource].flat())).toEqual(
        expect.arrayContaining([
          { Ref: logicalId(notify.linkSecret) },
          { Ref: logicalId(notify.telegramSecret) },
        ]),
      );
    }
    // The API no longer reads them: the unsubscribe route and the bot's webhook left with the account.
    const apiEnv = resources[logicalId(stack.api.handler)]!.Properties.Environment.Variables;
    expect(apiEnv.NOTIFY_SECRET_ARN).toBeUndefined();
    expect(apiEnv.TELEGRAM_SECRET_ARN).toBeUndefined();
  });

  it('wake the sender every minute for retries and the end of quiet hours, and run the timed job hourly in Almaty', () => {
    const schedules = ofType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties);
    const tick = schedules.find((s) => JSON.stringify(s.Target.Arn).includes(logicalId(notify.work)));
    expect(tick?.ScheduleExpression).toBe('rate(1 minute)');
    const timed = schedules.find((s) => JSON.stringify(s.Target.Arn).includes(logicalId(notify.timedJob!)));
    expect(timed).toMatchObject({
      ScheduleExpression: 'cron(5 * * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Almaty',
    });
  });
});

describe('stage settings', () => {
  const read = (ctx: Record<string, unknown>) => (key: string) => ctx[key];

  it('defaults to dev and refuses an unknown stage', () => {
    expect(stageSettings(read({})).stage).toBe('dev');
    expect(() => stageSettings(read({ stage: 'staging' }))).toThrow(/Unknown stage "staging"/);
  });

  it('refuses a domain without its certificate', () => {
    expect(() => stageSettings(read({ domainName }))).toThrow(/certificateArn/);
  });

  it('refuses a prod that could not mail people (no SES identity) or on-call (no alarm e-mail)', () => {
    const prod = { stage: 'prod', mailDomain: 'mail.example.kz', alarmEmail: 'ops@example.kz' };
    expect(stageSettings(read(prod)).mail).toEqual({
      domain: 'mail.example.kz',
      from: 'notify@mail.example.kz',
    });
    expect(() => stageSettings(read({ ...prod, mailDomain: undefined }))).toThrow(/mailDomain/);
    expect(() => stageSettings(read({ ...prod, alarmEmail: undefined }))).toThrow(/alarmEmail/);
    expect(() => stageSettings(read({ ...prod, mailFrom: 'x@other.kz' }))).toThrow(/address at mailDomain/);
  });
});
