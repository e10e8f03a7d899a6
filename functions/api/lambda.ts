// The API function's entry (infra/constructs/api.ts): the map, items, questions, comments.
import { assertRuntimeSdk } from '../runtime-sdk';
import { cloudApp } from './cloud';
import { httpEntry } from './http-entry';

// The SDK comes from the Lambda runtime (infra/bundling.ts): refuse to start on one too old.
assertRuntimeSdk();

export const handler = httpEntry(cloudApp);
