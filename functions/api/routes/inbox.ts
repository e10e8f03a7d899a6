/**
 * The officials' desk for a body's questions (issue 20, item 4): the body's answer templates, its
 * roster of officials, handing a question to one of them, and internal notes on a question. All of
 * it is internal to the body (shared/policy.ts `inbox.*`: only its own officials) and none of it
 * appears in a question's public view. The workflow is functions/services/inbox.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  addNote,
  assignQuestion,
  bodyOfficials,
  createTemplate,
  DeskRuleError,
  getAssignments,
  listTemplates,
  notesOf,
  removeTemplate,
  updateTemplate,
} from '../../services/inbox';
import { getQuestion } from '../../services/questions';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, fieldError, NotFoundError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import {
  AnswerTemplate,
  AssignInput,
  Assignment,
  BodyOfficial,
  InternalNote,
  NoteInput,
  TemplateInput,
} from '../schemas/inbox';
import { Ulid } from '../schemas/item';
import { BodyId, type Question } from '../schemas/questions';

const BodyParams = z.object({ bodyId: BodyId });
const TemplateParams = z.object({ bodyId: BodyId, id: Ulid });
const QuestionParams = z.object({ itemId: Ulid, id: Ulid });
const AssignmentsQuery = z.object({
  /** The questions the inbox shows (comma-separated ids, at most 100). */
  questionIds: z
    .string()
    .max(2700)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Ulid).max(100)),
});

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Desk refusals as problems: a missing template 404, someone not of the body 400, a race 409. */
async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DeskRuleError) {
      if (err.kind === 'not_found') throw new NotFoundError(err.message, { code: err.code });
      if (err.kind === 'invalid') throw fieldError('assigneeSub', err.message, err.code);
      throw new ConflictError(err.message, { code: err.code });
    }
    throw err;
  }
}

/** The question, and the caller must be an official of the body it is addressed to now. */
async function deskQuestion(
  c: Context<AppEnv>,
  action: 'inbox.assign' | 'inbox.notes',
  itemId: string,
  id: string,
): Promise<Question> {
  const q = await getQuestion(c.var.deps.store, itemId, id);
  if (!q) throw new NotFoundError(`No question ${id} on item ${itemId}.`);
  authorize(c.var.user, action, { bodyId: q.bodyId });
  return q;
}

