/** The questions API as the web uses it, and the small helpers every questions view shares. */

import type { FileRef } from '../../../shared/comments';
import type { Lang, Localized } from '../../../shared/i18n-text';
import { pickText } from '../../../shared/i18n-text';
import type { BodyResponsiveness, QuestionView } from '../../../shared/questions';
import { ApiError, api } from '../api';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';

export type { QuestionView };
/** The answer's language and, for one in neither kk nor the question's, the official's confirmation. */
export interface AnswerLanguage {
  lang: Lang;
  confirmLanguage?: boolean;
}
export type ResponsivenessRow = BodyResponsiveness & { name: Localized };

const post = <T>(path: string, body: unknown = {}) =>
  api<T>(path, { method: 'POST', body: JSON.stringify(body) });
const qPath = (q: Pick<QuestionView, 'itemId' | 'id'>) => `/api/items/${q.itemId}/questions/${q.id}`;

export const questionsApi = {
  forItem: (itemId: string) => api<{ questions: QuestionView[] }>(`/api/items/${itemId}/questions`),
  // The question's language defaults to the interface's (Law on Languages art. 11: the answer may follow it).
  raise: (itemId: string, text: string, lang: Lang = getLang()) =>
    post<QuestionView>(`/api/items/${itemId}/questions`, { text, lang }),
  mine: () => api<{ questions: QuestionView[] }>('/api/questions/mine'),
  inbox: (bodyId: string, status: string, due: string) =>
    api<{ questions: QuestionView[]; counts: { open: number; overdue: number; dueSoon: number } }>(
      `/api/bodies/${encodeURIComponent(bodyId)}/questions?status=${status}&due=${due}`,
    ),
  review: (q: QuestionView) => post<QuestionView>(`${qPath(q)}/review`),
  // `attachments`: the official's photos, PDFs and detached signatures (issue 19, item 5; ../evidence/officialFiles.ts).
  answer: (q: QuestionView, text: string, language: AnswerLanguage, attachments: FileRef[] = []) =>
    post<QuestionView>(`${qPath(q)}/answer`, { text, ...language, attachments }),
  editAnswer: (q: QuestionView, text: string, language: AnswerLanguage, attachments: FileRef[] = []) =>
    api<QuestionView>(`${qPath(q)}/answer`, {
      method: 'PUT',
      body: JSON.stringify({ text, ...language, attachments }),
    }),
  extend: (q: QuestionView, newDueOn: string, reason: string, attachments: FileRef[] = []) =>
    post<QuestionView>(`${qPath(q)}/extend`, { newDueOn, reason, attachments }),
  redirect: (q: QuestionView, toBodyId: string, reason: string, attachments: FileRef[] = []) =>
    post<QuestionView>(`${qPath(q)}/redirect`, { toBodyId, reason, attachments }),
  accept: (q: QuestionView) => post<QuestionView>(`${qPath(q)}/accept`),
  dispute: (q: QuestionView, reason: string) => post<QuestionView>(`${qPath(q)}/dispute`, { reason }),
  rate: (q: QuestionView, rating: number) => post<QuestionView>(`${qPath(q)}/rate`, { rating }),
  responsiveness: () => api<{ bodies: ResponsivenessRow[]; minSample: number }>('/api/responsiveness'),
};

let bodies: Promise<Map<string, Localized>> | null = null;

/** Body names by id, loaded once. */
export function bodyNames(): Promise<Map<string, Localized>> {
  bodies ??= api<{ bodies: Array<{ id: string; name: Localized }> }>('/api/bodies')
    .then((res) => new Map(res.bodies.map((b) => [b.id, b.name])))
    .catch(() => {
      bodies = null;
      return new Map();
    });
  return bodies;
}

export function bodyName(names: Map<string, Localized>, id: string): string {
  return pickText(names.get(id), getLang()) || id;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const code = err.problem.code;
    const stale = code === 'question.stale' || code === 'state.stale';
    if (err.status === 409 && stale) return t('questions.conflict');
  }
  return t('questions.error', { message: problemText(err) });
}
