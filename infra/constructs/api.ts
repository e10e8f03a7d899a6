/**
 * The Hono API on Lambda behind an API Gateway HTTP API, in six functions so each cold start loads
 * only its own routes: every path the club mounts (functions/api/club-app.ts) goes to the club
 * function, every path of the back office (functions/api/back-office-app.ts) to the back-office
 * function, every path of a citizen's own account (functions/api/account-app.ts: `/api/me`, sign-in,
 * notifications, Telegram, feeds) to the account function, every monitoring path
 * (functions/api/monitoring-app.ts: visits, progress updates, red flags, responsiveness) to the
 * monitoring function, `/open311/*` to the Open311 function (functions/api/open311-app.ts), and the
 * rest of `/api/*` — the map, items, questions, comments: what most requests ask for — to the API
 * function.
 * Each does its own routing, validation and errors, from the same Hono app the local server runs
 * whole (functions/api/app.ts).
 *
 * Why no Cognito JWT authorizer: the app verifies bearer tokens itself with jose (issuer, audience,
 * expiry, token use — functions/auth/verify-token.ts), so exactly the same code runs in the cloud, in
 * `npm start` and in the tests, and public reads — most of the traffic — need no token at all. An
 * authorizer would either have to let anonymous requests through anyway or split every route in two.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { CfnOutput, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { mountAccount } from '../../functions/api/account-app';
import { mountBackOffice } from '../../functions/api/back-office-app';
import { mountClub } from '../../functions/api/club-app';
import type { AppEnv } from '../../functions/api/env';
import { IMPORT_PREFIX } from '../../functions/api/importer';
import { mountMonitoring } from '../../functions/api/monitoring-app';
import { OPENAPI_FILE } from '../../functions/api/openapi-file';
import { RATE_POLICY } from '../../functions/api/rate-policy';
import type { Attachments } from './attachments';
import { HubFunction, type HubFunctionProps } from './hub-function';
import { type Identity, USER_POOL_ACTIONS_OF } from './identity';
import type { MapFeed } from './map-feed';

/** The HTTP API's access log line: JSON (cdk-nag Serverless-APIGWStructuredLogging), HTTP API variables only. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

/** Path prefixes the HTTP API answers; CloudFront sends the same prefixes here. */
export const API_PATHS = ['/api', '/open311'] as const;
/** The prefix the Open311 function answers; the rest of API_PATHS goes to the API function. */
export const OPEN311_PATH = '/open311';

/** Open311 operations in RATE_POLICY are relative to this mount (functions/api/app.ts). */
/** The generated OpenAPI document (`npm run api:types`), shipped beside the API's bundle. */
export const API_DOCUMENT_FILE = `functions/api/${OPENAPI_FILE}`;

const OPEN311_MOUNT = '/open311/v2';
const OPEN311_OPERATIONS = ['/requests.json', '/requests.xml'];

/** A Hono path as an HTTP API path: parameters renamed by position, as in createRouteKey. */
function httpApiPath(honoPath: string): string {
  let n = 0;
  return honoPath.replace(/:\w+(\{[^}]*\})?/g, () => `{p${++n}}`);
}

/**
 * The HTTP API paths (`/api/sessions/{p1}`) of the routes `mount` puts on an app: each gets an `ANY`
 * route to the function that runs them, more specific than `ANY /api/{proxy+}` (the API function).
 */
export function mountedPaths(mount: (app: OpenAPIHono<AppEnv>) => OpenAPIHono<AppEnv>): string[] {
  const routes = mount(new OpenAPIHono<AppEnv>()).routes.filter((r) => r.method !== 'ALL');
  const paths = [...new Set(routes.map((r) => httpApiPath(r.path)))];
  const greedy = paths.find((p) => p.includes('*'));
  if (greedy) throw new Error(`${greedy}: a wildcard route cannot get an HTTP API route of its own`);
  return paths.sort();
}

/**
 * The HTTP API route key of a create in functions/api/rate-policy.ts (`POST /items/{itemId}/questions`
 * → `POST /api/items/{p1}/questions`). Parameters are renamed by position: API Gateway requires
 * sibling path variables to share a name, and the Hono app reads the raw path anyway.
 */
