/**
 * Builds the CDK app: one stack per stage, checked by cdk-nag's AwsSolutions and Serverless
 * packs on every synth.
 * Used by `infra/app.ts` (the CLI entry) and by the tests, which pass their own context.
 */
import { join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { REPO_ROOT } from './constructs/hub-function';
import { EDGE_REGION, EdgeStack } from './edge-stack';
import { NATIVE_DIR, nativeModulesReady } from './native';
import { HubStack } from './stack';
import { stageSettings } from './stage';

export interface HubAppOptions extends AppProps {
  /** The built web app to upload; `web/dist` when run from the repository root. */
  webDist?: string;
  /** Where native modules for Lambda are installed (infra/native.ts). */
  nativeDir?: string;
  /** The timed-notification handler; by default functions/notify/timed-handler.ts when it exists. */
  timedNotifyEntry?: string;
}

export function createHubApp({
  webDist = join(REPO_ROOT, 'web', 'dist'),
  nativeDir = NATIVE_DIR,
  timedNotifyEntry,
  ...appProps
}: HubAppOptions = {}) {
  const app = new App(appProps);
  const settings = stageSettings((key) => app.node.tryGetContext(key));
  // CloudFront's web ACL must be in us-east-1: its own small stack, deployed first.
  const edge = new EdgeStack(app, `OpenBudgetMap-${settings.stage}-Edge`, {
    stage: settings.stage,
    description: `Open Budget Map & Club Hub (${settings.stage}): CloudFront web ACL`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: EDGE_REGION },
    terminationProtection: settings.retain,
  });
  const stack = new HubStack(app, `OpenBudgetMap-${settings.stage}`, {
    settings,
    webDist,
    nativeModulesDir: nativeModulesReady(nativeDir) ? nativeDir : undefined,
    timedNotifyEntry,
    edgeWebAcl: { parameterName: edge.parameterName, region: EDGE_REGION },
    description: `Open Budget Map & Club Hub (${settings.stage})`,
    // Environment-agnostic unless the CLI knows the account: synth needs no credentials.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    terminationProtection: settings.retain,
  });
  stack.addStackDependency(edge, 'the distribution needs the web ACL published in us-east-1');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, edge, settings };
}
