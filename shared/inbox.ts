/**
 * An official's desk for a body's questions (issue 20, item 4): answer templates of the body, who of
 * its officials handles a question, and internal notes. All three are internal to the body: they are
 * never part of a question's public view, the open data, a data-rights export or the audit chain.
 * And the eOtinish registration of a question, which is public (shared/questions.ts `eotinish`).
 */
import type { Flat } from './types';

// The template helpers live in a module without zod, so the web can use them (the browser gets no zod).
export {
  fillTemplate,
  TEMPLATE_LANGS,
  TEMPLATE_PLACEHOLDERS,
  type TemplateLang,
  type TemplatePlaceholder,
} from './inbox-templates';

export type TemplateInput = { title: string; text: { kk?: string | undefined; ru?: string | undefined } };

export type AnswerTemplate = Flat<
  TemplateInput & {
    id: string;
    bodyId: string;
    updatedByName: string;
    createdAt: string;
    updatedAt: string;
    version: number;
  }
>;

export type BodyOfficial = { sub: string; name: string };

export type Assignment = {
  questionId: string;
  itemId: string;
  bodyId: string;
  assignee: BodyOfficial | null;
  by: BodyOfficial;
  at: string;
  history: { assignee: BodyOfficial | null; by: BodyOfficial; at: string }[];
};

export type InternalNote = {
  id: string;
  questionId: string;
  bodyId: string;
  text: string;
  by: BodyOfficial;
  at: string;
};

export type EotinishInput = { number: string; registeredOn: string };
