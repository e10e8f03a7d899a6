// The CDK CLI entry (`cdk.json`: `npx tsx infra/app.ts`). Stage and options come from context:
// `npx cdk deploy -c stage=prod -c alarmEmail=ops@example.kz`.
import { createHubApp } from './hub';

createHubApp();