export function createRouteKey(policyKey: string): string {
  const [method, path] = policyKey.split(' ') as [string, string];
  const prefix = OPEN311_OPERATIONS.includes(path) ? OPEN311_MOUNT : '/api';
  let n = 0;
  return `${method} ${prefix}${path.replace(/\{[^}]+\}/g, () => `{p${++n}}`)}`;
}

export interface ApiProps {
  table: dynamodb.ITable;
  identity: Identity;
  feed: MapFeed;
  attachments: Attachments;
  /** Steady requests per second and burst for the whole stage (protects the table and the bill). */
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * Per route, for every create of functions/api/rate-policy.ts: all callers together. The app's
   * per-user limits stop one person; this stops a crowd (or a botnet) from filling the table.
   */
  createThrottle?: { rateLimit: number; burstLimit: number } | undefined;
  /** The site's origin when known: the only origin CORS allows. Unset: no CORS (same-origin only). */
  siteOrigin?: string | undefined;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /**
   * OPEN311_API_KEYS for the Open311 POST. They end up in the function's configuration (readable by
   * whoever can read the stack); they only let a client raise public questions, like any citizen.
   */
  open311ApiKeys?: string | undefined;
  /**
   * The function that ships sharp (the upload publisher): the API hands moderators' blurs to it
   * (functions/blobs/blur-remote.ts). Unset: blurring answers 409 photo.blur_unavailable.
   */
  blurFunction?: IFunction | undefined;
  /**
   * Unused: sharp left the API for the upload publisher (infra/constructs/upload-publisher.ts).
   * @deprecated kept so older callers still compile
   */
  nativeModulesDir?: string | undefined;
}

/**
 * The import function's limits: it answers the API, which waits for its report within API Gateway's
 * 30 s; 1 GB gives its CPU-bound parsing the same share of a core as the API's.
 */
export const IMPORT_FUNCTION_LIMITS = { timeout: Duration.seconds(27), memorySize: 1024 } as const;

