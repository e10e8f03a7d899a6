import { ApiError } from '../api';
import { t } from '../i18n';

/** A problem+json answer in words for the status line (429 says how long to wait). */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429) return t('thread.rateLimited', { seconds: '60' });
    const field = err.problem.errors?.[0];
    return t('thread.error', { detail: field ? `${field.field}: ${field.message}` : err.message });
  }
  return t('thread.error', { detail: err instanceof Error ? err.message : String(err) });
}
