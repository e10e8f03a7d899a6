import { AwsSolutionsChecks } from 'cdk-nag';
import { createHubApp } from './hub';
const stage = process.argv[2] ?? 'dev';
const t = Date.now();
const { app } = createHubApp({ context: { stage, 'aws:cdk:bundling-stacks': [] }, outdir: '/tmp/cdkout-check' });
const report = new AwsSolutionsChecks().validateScope(app);
for (const v of report.violations) console.log(v.severity, v.ruleName, v.violatingResources.map((r) => r.constructPath).join(' , '));
console.log('ms', Date.now() - t);
