/**
 * What CloudFront needs from us-east-1: the distribution's web ACL (infra/constructs/waf.ts). Its ARN
 * is published as an SSM parameter there; the hub's stack, in any region, reads it at deploy time.
 * Deployed before the hub's stack (a stack dependency), once per stage.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { cloudFrontWebAcl } from './constructs/waf';
import type { StageName } from './stage';

/** CloudFront's web ACLs and certificates live only here. */
export const EDGE_REGION = 'us-east-1';

/** The SSM parameter (in us-east-1) holding the distribution's web ACL ARN. */
export const webAclParameterName = (stage: StageName) => `/open-budget-map/${stage}/cloudfront-web-acl-arn`;

export interface EdgeStackProps extends StackProps {
  stage: StageName;
}

export class EdgeStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  readonly parameterName: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.webAcl = cloudFrontWebAcl(this, 'WebAcl');
    this.parameterName = webAclParameterName(props.stage);
    new ssm.StringParameter(this, 'WebAclArn', {
      parameterName: this.parameterName,
      description: 'ARN of the CloudFront web ACL of Open Budget Map (read by the hub stack)',
      stringValue: this.webAcl.attrArn,
    });
  }
}
