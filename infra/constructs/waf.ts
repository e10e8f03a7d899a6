/**
 * AWS WAF at the edge. CloudFront takes only a web ACL of scope CLOUDFRONT, which must live in
 * us-east-1, so it is built by its own stack there (infra/edge-stack.ts) and its ARN reaches the hub's
 * stack through an SSM parameter. The user pool's public sign-up and sign-in endpoints get a regional
 * web ACL in the hub's own region. (The HTTP API itself cannot take a WAF: its execute-api address is
 * closed by the origin secret instead, see infra/README.md.)
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

/**
 * Requests per client IP in any 5 minutes before WAF blocks that IP (WAF counts per rolling window).
 * Reads are cheap and mostly cached; writes, sign-in and exports cost the table, Cognito or memory.
 * The app's own per-user limits (functions/api/rate-policy.ts) still apply below these.
 */
export const EDGE_RATE_LIMITS = {
  /** Everything: a page view is a dozen requests, a busy reader a few hundred in 5 minutes. */
  all: 3000,
  /** POST, PUT, PATCH, DELETE under /api and /open311. */
  writes: 300,
  /** /api/auth/ (the token exchange): password guessing and code replay. */
  signIn: 60,
  /** /api/export/ and /api/exports (jobs): each export reads every item. */
  exports: 30,
} as const;

/** Cognito sign-up, sign-in and code requests per client IP in 5 minutes. */
export const USER_POOL_RATE_LIMIT = 100;

const WINDOW_SECONDS = 300;

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

function managed(name: string, priority: number, overrides: string[] = []): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(overrides.length > 0
          ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

const pathStartsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const methodIs = (method: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const anyOf = (statements: wafv2.CfnWebACL.StatementProperty[]): wafv2.CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0]! : { orStatement: { statements } };

function rateRule(
  name: string,
  priority: number,
  limit: number,
  scopeDown?: wafv2.CfnWebACL.StatementProperty,
): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        aggregateKeyType: 'IP',
        evaluationWindowSec: WINDOW_SECONDS,
        ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/** The web ACL of the CloudFront distribution (create it in a us-east-1 stack). */
export function cloudFrontWebAcl(scope: Construct, id: string): wafv2.CfnWebACL {
  const writes: wafv2.CfnWebACL.StatementProperty = {
    andStatement: {
      statements: [
        anyOf(['POST', 'PUT', 'PATCH', 'DELETE'].map(methodIs)),
        anyOf([pathStartsWith('/api/'), pathStartsWith('/open311/')]),
      ],
    },
  };
  return new wafv2.CfnWebACL(scope, id, {
    scope: 'CLOUDFRONT',
    description:
      'Open Budget Map - AWS managed rules and per-IP rate limits, tighter on writes, sign-in and exports',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('OpenBudgetMapEdge'),
    rules: [
      rateRule('RateWrites', 0, EDGE_RATE_LIMITS.writes, writes),
      rateRule('RateSignIn', 1, EDGE_RATE_LIMITS.signIn, pathStartsWith('/api/auth/')),
      // Both the synchronous downloads (/api/export/...) and the export jobs (POST /api/exports,
      // GET /api/exports/{id}) read every item.
      rateRule(
        'RateExports',
        2,
        EDGE_RATE_LIMITS.exports,
        anyOf([pathStartsWith('/api/export/'), pathStartsWith('/api/exports')]),
      ),
      rateRule('RateAll', 3, EDGE_RATE_LIMITS.all),
      // An admin's data import is a body of up to 6 MB (functions/api/routes/opendata.ts): the common
      // set's 8 KB body limit would refuse every import, so that one rule only counts.
      managed('AWSManagedRulesCommonRuleSet', 4, ['SizeRestrictions_BODY']),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 5),
    ],
  });
}

/** The regional web ACL of the Cognito user pool: a sign-up flood cannot burn the day's mail. */
export function userPoolWebAcl(scope: Construct, id: string, userPoolArn: string): wafv2.CfnWebACL {
  const acl = new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    description: 'Open Budget Map user pool - per-IP rate limit and known bad inputs',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('OpenBudgetMapUserPool'),
    rules: [
      rateRule('RateUserPool', 0, USER_POOL_RATE_LIMIT),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, `${id}Association`, {
    resourceArn: userPoolArn,
    webAclArn: acl.attrArn,
  });
  return acl;
}

/**
 * The CloudFront web ACL's ARN, read at deploy time from the SSM parameter the us-east-1 stack wrote
 * (infra/edge-stack.ts). A custom resource does the cross-region read because the hub's stack may be
 * synthesized without a region, which CDK's own cross-region references do not support. It reads
 * again whenever the parameter's name changes (a new stage); the ACL keeps its ARN across updates.
 */
export function webAclArnFromEdge(
  scope: Construct,
  id: string,
  parameterName: string,
  edgeRegion: string,
): { arn: string; reader: cr.AwsCustomResource } {
  const stack = Stack.of(scope);
  const call: cr.AwsSdkCall = {
    service: 'SSM',
    action: 'getParameter',
    parameters: { Name: parameterName },
    region: edgeRegion,
    physicalResourceId: cr.PhysicalResourceId.of(parameterName),
  };
  const reader = new cr.AwsCustomResource(scope, id, {
    onCreate: call,
    onUpdate: call,
    installLatestAwsSdk: false,
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          stack.formatArn({
            service: 'ssm',
            region: edgeRegion,
            resource: 'parameter',
            resourceName: parameterName.replace(/^\//, ''),
          }),
        ],
      }),
    ]),
  });
  return { arn: reader.getResponseField('Parameter.Value'), reader };
}
