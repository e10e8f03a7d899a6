/**
 * Every Lambda of the hub is a HubFunction: the defaults are fixed here once (Node 22 on arm64,
 * local esbuild bundling to ESM with source maps, JSON logs, a log group with retention, Powertools
 * settings), and table access is granted together with the env var that names the table.
 */
import { join } from 'node:path';
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { Charset, type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE } from '../../functions/data/table';
import { ESM_REQUIRE_BANNER, esbuildArgs, RUNTIME_SDK_PACKAGES } from '../bundling';

/** The repository root: entries and the lock file are found from here, whatever the cwd. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

// Each index by name (no `index/*` wildcard): a new index must appear in TABLE to be reachable.
const INDEX_NAMES = Object.values(TABLE.indexes).map((i) => i.name);

export interface HubFunctionProps {
  /** Path of the entry file, relative to the repository root (e.g. `functions/api/lambda.ts`). */
  entry: string;
  /** Powertools service name: the `service` key of every log line and the metrics dimension. */
  serviceName: string;
  description: string;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /**
   * Packages that cannot be bundled (native code): left out of the bundle and copied, installed for
   * the Lambda platform, from `<dir>/node_modules` next to it. See infra/native.ts.
   */
  installedModules?: { names: readonly string[]; dir: string };
  /**
   * Adds the AWS Parameters and Secrets Lambda Extension: the function reads Secrets Manager values
   * at cold start over a local endpoint (functions/cloud-secrets.ts) instead of from its environment.
   */
  readsSecrets?: boolean;
  /**
   * Takes the AWS SDK from the Lambda runtime instead of bundling it (infra/bundling.ts): 500 KB
   * less to load at cold start. The other functions keep the version we test with.
   */
  usesRuntimeSdk?: boolean;
  /**
   * Files of the repository (paths relative to its root) copied next to the bundle's index.mjs, read
   * from disk when a request needs them rather than compiled into the code every cold start loads.
   */
  assetFiles?: readonly string[];
  /**
   * X-Ray tracing (Lambda adds the write permission for trace segments). Default: active, so every
   * function's invocations, cold starts and SDK calls show up in one service map. PASS_THROUGH only
   * with a reason.
   */
  tracing?: Tracing;
}

export type TableAccess = 'read' | 'readWrite';

/** Query and Get only: what a reader needs, nothing that changes data. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/** Writes include transactions (comment + count) but never table administration or Scan. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** Metric namespace shared by every function, so one dashboard shows them together. */
export const METRICS_NAMESPACE = 'OpenBudgetMap';

// ESM resolves bare imports from the bundle's own folder upwards (not NODE_PATH, not layers), so
// installed packages go into the bundle as node_modules/. Asset files go beside index.mjs.
function copyIntoBundle(props: Pick<HubFunctionProps, 'installedModules' | 'assetFiles'>): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      ...(props.installedModules
        ? [`cp -R "${join(props.installedModules.dir, 'node_modules')}" "${outputDir}/node_modules"`]
        : []),
      ...(props.assetFiles ?? []).map((file) => `cp "${join(REPO_ROOT, file)}" "${outputDir}/"`),
    ],
  };
}

/**
 * The stack's one audit actor secret (`{ actorSecret }`, generated): the key of the chain's
 * pseudonymous actors (functions/audit/chain.ts). One per stack, made by the first function that
 * writes the table; never in a function's configuration, only its ARN.
 */
export function auditActorSecretOf(scope: Construct): secretsmanager.Secret {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('AuditActorSecret');
  if (existing) return existing as secretsmanager.Secret;
  return new secretsmanager.Secret(stack, 'AuditActorSecret', {
    description: 'Keys the audit chain pseudonyms (AUDIT_ACTOR_SECRET): the same account, the same hash',
    generateSecretString: {
      secretStringTemplate: '{}',
      generateStringKey: 'actorSecret',
      excludePunctuation: true,
      passwordLength: 64,
    },
  });
}

export class HubFunction extends NodejsFunction {
  private readonly readsSecrets: boolean;

  constructor(scope: Construct, id: string, props: HubFunctionProps) {
    // The role and log group are made first so the role can be scoped to this one log group; the
    // managed AWSLambdaBasicExecutionRole would allow writing to every log group in the account.
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.serviceName}: logs to its own group, data access added by bindings`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    super(scope, id, {
      entry: join(REPO_ROOT, props.entry),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      tracing: props.tracing ?? Tracing.ACTIVE,
      ...(props.readsSecrets
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
              cacheSize: 10,
              logLevel: ParamsAndSecretsLogLevel.WARN,
            }),
          }
        : {}),
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        // esbuild from node_modules, never Docker: synth works on a laptop and in CI without a daemon.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // BUNDLE_CHARSET (infra/bundling.ts): kk/ru texts as UTF-8, not six-byte escapes. CDK does not
        // pass this on to esbuild; esbuildArgs() does (`--charset=utf8`), this says the intent.
        charset: Charset.UTF8,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled (the version we test with) unless the function opts for the runtime's.
        externalModules: [
          ...(props.installedModules?.names ?? []),
          ...(props.usesRuntimeSdk ? RUNTIME_SDK_PACKAGES : []),
        ],
        esbuildArgs: esbuildArgs({ runtimeSdk: props.usesRuntimeSdk }),
        ...(props.installedModules || props.assetFiles?.length
          ? { commandHooks: copyIntoBundle(props) }
          : {}),
      },
    });
    this.readsSecrets = props.readsSecrets ?? false;
    if ((props.tracing ?? Tracing.ACTIVE) === Tracing.ACTIVE) {
      // Lambda's tracing grant is xray:PutTraceSegments/PutTelemetryRecords on `*`, added to the role.
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray trace segments have no resource to name: PutTraceSegments and PutTelemetryRecords take `*` only.',
      });
    }
  }

  /**
   * Grants this function access to the table (and all its indexes) and tells it the table's name.
   * Actions are listed one by one: no `dynamodb:*`, and resources are the table and its indexes only.
   */
  bindTable({ table, access }: { table: ITable; access: TableAccess }): this {
    const actions =
      access === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        sid: access === 'read' ? 'ReadTable' : 'ReadWriteTable',
        actions,
        resources: [table.tableArn, ...INDEX_NAMES.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    this.addEnvironment('TABLE_NAME', table.tableName);
    // A writer may append to the audit chain, whose actors are keyed by the stack's secret: it
    // reads it at cold start (functions/cloud-secrets.ts) and refuses to hash without it.
    if (access === 'readWrite') {
      if (!this.readsSecrets)
        throw new Error(`${this.node.path} writes the table, so it must read secrets (the audit actor key)`);
      const secret = auditActorSecretOf(this);
      secret.grantRead(this);
      this.addEnvironment('AUDIT_ACTOR_SECRET_ARN', secret.secretArn);
    }
    return this;
  }
}
