/**
 * A refusal from the API in the user's language. The server's English `title`/`detail`/`message` never
 * reach the screen: the problem's `code` and `params` (or, from a server that sends no code, its
 * stable `type`) choose a message from the catalogues; 429 and 503 say the server's Retry-After.
 */
import { ApiError, type WireProblem } from './api';
import { formatDate } from './format';
import { hasMessage, lang, t } from './i18n';

type Params = Record<string, string | number>;

/** Dates in params (`latest`, `deadline`…) arrive as ISO days; the reader sees them as on every other page. */
function localized(params: Params | undefined): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params ?? {}))
    out[k] = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, lang.value) : v;
  return out;
}

function byCode(code: string | undefined, params: Params | undefined): string | null {
  if (!code) return null;
  const key = `problem.${code}`;
  return hasMessage(key) ? t(key, localized(params)) : null;
}

function byType(problem: WireProblem): string {
  const slug = problem.type.replace(/^.*\/problems\//, '');
  const key = `problem.type.${slug}`;
  return hasMessage(key) ? t(key) : t('problem.unknown', { status: problem.status });
}

/** The first per-field reason, with the field's name when a label for it exists. */
function fieldText(problem: WireProblem): string | null {
  const field = problem.errors?.find((e) => e.code && hasMessage(`problem.${e.code}`));
  if (!field) return null;
  const reason = byCode(field.code, field.params)!;
  const labelKey = `field.${field.field}`;
  return hasMessage(labelKey) ? t('problem.fieldError', { field: t(labelKey), reason }) : reason;
}

/** The user-facing sentence for any error a call to the API can end with. */
export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('problem.network');
  const problem = err.problem;
  const retryAfterSeconds = err.retryAfterSeconds ?? Number(problem.params?.retryAfterSeconds ?? Number.NaN);
  if (problem.code === 'rate.limited' || problem.code === 'storage.unavailable' || err.status === 429) {
    if (Number.isFinite(retryAfterSeconds)) {
      const code = problem.code ?? (err.status === 429 ? 'rate.limited' : 'storage.unavailable');
      return t(`problem.${code}`, { ...problem.params, retryAfterSeconds });
    }
  }
  return fieldText(problem) ?? byCode(problem.code, problem.params) ?? byType(problem);
}
