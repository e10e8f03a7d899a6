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
