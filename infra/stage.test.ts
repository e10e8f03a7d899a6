/**
 * The prod stage, synthesized once without bundling (the dev synth in hub.test.ts bundles the real
 * entries): what must survive a mistake is kept, a custom domain tightens TLS and CORS, and a missing
 * web build skips the upload instead of failing.
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it, vi } from 'vitest';
import { Identity } from './constructs/identity';
import { createHubApp } from './hub';
import { stageSettings } from './stage';

// Two cores shared with other test runs: template queries can take seconds.
vi.setConfig({ testTimeout: 30_000 });

const domainName = 'hub.example.kz';
const { app, stack } = createHubApp({
  webDist: join(import.meta.dirname, 'no-such-dist'),
  nativeDir: join(import.meta.dirname, 'no-such-native'),
  context: {
    stage: 'prod',
    domainName,
    authDomainPrefix: 'obm-hub-test',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    alarmEmail: 'ops@example.kz',
    open311ApiKeys: 'key-one,key-two',
    // Bundling is proven by the dev synth; here only the template matters.
    'aws:cdk:bundling-stacks': [],
  },
});
const template = Template.fromStack(stack);
const logicalId = (c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as never);

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

  it('keeps logs and turns on stack termination protection', () => {
    template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    expect(stack.terminationProtection).toBe(true);
  });

  it('throttles the API stage at production limits', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
  });

  it('passes the Open311 client keys to the API', () => {
    const env = template.toJSON().Resources[logicalId(stack.api.handler)].Properties.Environment.Variables;
    expect(env.OPEN311_API_KEYS).toBe('key-one,key-two');
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

  it('with a hosted domain, tells the API where managed login is and which callback to exchange codes for', () => {
    const env = template.toJSON().Resources[logicalId(stack.api.handler)].Properties.Environment.Variables;
    expect(env.AUTH_REDIRECT_URI).toBe(`https://${domainName}/`);
    const domains = template.findResources('AWS::Cognito::UserPoolDomain', {
      Properties: { Domain: 'obm-hub-test' },
    });
    expect(Object.keys(domains)).toHaveLength(1);
    expect(JSON.stringify(env.AUTH_HOSTED_UI_URL)).toContain(`{"Ref":"${Object.keys(domains)[0]}"}`);
  });

  it('passes cdk-nag without the default-certificate acknowledgement', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
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
  it('warn that the API would not load without sharp for Lambda', () => {
    const warnings = stack.api.node.metadata.filter((m) => m.type === 'aws:cdk:warning');
    expect(warnings.map((m) => String(m.data))).toEqual([expect.stringContaining('sharp for linux-arm64')]);
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
});
