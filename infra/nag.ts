/**
 * cdk-nag AwsSolutions and Serverless findings we accept, each acknowledged on the construct it arises from (never
 * the whole stack) with the reason. Everything else must pass: the tests fail on any new finding.
 */
import { Stack, Token, Validations } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { IConstruct } from 'constructs';
import type { HubStack } from './stack';

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** A finding of cdk-nag's Serverless pack, acknowledged the same way. */
function ackServerless(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `Serverless-${id}`, reason });
}

/** How cdk-nag spells a value in a finding id: tokens as `<AWS::…>`, known values as themselves. */
const nagText = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);

const NODE_22 =
  'Node.js 22 (active LTS, supported by Lambda into 2027) is the runtime the project targets and tests; ' +
  'moving to a newer one is a deliberate upgrade, not a default.';

export function acknowledgeFindings(stack: HubStack): void {
  const { identity, feed, attachments, api, web } = stack;

  ack(
    identity.userPool,
    'COG2',
    'MFA is offered (TOTP) but not required: citizens sign up themselves to comment and ask questions, ' +
      'and a second factor for everyone would keep many of them out. Staff are asked to enable it.',
  );
  ack(
    identity.userPool,
    'COG8',
    'The Plus feature plan (threat protection) is billed per active user; at the hub’s scale and budget the ' +
      'Essentials plan with a strict password policy is the chosen trade-off. Upgrade by setting featurePlan.',
  );

  const noAccessLogs =
    'Server access logs are not kept: the objects are public snapshots, the built site or short-lived uploads, ' +
    'and request logs of a civic site would store citizens’ IP addresses we have no need to keep.';
  for (const bucket of [feed.bucket, attachments.bucket, web.bucket]) ack(bucket, 'S1', noAccessLogs);

  for (const fn of [feed.builder, stack.flagJob.handler, stack.uploadPublisher.handler, api.importer])
    ack(fn, 'L1', NODE_22);
  for (const fn of api.httpFunctions) ack(fn, 'L1', NODE_22);
  ack(
    api.importer.role!,
    `IAM5[Resource::<${stack.getLogicalId(stack.attachments.bucket.node.defaultChild as never)}.Arn>/imports/*]`,
    'Get/Delete on the import files the API leaves under imports/ only; each file has a fresh key per import.',
  );
  ack(
    api.handler.role!,
    `IAM5[Resource::<${stack.getLogicalId(api.importer.node.defaultChild as never)}.Arn>:*]`,
    'The API may invoke the import function and its versions (`:*`), nothing else.',
  );
  ack(
    api.backOffice.role!,
    `IAM5[Resource::<${stack.getLogicalId(stack.uploadPublisher.handler.node.defaultChild as never)}.Arn>:*]`,
    'The back office may invoke the upload publisher (for blurs) and its versions (`:*`), nothing else.',
  );
  ack(
    stack.flagJob.scheduleRole,
    `IAM5[Resource::<${stack.getLogicalId(stack.flagJob.handler.node.defaultChild as never)}.Arn>:*]`,
    'The nightly schedule may invoke the flag-job function and its versions (`:*`), nothing else.',
  );

  ack(
    stack.node.findChild('AuditActorSecret'),
    'SMG4',
    'The audit actor key fixes every pseudonym already on the public chain: rotating it would give the same ' +
      'account a second pseudonym and break the link between its past and future entries. Replaced by hand only if it leaks (infra/README.md).',
  );

  const originSecret = stack.node.findChild('OriginSecret');
  ack(
    originSecret,
    'SMG4',
    'The origin secret is rotated by a runbook step (infra/README.md): CloudFront and the API must change ' +
      'together through a deploy, which a rotation Lambda cannot do; the API accepts the previous value meanwhile.',
  );
  ack(
    feed.failedBatches,
    'SQS3',
    'This queue is itself the dead-letter destination of the map-feed stream mapping (onFailure): a queue ' +
      'behind it would only move the same messages; an alarm fires on its first message.',
  );

  const feedObjects = `Resource::<${stack.getLogicalId(feed.bucket.node.defaultChild as never)}.Arn>/map/*`;
  for (const fn of [feed.builder, api.handler, api.club]) {
    ack(
      fn.role!,
      `IAM5[${feedObjects}]`,
      'Objects under the map/ prefix of the feed bucket only: the snapshot, shapes and search index.',
    );
  }
  for (const fn of [api.handler, api.backOffice])
    ack(
      fn.role!,
      `IAM5[Resource::<${stack.getLogicalId(attachments.bucket.node.defaultChild as never)}.Arn>/*]`,
      'Put/Get/Delete on objects of the attachments bucket only: upload keys are generated per upload, so ' +
        'they cannot be listed in advance; the API (uploads) and the back office (moderators’ previews and ' +
        'blurs) pre-sign single-object URLs for them.',
    );

  ack(
    stack.uploadPublisher.handler.role!,
    `IAM5[Resource::<${stack.getLogicalId(attachments.bucket.node.defaultChild as never)}.Arn>/*]`,
    'Get/Put/Delete on objects of the attachments bucket only: the publisher reads the upload it is ' +
      'notified of, writes its public copy and thumbnail and deletes the original; keys are per upload.',
  );
  // CDK's handler that writes the bucket's notification configuration (one per stack, deploy time only).
  const notificationsHandler = stack.node.children.find((c) =>
    c.node.id.startsWith('BucketNotificationsHandler'),
  );
  if (notificationsHandler)
    ack(
      notificationsHandler,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s bucket-notifications handler writes its logs with the basic execution role; it runs only on ' +
        'deploy, to set the attachments bucket’s notification to the upload publisher.',
    );

  for (const route of api.httpApi.node.children.filter((c) => c instanceof HttpRoute)) {
    ack(
      route,
      'APIG4',
      'Authorization is done by the app: it verifies Cognito tokens itself with jose (same code locally and ' +
        'in the cloud), public reads need no token, and every write route checks the policy module.',
    );
  }

  const notify = stack.notifications;
  for (const fn of [notify.sender, notify.mail?.feedback, notify.timedJob]) if (fn) ack(fn, 'L1', NODE_22);
  ack(
    notify.linkSecret,
    'SMG4',
    'The unsubscribe-link key signs links already sitting in people’s mailboxes: rotating it would break every ' +
      'unsubscribe link sent before. It is replaced by hand only if it leaks (infra/README.md).',
  );
  ack(
    notify.telegramSecret,
    'SMG4',
    'The bot token is issued by Telegram’s @BotFather, not by AWS: a rotation Lambda cannot obtain a new one. ' +
      'Revoking and replacing it is a runbook step (infra/README.md), together with setWebhook.',
  );
  ack(
    notify.deadLetters,
    'SQS3',
    'This queue is itself the dead-letter queue of the notification work queue: a queue behind it would only ' +
      'move the same messages; an alarm fires on its first message.',
  );
  ack(
    stack.uploadPublisher.failedUploads,
    'SQS3',
    'This queue is itself the failure destination of the upload publisher: a queue behind it would only ' +
      'move the same events; an alarm fires on its first message.',
  );
  if (notify.mail)
    ack(
      notify.mail.failedFeedback,
      'SQS3',
      'This queue is itself the failure destination of the SES feedback function: a queue behind it would only ' +
        'move the same events; an alarm fires on its first message.',
    );
  if (notify.timedJob) {
    ack(
      notify.scheduleRoles[notify.scheduleRoles.length - 1]!,
      `IAM5[Resource::<${stack.getLogicalId(notify.timedJob.node.defaultChild as never)}.Arn>:*]`,
      'The hourly schedule may invoke the timed-notification function and its versions (`:*`), nothing else.',
    );
  }

  const distribution = web.distribution;
  ack(
    distribution,
    'CFR1',
    'A public transparency site: readers from anywhere, diaspora included, are welcome.',
  );
  ack(
    distribution,
    'CFR3',
    'No CloudFront access logs, for the same reason as the buckets: they would keep visitors’ IP addresses. ' +
      'CloudWatch metrics and the API access log cover operations.',
  );
  if (!web.hasCustomCertificate) {
    ack(
      distribution,
      'CFR4',
      'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS floor ' +
        'cannot be raised; with -c domainName/certificateArn the distribution requires TLS 1.2 (2021 policy).',
    );
  }
  Validations.of(distribution).acknowledge({
    id: 'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
    reason:
      'LIST is given to the feed origin only, behind /api/map/items and /api/map/shapes where a CloudFront Function rewrites every ' +
      'request to one of two fixed object keys: a listing can never be requested.',
  });

  // The custom resource that reads the CloudFront web ACL's ARN from us-east-1 (infra/constructs/waf.ts).
  if (stack.webAclReader) {
    const provider = stack.node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    ack(
      provider,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s AwsCustomResource provider writes its logs with the basic execution role; it runs only on deploy, ' +
        'to read one SSM parameter in us-east-1.',
    );
    ack(provider, 'L1', 'The AwsCustomResource provider’s runtime is chosen and updated by aws-cdk-lib.');
  }

  // BucketDeployment's provider function is CDK's own (one per stack) and exists only during deploys.
  for (const provider of stack.node.children.filter((c) =>
    c.node.id.startsWith('Custom::CDKBucketDeployment'),
  )) {
    ack(provider, 'L1', 'The BucketDeployment provider’s runtime is chosen and updated by aws-cdk-lib.');
    ack(
      provider,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s BucketDeployment provider writes its logs with the basic execution role; it runs only on deploy.',
    );
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${nagText(Stack.of(stack).account, 'AccountId')}-${nagText(Stack.of(stack).region, 'Region')}/*`;
    const copying =
      'BucketDeployment copies the site from the CDK asset bucket into the site bucket and prunes old files: ' +
      'it needs object-level read/write/delete there and nowhere else (grants generated by aws-cdk-lib).';
    for (const finding of [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::${assetBucket}`,
      `Resource::<${stack.getLogicalId(web.bucket.node.defaultChild as never)}.Arn>/*`,
      // CloudFront invalidation has no resource-level permissions.
      'Resource::*',
    ]) {
      ack(provider, `IAM5[${finding}]`, copying);
    }
  }

  acknowledgeServerlessFindings(stack);
}

function acknowledgeServerlessFindings(stack: HubStack): void {
  const { api, feed, notifications: notify } = stack;
  const hubFunctions = [
    ...api.httpFunctions,
    api.importer,
    feed.builder,
    stack.flagJob.handler,
    stack.uploadPublisher.handler,
    stack.goszakupSync?.handler,
    stack.exports?.worker,
    notify.sender,
    notify.mail?.feedback,
    notify.timedJob,
  ];
  for (const fn of hubFunctions) if (fn) ackServerless(fn, 'LambdaLatestVersion', NODE_22);

  // A function's DLQ receives only failed asynchronous invocations; none of these has one to lose.
  const synchronous =
    'Invoked synchronously only (the HTTP API, or the API with RequestResponse for imports): the caller ' +
    'gets the error at once and there is no asynchronous invocation a DLQ could keep.';
  for (const fn of [...api.httpFunctions, api.importer]) ackServerless(fn, 'LambdaDLQ', synchronous);
  const fromMapping =
    'Invoked by an event source mapping (DynamoDB stream or SQS), never asynchronously, so a function DLQ ' +
    'would never receive anything: failed batches go to the mapping’s on-failure queue or the work ' +
    'queue’s redrive queue, each with an alarm on its first message.';
  for (const fn of [feed.builder, stack.exports?.worker, notify.sender])
    if (fn) ackServerless(fn, 'LambdaDLQ', fromMapping);
  const scheduled =
    'Invoked by an EventBridge Scheduler schedule with an empty event: a DLQ would keep nothing worth ' +
    'replaying. A failed run fails the invocation, which the function’s error alarm reports, and the next ' +
    'scheduled run repeats the work (the runs are idempotent).';
  for (const fn of [stack.flagJob.handler, stack.goszakupSync?.handler, notify.timedJob])
    if (fn) ackServerless(fn, 'LambdaDLQ', scheduled);
  ackServerless(
    stack.uploadPublisher.handler,
    'LambdaDLQ',
    'Invoked asynchronously by the S3 notification of a new upload, with an on-failure destination instead ' +
      'of a DLQ: the failed-uploads queue keeps each event together with its error, and alarms on its first ' +
      'message; on-call replays it while the original is still under incoming/ (a day).',
  );
  if (notify.mail)
    ackServerless(
      notify.mail.feedback,
      'LambdaDLQ',
      'Invoked asynchronously by SES feedback through SNS, with an on-failure destination instead of a DLQ: ' +
        'the failed-feedback queue keeps each event together with its error, and alarms on its first message.',
    );
  ackServerless(
    notify.sender,
    'LambdaEventSourceMappingDestination',
    'An SQS event source mapping cannot take an on-failure destination (only streams and Kafka can): ' +
      'messages that fail three times move to the work queue’s dead-letter queue by its redrive policy.',
  );

  const isDeadLetterQueue =
    'This queue is itself a dead-letter or on-failure destination: a redrive policy behind it would only ' +
    'move the same messages again; an alarm fires on its first message.';
  for (const queue of [
    notify.deadLetters,
    feed.failedBatches,
    stack.exports?.failedJobs,
    notify.mail?.failedFeedback,
    stack.uploadPublisher.failedUploads,
  ])
    if (queue) ackServerless(queue, 'SQSRedrivePolicy', isDeadLetterQueue);

  // CDK's own deploy-time functions (custom-resource providers), configured by aws-cdk-lib.
  const cdkProviders = stack.node.children.filter(
    (c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment') ||
      c.node.id === `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
  );
  for (const provider of cdkProviders) {
    const why =
      'A custom-resource provider made and configured by aws-cdk-lib; it runs only while a deploy is under ' +
      'way, and CloudFormation reports its failure (a DLQ, X-Ray or a tuned memory size would add nothing).';
    for (const rule of ['LambdaDLQ', 'LambdaTracing', 'LambdaDefaultMemorySize', 'LambdaLatestVersion'])
      ackServerless(provider, rule, why);
  }
}
