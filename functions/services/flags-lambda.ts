/**
 * The nightly flag job in the cloud: a schedule (infra/constructs/flag-job.ts) invokes it once a
 * night in Asia/Almaty; imports and syncs run the same job at their end.
 */
import { createStore } from '../data/client';
import { type FlagJobReport, runFlagJob } from './flags';

const store = createStore();

export const handler = async (): Promise<FlagJobReport> => {
  const report = await runFlagJob(store);
  // One JSON line: the run's figures land in the function's log group.
  console.log(JSON.stringify({ message: 'flag job', ...report }));
  return report;
};