// Typed as the plain sub-app, as the other route modules are.
export const inboxRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('inbox.templates', {
      method: 'get',
      path: '/bodies/{bodyId}/templates',
      tags: ['inbox'],
      summary: "The body's answer templates (kk and ru, with placeholders); its officials only",
      request: { params: BodyParams },
      responses: {
        200: json(z.object({ templates: z.array(AnswerTemplate) }), 'Templates, oldest first'),
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      authorize(c.var.user, 'inbox.templates', { bodyId });
      return c.json({ templates: await listTemplates(c.var.deps.store, bodyId) }, 200);
    },
  )
  .openapi(
    defineCreate('inbox.templates', {
      method: 'post',
      path: '/bodies/{bodyId}/templates',
      tags: ['inbox'],
      summary:
        'Add an answer template for the body; placeholders {asker} {item} {body} {receivedOn} {dueOn} {official}',
      request: { params: BodyParams, ...body(TemplateInput) },
      responses: {
        201: json(AnswerTemplate, 'The new template'),
        ...problemResponses(400, 401, 403, 429, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      const input = c.req.valid('json');
      authorize(c.var.user, 'inbox.templates', { bodyId });
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /bodies/{bodyId}/templates', user.sub);
      const t = await createTemplate(c.var.deps.store, bodyId, input, user, c.var.deps.now(), (made) =>
        completionOps(c, 201, made),
      );
      return c.json(t, 201);
    },
  )
  .openapi(
    defineRoute('inbox.templates', {
      method: 'put',
      path: '/bodies/{bodyId}/templates/{id}',
      tags: ['inbox'],
      summary: 'Change an answer template of the body',
      request: { params: TemplateParams, ...body(TemplateInput) },
      responses: {
        200: json(AnswerTemplate, 'The template after the change'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { bodyId, id } = c.req.valid('param');
      authorize(c.var.user, 'inbox.templates', { bodyId });
      const work = updateTemplate(
        c.var.deps.store,
        bodyId,
        id,
        c.req.valid('json'),
        c.var.user!,
        c.var.deps.now(),
      );
      return c.json(await guarded(work), 200);
    },
  )
  .openapi(
    defineRoute('inbox.templates', {
      method: 'delete',
      path: '/bodies/{bodyId}/templates/{id}',
      tags: ['inbox'],
      summary: 'Remove an answer template of the body (answers already sent keep their text)',
      request: { params: TemplateParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const { bodyId, id } = c.req.valid('param');
      authorize(c.var.user, 'inbox.templates', { bodyId });
      await guarded(removeTemplate(c.var.deps.store, bodyId, id, c.var.user!));
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('inbox.officials', {
      method: 'get',
      path: '/bodies/{bodyId}/officials',
      tags: ['inbox'],
      summary: "The body's officials a question can be handed to (the caller is put on the roster)",
      request: { params: BodyParams },
      responses: {
        200: json(z.object({ officials: z.array(BodyOfficial) }), 'Officials by name'),
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      authorize(c.var.user, 'inbox.officials', { bodyId });
      const officials = await bodyOfficials(c.var.deps.store, bodyId, c.var.user!, c.var.deps.now());
      return c.json({ officials }, 200);
    },
  )
  .openapi(
    defineRoute('inbox.assign', {
      method: 'get',
      path: '/bodies/{bodyId}/assignments',
      tags: ['inbox'],
      summary: 'Who of the body handles each of the given questions (the inbox asks for the ones it shows)',
      request: { params: BodyParams, query: AssignmentsQuery },
      responses: {
        200: json(z.object({ assignments: z.array(Assignment) }), 'Assignments of those assigned'),
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      const { questionIds } = c.req.valid('query');
      authorize(c.var.user, 'inbox.assign', { bodyId });
      return c.json({ assignments: await getAssignments(c.var.deps.store, bodyId, questionIds) }, 200);
    },
  )
  .openapi(
    defineRoute('inbox.assign', {
      method: 'put',
      path: '/items/{itemId}/questions/{id}/assignment',
      tags: ['inbox'],
      summary: 'Hand the question to a named official of its body (null: to nobody); internal to the body',
      request: { params: QuestionParams, ...body(AssignInput) },
      responses: {
        200: json(Assignment, 'The assignment with its history'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const { assigneeSub } = c.req.valid('json');
      const q = await deskQuestion(c, 'inbox.assign', itemId, id);
      const work = assignQuestion(c.var.deps.store, q, assigneeSub, c.var.user!, c.var.deps.now());
      return c.json(await guarded(work), 200);
    },
  )
  .openapi(
    defineRoute('inbox.notes', {
      method: 'get',
      path: '/items/{itemId}/questions/{id}/notes',
      tags: ['inbox'],
      summary: "Internal notes on the question at its current body; that body's officials only",
      request: { params: QuestionParams },
      responses: {
        200: json(z.object({ notes: z.array(InternalNote) }), 'Notes, oldest first'),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const q = await deskQuestion(c, 'inbox.notes', itemId, id);
      return c.json({ notes: await notesOf(c.var.deps.store, q) }, 200);
    },
  )
  .openapi(
    defineCreate('inbox.notes', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/notes',
      tags: ['inbox'],
      summary:
        'Add an internal note: never public, never exported, never edited; the next body after a redirect does not see it',
      request: { params: QuestionParams, ...body(NoteInput) },
      responses: {
        201: json(InternalNote, 'The note'),
        ...problemResponses(400, 401, 403, 404, 429, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const { text } = c.req.valid('json');
      const q = await deskQuestion(c, 'inbox.notes', itemId, id);
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/questions/{id}/notes', user.sub);
      const note = await addNote(c.var.deps.store, q, text, user, c.var.deps.now(), (made) =>
        completionOps(c, 201, made),
      );
      return c.json(note, 201);
    },
  );
