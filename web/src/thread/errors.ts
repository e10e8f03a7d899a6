import { t } from '../i18n';
import { problemText } from '../problemText';

/** A refusal in words for the status line, in the user's language (429 says the server's wait). */
export function describeError(err: unknown): string {
  return t('thread.error', { detail: problemText(err) });
}
