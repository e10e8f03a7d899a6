// What the Lambda bundles get for `aws-xray-sdk-core` (an esbuild alias, infra/bundling.ts), which
// the Powertools tracer (functions/tracing.ts) runs on. The SDK's entry (dist/lib/aws-xray.js) is
// CommonJS and requires every part of the SDK to build one object, so no bundler can drop any: the
// SDK v2 patcher and the semver it checks SDK v2 versions with (31 KB minified), the EC2, ECS and
// Elastic Beanstalk plugins, the promise patcher, the SQL data class and the package's whole
// package.json. The tracer takes only the functions its provider destructures (ProviderService.js).
//
// This is that entry with the same modules, unchanged, minus those parts: the same context, segment
// classes, daemon settings, SDK v3 and HTTP patchers, and at load the same SDK data and, in Lambda,
// the SDK's own Lambda set-up (the facade segment, centralized sampling off). The SDK v2 capture
// functions throw: we trace SDK v3 clients only (functions/tracing.ts, `captureAWSv3Client`).
// infra/bundling.test.ts checks these are the SDK's own objects, and that a bundle built with this
// alias sends its subsegments to an X-Ray daemon.

import capture from '../../node_modules/aws-xray-sdk-core/dist/lib/capture.js';
import contextUtils from '../../node_modules/aws-xray-sdk-core/dist/lib/context_utils.js';
import daemonConfig from '../../node_modules/aws-xray-sdk-core/dist/lib/daemon_config.js';
import lambdaEnv from '../../node_modules/aws-xray-sdk-core/dist/lib/env/aws_lambda.js';
import logging from '../../node_modules/aws-xray-sdk-core/dist/lib/logger.js';
import aws3Patcher from '../../node_modules/aws-xray-sdk-core/dist/lib/patchers/aws3_p.js';
import httpPatcher from '../../node_modules/aws-xray-sdk-core/dist/lib/patchers/http_p.js';
import awsAttributes from '../../node_modules/aws-xray-sdk-core/dist/lib/segments/attributes/aws.js';
import Subsegment from '../../node_modules/aws-xray-sdk-core/dist/lib/segments/attributes/subsegment.js';
import Segment from '../../node_modules/aws-xray-sdk-core/dist/lib/segments/segment.js';
import segmentUtils from '../../node_modules/aws-xray-sdk-core/dist/lib/segments/segment_utils.js';
import { name, version } from '../../node_modules/aws-xray-sdk-core/package.json';

/** The SDK v2 patcher is not in the bundle: a call means code that traces an SDK v2 client. */
function sdkV2NotBundled() {
  throw new Error(
    'The bundles trace AWS SDK v3 clients only (captureAWSv3Client): the X-Ray SDK v2 patcher is aliased away (infra/aliases/aws-xray-sdk-core.mjs).',
  );
}

const AWSXRay = {
  setStreamingThreshold: segmentUtils.setStreamingThreshold,
  setAWSWhitelist: awsAttributes.setAWSWhitelist,
  appendAWSWhitelist: awsAttributes.appendAWSWhitelist,
  setLogger: logging.setLogger,
  getLogger: logging.getLogger,
  setDaemonAddress: daemonConfig.setDaemonAddress,
  captureFunc: capture.captureFunc,
  captureAsyncFunc: capture.captureAsyncFunc,
  captureCallbackFunc: capture.captureCallbackFunc,
  captureAWS: sdkV2NotBundled,
  captureAWSClient: sdkV2NotBundled,
  captureAWSv3Client: aws3Patcher.captureAWSClient,
  captureHTTPs: httpPatcher.captureHTTPs,
  captureHTTPsGlobal: httpPatcher.captureHTTPsGlobal,
  getNamespace: contextUtils.getNamespace,
  resolveSegment: contextUtils.resolveSegment,
  resolveManualSegmentParams: contextUtils.resolveManualSegmentParams,
  getSegment: contextUtils.getSegment,
  setSegment: contextUtils.setSegment,
  isAutomaticMode: contextUtils.isAutomaticMode,
  enableAutomaticMode: contextUtils.enableAutomaticMode,
  enableManualMode: contextUtils.enableManualMode,
  setContextMissingStrategy: contextUtils.setContextMissingStrategy,
  Segment,
  Subsegment,
  SegmentUtils: segmentUtils,
};

// What the SDK's entry does when it loads (aws-xray.js, at its end).
segmentUtils.setSDKData({ sdk: 'X-Ray for Node.js', sdk_version: version, package: name });
segmentUtils.setServiceData({
  runtime: process.release?.name ?? 'unknown',
  runtime_version: process.version,
  version: process.env.npm_package_version || 'unknown',
  name: process.env.npm_package_name || 'unknown',
});
if (process.env.LAMBDA_TASK_ROOT) lambdaEnv.init();

export default AWSXRay;
