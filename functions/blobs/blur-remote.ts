/**
 * Blurring in the cloud: sharp ships only with the upload publisher's function, so the API hands a
 * moderator's blur to it (a synchronous Invoke) and the publisher runs the same workflow the local
 * store runs in process (functions/services/photo-blur.ts): it reads the private original, writes
 * the blurred public file and puts its SHA-256 on the audit chain. A refusal (no such photo, not an
 * image) comes back as data and is raised again in the API as the same problem.
 */
import type { ProblemCode } from '../../shared/problem-codes';
import { type InvokeFunction, invokeJson, invokeLambda } from '../lambda-invoke';
import type { BlurRegion } from './blur-image';

export interface PhotoBlurRequest {
  uploadId: string;
  regions: BlurRegion[];
  actorSub: string;
  /** When the moderator asked (ISO), the time the audit entry carries. */
  at: string;
}

export interface PhotoBlurResult {
  width: number;
  height: number;
  regions: number;
}

export type PhotoBlurOutcome =
  | { result: PhotoBlurResult }
  | { refused: { status: 404 | 409; detail: string; code: ProblemCode } };

/** The publisher's event for a blur (its S3 notifications carry `Records` instead). */
export interface PhotoBlurEvent {
  blur: PhotoBlurRequest;
}

export const isPhotoBlurEvent = (event: unknown): event is PhotoBlurEvent =>
  typeof event === 'object' && event !== null && 'blur' in event;

/** The API store's `blurElsewhere`: invokes the publisher function and waits for its outcome. */
export function blurInFunction(
  functionName: string,
  invoke: InvokeFunction = invokeLambda,
): (request: PhotoBlurRequest) => Promise<PhotoBlurOutcome> {
  return (blur) => invokeJson<PhotoBlurOutcome>(invoke, functionName, { blur } satisfies PhotoBlurEvent);
}