export class Api extends Construct {
  readonly handler: HubFunction;
  /** Open311 GeoReport v2 (`/open311/*`), its own function behind the same HTTP API. */
  readonly open311: HubFunction;
  /** The club's paths (functions/api/club-app.ts), their own function behind the same HTTP API. */
  readonly club: HubFunction;
  /** The back office's paths (functions/api/back-office-app.ts), their own function too. */
  readonly backOffice: HubFunction;
  /** A citizen's own account (functions/api/account-app.ts): sign-in, data rights, notifications. */
  readonly account: HubFunction;
  /** Visits, progress updates, red flags, responsiveness (functions/api/monitoring-app.ts). */
  readonly monitoring: HubFunction;
  /** The six functions behind the HTTP API, the API first: what the origin secret and cdk-nag name. */
  readonly httpFunctions: readonly HubFunction[];
  /**
   * An admin's file import (functions/imports/lambda.ts), invoked by the API with the file left under
   * `imports/` in the attachments bucket: the parsers and iconv-lite stay out of the API's bundle.
   */
  readonly importer: HubFunction;
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  /** The API's own host name (`<id>.execute-api.<region>.amazonaws.com`), CloudFront's origin. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = new HubFunction(this, 'Handler', {
      entry: 'functions/api/lambda.ts',
      serviceName: 'api',
      description: 'The hub API (Hono): /api',
      // Requests are quick, except an admin's import of up to 6 MB (functions/api/routes/opendata.ts):
      // give it what API Gateway allows (30 s), less a margin so our own timeout is the one logged.
      timeout: Duration.seconds(28),
      // The audit actor key is read at cold start.
      readsSecrets: true,
      // The runtime's SDK: half a megabyte less to load on a cold start (checked: functions/runtime-sdk.ts).
      usesRuntimeSdk: true,
      // GET /api/openapi.json reads the generated document beside the bundle (functions/api/openapi-file.ts).
      assetFiles: [API_DOCUMENT_FILE],
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: {
        AUTH_ISSUER: props.identity.issuer,
        AUTH_AUDIENCE: props.identity.webClient.userPoolClientId,
        FEED_BUCKET: props.feed.bucket.bucketName,
        ATTACHMENTS_BUCKET: props.attachments.bucket.bucketName,
      },
    }).bindTable({ table: props.table, access: 'readWrite' });
    // The five route groups with functions of their own: same runtime SDK, secrets extension, logs
    // and table access as the API; each gets only its own environment (and grants below).
    const routeGroup = (
      id: string,
      group: Pick<HubFunctionProps, 'entry' | 'serviceName' | 'description' | 'environment'>,
    ) =>
      new HubFunction(this, id, {
        ...group,
        readsSecrets: true,
        usesRuntimeSdk: true,
        logRetention: props.logRetention,
        logRemovalPolicy: props.logRemovalPolicy,
      }).bindTable({ table: props.table, access: 'readWrite' });
    // Raising a question writes it, its audit entry and the client's rate-limit counter.
    this.open311 = routeGroup('Open311', {
      entry: 'functions/api/open311-lambda.ts',
      serviceName: 'open311',
      description: 'Open311 GeoReport v2 (Hono): /open311',
      environment: props.open311ApiKeys ? { OPEN311_API_KEYS: props.open311ApiKeys } : {},
    });
    // Each verifies bearer tokens as the API does (same issuer and audience) and writes the table.
    const tokens = {
      AUTH_ISSUER: props.identity.issuer,
      AUTH_AUDIENCE: props.identity.webClient.userPoolClientId,
    };
    this.club = routeGroup('Club', {
      entry: 'functions/api/club-lambda.ts',
      serviceName: 'club',
      description: 'The club (Hono): sessions, agendas, invitations, minutes, the club report',
      // Agenda candidates are picked from the map feed's items.
      environment: { ...tokens, FEED_BUCKET: props.feed.bucket.bucketName },
    });
    this.backOffice = routeGroup('BackOffice', {
      entry: 'functions/api/back-office-lambda.ts',
      serviceName: 'back-office',
      description: 'The back office (Hono): admin, Open311 keys, moderation, audit reads, data runs',
      // Moderators preview and blur attachments.
      environment: { ...tokens, ATTACHMENTS_BUCKET: props.attachments.bucket.bucketName },
    });
    // Its secrets (the unsubscribe-link key, the Telegram bot) are granted in infra/stack.ts.
    this.account = routeGroup('Account', {
      entry: 'functions/api/account-lambda.ts',
      serviceName: 'account',
      description: 'A citizen’s account (Hono): sign-in, data rights, notifications, Telegram, feeds',
      environment: {
        ...tokens,
        // Managed login (functions/auth/oauth.ts): only when the pool has a hosted domain and a callback.
        ...(props.identity.codeFlow
          ? {
              AUTH_HOSTED_UI_URL: props.identity.codeFlow.hostedUiUrl,
              AUTH_REDIRECT_URI: props.identity.codeFlow.redirectUri,
            }
          : {}),
      },
    });
    this.monitoring = routeGroup('Monitoring', {
      entry: 'functions/api/monitoring-lambda.ts',
      serviceName: 'monitoring',
      description: 'Monitoring (Hono): site visits, progress updates, red flags, responsiveness',
      environment: tokens,
    });
    this.httpFunctions = [
      this.handler,
      this.open311,
      this.club,
      this.backOffice,
      this.account,
      this.monitoring,
    ];
    props.feed.grantRead(this.handler);
    props.feed.grantRead(this.club);
    props.attachments.grantUploads(this.handler);
    props.attachments.grantUploads(this.backOffice);
    props.identity.grantUserPool(this.handler, USER_POOL_ACTIONS_OF.api);
    props.identity.grantUserPool(this.club, USER_POOL_ACTIONS_OF.club);
    props.identity.grantUserPool(this.backOffice, USER_POOL_ACTIONS_OF.backOffice);
    props.identity.grantUserPool(this.account, USER_POOL_ACTIONS_OF.account);
    props.identity.grantUserPool(this.monitoring, USER_POOL_ACTIONS_OF.monitoring);

    this.importer = new HubFunction(this, 'Importer', {
      entry: 'functions/imports/lambda.ts',
      readsSecrets: true,
      serviceName: 'import',
      description: 'Imports an admin’s budget file (CSV, OC4IDS, OCDS) handed over by the API',
      ...IMPORT_FUNCTION_LIMITS,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { IMPORT_BUCKET: props.attachments.bucket.bucketName },
    }).bindTable({ table: props.table, access: 'readWrite' });
    // Reads and deletes the files the API leaves under imports/, nothing else in the bucket.
    this.importer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [props.attachments.bucket.arnForObjects(`${IMPORT_PREFIX}*`)],
      }),
    );
    this.importer.grantInvoke(this.handler);
    this.handler.addEnvironment('IMPORT_FUNCTION', this.importer.functionName);
    // Moderators' blurs are the back office's (functions/api/back-office-lambda.ts).
    if (props.blurFunction) {
      props.blurFunction.grantInvoke(this.backOffice);
      this.backOffice.addEnvironment('PUBLISHER_FUNCTION', props.blurFunction.functionName);
    }

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Open Budget Map API',
      createDefaultStage: false,
      // The site calls the API through its own CloudFront origin, so browsers need no CORS at all;
      // when the site has a custom domain, that origin (and only it) may also call cross-origin.
      ...(props.siteOrigin
        ? {
            corsPreflight: {
              allowOrigins: [props.siteOrigin],
              allowMethods: [apigwv2.CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'if-none-match', 'if-match'],
              exposeHeaders: ['etag', 'retry-after', 'location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const integration = (id: string, fn: HubFunction) =>
      new HttpLambdaIntegration(id, fn, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    const integrations = {
      api: integration('Hono', this.handler),
      open311: integration('Open311', this.open311),
      club: integration('Club', this.club),
      backOffice: integration('BackOffice', this.backOffice),
      account: integration('Account', this.account),
      monitoring: integration('Monitoring', this.monitoring),
    };
    // The club's, the back office's, the account's and the monitoring paths, each on a route of its
    // own: they are scattered over /api (`/api/bodies/{id}` is the back office's,
    // `/api/bodies/{id}/contacts` the API's, `/api/items/{id}/visits` the monitoring's), so no prefix
    // could say which function answers. A route's path and its function come from the same
    // mount the local app uses, so a new route of theirs gets its HTTP API route without a change here.
    const groupOf = new Map<string, HttpLambdaIntegration>([
      ...mountedPaths(mountClub).map((path) => [path, integrations.club] as const),
      ...mountedPaths(mountBackOffice).map((path) => [path, integrations.backOffice] as const),
      ...mountedPaths(mountAccount).map((path) => [path, integrations.account] as const),
      ...mountedPaths(mountMonitoring).map((path) => [path, integrations.monitoring] as const),
    ]);
    const integrationOf = (path: string) =>
      groupOf.get(path) ?? (path.startsWith(`${OPEN311_PATH}/`) ? integrations.open311 : integrations.api);
    for (const prefix of API_PATHS) {
      const path = `${prefix}/{proxy+}`;
      this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.ANY], integration: integrationOf(path) });
    }
    for (const [path, integration] of groupOf)
      this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.ANY], integration });
    // Each create gets its own route (same function as its path) so the stage can throttle it on its own.
    const createRoutes = props.createThrottle
      ? Object.keys(RATE_POLICY).map((key) => {
          const [method, path] = createRouteKey(key).split(' ') as [string, string];
          return this.httpApi.addRoutes({
            path,
            methods: [method as apigwv2.HttpMethod],
            integration: integrationOf(path),
          })[0]!;
        })
      : [];

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      // One JSON object per request (the fields CDK's default common log format had, with the route
      // template instead of the path and the latencies): Logs Insights reads them without a parse step.
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    if (props.createThrottle) {
      const { rateLimit, burstLimit } = props.createThrottle;
      // RouteSettings is free-form JSON to CDK: the keys are CloudFormation's own spelling.
      (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Object.fromEntries(
        Object.keys(RATE_POLICY).map((key) => [
          createRouteKey(key),
          { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
        ]),
      );
      // A route setting for a route that does not exist yet fails the deploy.
      for (const route of createRoutes) this.stage.node.addDependency(route);
    }

    const stack = Stack.of(this);
    this.domainName = `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    new CfnOutput(this, 'Endpoint', { value: `https://${this.domainName}` });
  }
}
