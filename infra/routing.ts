/**
 * CloudFront routing as the synthesized template states it: which behaviour takes a path, which
 * origin that is, and what the behaviour's viewer-request function makes of the path. Used by the
 * reachability test (infra/hub.test.ts) to prove that every API, Open311 and web route lands on an
 * origin that can answer it; a route on the wrong origin is dead only in the cloud, where no local
 * test sees it.
 */
import { runInNewContext } from 'node:vm';

// CloudFormation JSON is untyped; the shapes below are what the functions read from it.
// biome-ignore lint/suspicious/noExplicitAny: synthesized template JSON
type Cfn = any;

export type OriginKind = 'api' | 'feed' | 'site';

export interface Landing {
  pattern: string;
  originKind: OriginKind;
  methods: string[];
  /** The URI the origin is asked for after the viewer-request function, or the function's own answer. */
  outcome: { uri: string } | { status: number };
}

/**
 * CloudFront path patterns: `*` any run of characters (slashes too), `?` one character, case-sensitive,
 * matched against the whole path. The query string plays no part.
 */
export function patternMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** Runs a CloudFront Function (JS 2.0, viewer request) from the template on a GET of `uri`. */
function runViewerRequest(code: string, uri: string): Landing['outcome'] {
  const event = { request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } };
  const result = runInNewContext(`${code}\nhandler(event);`, { event }) as Cfn;
  return typeof result.statusCode === 'number' ? { status: result.statusCode } : { uri: result.uri };
}

export interface RoutingOrigins {
  /** Logical ids of the buckets behind the distribution. */
  feedBucket: string;
  siteBucket: string;
}

/** The behaviour CloudFront picks for `path` in the first distribution of `template`, and its outcome. */
export function landingOf(template: Cfn, origins: RoutingOrigins, path: string): Landing {
  const resources = template.Resources as Record<string, { Type: string; Properties: Cfn }>;
  const distribution = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
  if (!distribution) throw new Error('no CloudFront distribution in the template');
  const config = distribution.Properties.DistributionConfig;
  const behaviors: Cfn[] = config.CacheBehaviors ?? [];
  const behavior = behaviors.find((b) => patternMatches(b.PathPattern, path)) ?? config.DefaultCacheBehavior;
  const origin = config.Origins.find((o: Cfn) => o.Id === behavior.TargetOriginId);
  const bucketOf = origin.DomainName?.['Fn::GetAtt']?.[0] as string | undefined;
  const originKind: OriginKind =
    bucketOf === origins.feedBucket
      ? 'feed'
      : bucketOf === origins.siteBucket
        ? 'site'
        : origin.CustomOriginConfig
          ? 'api'
          : (() => {
              throw new Error(`origin ${origin.Id} is neither a known bucket nor the API`);
            })();
  const viewerRequest = (behavior.FunctionAssociations ?? []).find(
    (f: Cfn) => f.EventType === 'viewer-request',
  );
  let outcome: Landing['outcome'] = { uri: path };
  if (viewerRequest) {
    const functionId = viewerRequest.FunctionARN['Fn::GetAtt'][0] as string;
    outcome = runViewerRequest(resources[functionId]!.Properties.FunctionCode, path);
  }
  return {
    pattern: behavior.PathPattern ?? '(default)',
    originKind,
    methods: behavior.AllowedMethods ?? ['GET', 'HEAD'],
    outcome,
  };
}

/** An OpenAPI or Hono path with sample values for its parameters (`{id}` and `:id` alike). */
export function samplePath(path: string): string {
  return path.replace(/\{[^}]+\}|:[A-Za-z_]+/g, (param) =>
    /id\b|Id\b/.test(param) ? '01JABCDEFGHJKMNPQRSTVWXYZ0' : 'sample',
  );
}

export interface HttpApiRoute {
  routeKey: string;
  /** Logical id of the Lambda function the route's integration invokes. */
  functionId: string;
}

/** An HTTP API route path as a pattern: `{name}` one segment, `{proxy+}` one or more. */
function routePathMatches(routePath: string, path: string): boolean {
  const source = routePath
    .split(/(\{[^}]+\})/)
    .map((part) =>
      part === ''
        ? ''
        : part.endsWith('+}')
          ? '.+'
          : part.startsWith('{')
            ? '[^/]+'
            : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/**
 * The route of the first HTTP API in `template` that API Gateway picks for `method path`, and the
 * function behind it: the most specific path wins (a route without a greedy `{proxy+}` before one
 * with it, then the longer one), and a route's own method before `ANY`.
 */
export function httpApiRouteOf(template: Cfn, method: string, path: string): HttpApiRoute | undefined {
  const resources = template.Resources as Record<string, { Type: string; Properties: Cfn }>;
  const candidates = Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
    .map((r) => {
      const [routeMethod, routePath] = (r.Properties.RouteKey as string).split(' ') as [string, string];
      return {
        routeKey: r.Properties.RouteKey as string,
        routeMethod,
        routePath,
        target: r.Properties.Target,
      };
    })
    .filter(
      (r) => (r.routeMethod === 'ANY' || r.routeMethod === method) && routePathMatches(r.routePath, path),
    )
    .sort(
      (a, b) =>
        Number(a.routePath.includes('+}')) - Number(b.routePath.includes('+}')) ||
        b.routePath.length - a.routePath.length ||
        Number(a.routeMethod === 'ANY') - Number(b.routeMethod === 'ANY'),
    );
  const route = candidates[0];
  if (!route) return undefined;
  // Target: integrations/<integration id>; the integration's URI is the function's ARN.
  const integrationId = (route.target['Fn::Join'][1] as Cfn[]).find((p) => p.Ref)?.Ref as string;
  const uri = resources[integrationId]!.Properties.IntegrationUri;
  return { routeKey: route.routeKey, functionId: uri['Fn::GetAtt'][0] as string };
}
