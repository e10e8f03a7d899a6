/**
 * The web front door: one CloudFront distribution for the site (S3 via origin access control), the
 * map feed (the snapshot bucket, also via OAC) and the API (the HTTP API, never cached). Security
 * headers, with the CSP shared with the local server, are added at the edge.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, Size } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy } from '../../shared/csp';
import { privateBucket } from './buckets';

const EDGE_DIR = join(import.meta.dirname, '..', 'edge');

export interface WebProps {
  /** `<id>.execute-api.<region>.amazonaws.com` */
  apiDomainName: string;
  /** Headers CloudFront adds to every request it sends to the API (the origin secret). */
  apiOriginHeaders?: Record<string, string>;
  feedBucket: s3.IBucket;
  /** Browsers PUT attachments to it and load them from it by pre-signed URL: the CSP must allow it. */
  attachmentsBucket?: s3.IBucket;
  /**
   * The user pool's API origin (`https://cognito-idp.<region>.amazonaws.com`): staff set up their
   * authenticator app from the page with their own access token, so the CSP must allow it.
   */
  identityOrigin?: string;
  /** The built site (`web/dist`). When it does not exist, nothing is uploaded (see below). */
  webDist: string;
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** The AWS WAF web ACL (scope CLOUDFRONT, in us-east-1) in front of everything. */
  webAclArn?: string | undefined;
}

const TWO_YEARS = Duration.days(730);

/** The API paths served from the feed bucket's snapshot objects (see edge/map-feed-rewrite.js). */
export const FEED_PATHS = ['/api/map/items', '/api/map/shapes'] as const;

function securityHeaders(override: boolean, csp: string): cloudfront.ResponseSecurityHeadersBehavior {
  return {
    contentSecurityPolicy: { contentSecurityPolicy: csp, override },
    strictTransportSecurity: { accessControlMaxAge: TWO_YEARS, includeSubdomains: true, override: true },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
    referrerPolicy: {
      referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
      override: true,
    },
  };
}

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployed: boolean;
  readonly hasCustomCertificate: boolean;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    // Built from git on every deploy: nothing here needs to outlive the stack.
    this.bucket = privateBucket(this, 'Bucket', { retain: false });
    const csp = contentSecurityPolicy({
      ...(props.attachmentsBucket
        ? { attachmentsOrigin: `https://${props.attachmentsBucket.bucketRegionalDomainName}` }
        : {}),
      ...(props.identityOrigin ? { identityOrigin: props.identityOrigin } : {}),
    });

    const siteHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment: 'Site and map feed: CSP from shared/csp.ts, HSTS, no framing, nosniff',
      securityHeadersBehavior: securityHeaders(true, csp),
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(self)',
            override: true,
          },
        ],
      },
    });
    // The API keeps any CSP it sets itself (e.g. its docs page); everything else is enforced.
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'API: HSTS, no framing, nosniff; the CSP unless the API sets its own',
      securityHeadersBehavior: securityHeaders(false, csp),
    });

    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      comment: 'App routes get index.html; files pass through',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: join(EDGE_DIR, 'spa-fallback.js') }),
    });
    const feedRewrite = new cloudfront.Function(this, 'MapFeedRewrite', {
      comment: '/api/map/<name> -> /map/<name>.json in the feed bucket',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: join(EDGE_DIR, 'map-feed-rewrite.js') }),
    });

    // The snapshot changes when data changes; a minute at the edge keeps the origin quiet under load
    // and new data visible soon. Conditional requests (ETag) make revalidation cheap.
    const feedCache = new cloudfront.CachePolicy(this, 'MapFeedCache', {
      comment: 'Map feed snapshot: short TTL, no query strings (filters run in the browser)',
      defaultTtl: Duration.seconds(60),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      ...(props.apiOriginHeaders ? { customHeaders: props.apiOriginHeaders } : {}),
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      // Never cached: answers depend on the caller. With caching off, this policy forwards every
      // viewer header — Authorization included — except Host, which API Gateway must see as its own.
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
      compress: true,
    };

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    // LIST lets S3 say 404 (not 403) before the first snapshot exists.
    const feedOrigin = origins.S3BucketOrigin.withOriginAccessControl(props.feedBucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });
    this.hasCustomCertificate = Boolean(certificate && props.domainName);
    const feedBehavior: cloudfront.BehaviorOptions = {
      origin: feedOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: feedCache,
      responseHeadersPolicy: siteHeaders,
      compress: true,
      functionAssociations: [
        { function: feedRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Open Budget Map: site, map feed and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // The cheapest class; visitors elsewhere are still served, from the nearest included edge.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(certificate && props.domainName
        ? {
            // Custom domain: TLS 1.2 or newer only.
            certificate,
            domainNames: [props.domainName],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        compress: true,
        functionAssociations: [
          { function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      // Order matters: CloudFront takes the first match, so the feed objects come before the rest of
      // /api. Only the paths the feed bucket holds are sent there, by name: any other /api/map/ route
      // (the overdue list, read from the table) stays with the API (infra/hub.test.ts walks them all).
      additionalBehaviors: {
        ...Object.fromEntries(FEED_PATHS.map((path) => [path, feedBehavior])),
        '/api/*': apiBehavior,
        '/open311/*': apiBehavior,
      },
    });

    // Synth must work in CI before (or without) a web build, so a missing web/dist skips the upload
    // with a warning instead of failing or shipping an empty site. `npm run deploy` builds first.
    this.deployed = existsSync(join(props.webDist, 'index.html'));
    if (this.deployed) {
      this.deploySite(props.webDist);
    } else {
      Annotations.of(this).addWarningV2(
        'hub:web-dist-missing',
        `${props.webDist} has no index.html: the site is not uploaded. Run \`npm run build\` before deploying.`,
      );
    }

    new CfnOutput(this, 'SiteUrl', {
      value: props.domainName ? `https://${props.domainName}` : `https://${this.distribution.domainName}`,
    });
  }

  private deploySite(webDist: string): void {
    // Vite's hashed files never change under a name: cache them for a year. Old ones are kept (no
    // prune) so a page loaded before a deploy can still fetch its chunks. They go up first, so a new
    // index.html never points at a chunk that is not there yet.
    const assets = existsSync(join(webDist, 'assets'))
      ? new deploy.BucketDeployment(this, 'DeployAssets', {
          sources: [deploy.Source.asset(join(webDist, 'assets'))],
          destinationBucket: this.bucket,
          destinationKeyPrefix: 'assets/',
          prune: false,
          cacheControl: [
            deploy.CacheControl.setPublic(),
            deploy.CacheControl.maxAge(Duration.days(365)),
            deploy.CacheControl.immutable(),
          ],
          memoryLimit: 512,
          ephemeralStorageSize: Size.gibibytes(4),
        })
      : undefined;
    // Everything else (index.html, basemap data, icons) is revalidated on every visit.
    const pages = new deploy.BucketDeployment(this, 'DeployPages', {
      sources: [deploy.Source.asset(webDist, { exclude: ['assets/**'] })],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      // Room for a self-hosted basemap (a PMTiles archive in web/public/basemap, see README).
      ephemeralStorageSize: Size.gibibytes(4),
    });
    if (assets) pages.node.addDependency(assets);
  }
}
