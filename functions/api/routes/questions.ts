/**
 * Questions to government bodies on the legal clock (APPK art. 64(3), 65(1), 76; shared/deadlines.ts):
 * anyone signed in raises one about an item, it goes to the item's responsible body, the body's
 * officials work it from their inbox (review, answer, extend within the two-month cap, redirect within
 * 3 working days), and the asker accepts,
 * disputes or rates the answer. Every change is audited in the hash-chained log.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { almatyDate } from '../../../shared/dates';
import { isProblemCode } from '../../../shared/problem-codes';
import { StaleWriteError } from '../../audit/log';
import { getBody } from '../../data/bodies';
import { getItem } from '../../data/items';
import {
  acceptAnswer,
  answerQuestion,
  commentOnItem,
  disputeAnswer,
  editAnswer,
  extendQuestion,
  getQuestion,
  listAskerQuestions,
  listBodyQuestions,
  listItemQuestions,
  publishAnswerOnThread,
  QuestionRuleError,
  raiseQuestion,
  rateAnswer,
  redirectQuestion,
  registerInEotinish,
  reviewQuestion,
  toQuestionView,
} from '../../services/questions';
import { authorize, defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { completionOps, defineCreate } from '../idempotency';
import { problemResponses } from '../openapi';
import { ConflictError, NotFoundError, type ProblemReason, ValidationError } from '../problems';
import { spendRatePolicy } from '../rate-policy';
import { EotinishInput } from '../schemas/inbox';
import { Ulid } from '../schemas/item';
import {
  AnswerInput,
  BodyId,
  DisputeInput,
  ExtendInput,
  isOpen,
  type Question,
  QuestionView,
  RaiseQuestionInput,
  RateInput,
  RedirectInput,
} from '../schemas/questions';

const QuestionParams = z.object({ itemId: Ulid, id: Ulid });
const ItemParams = z.object({ itemId: Ulid });
const QuestionList = z.object({ questions: z.array(QuestionView) });
const InboxQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  due: z.enum(['any', 'overdue', 'soon']).default('any'),
});
const Inbox = QuestionList.extend({
  counts: z.object({ open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() }),
});

const one = (description: string) => ({
  200: { description, content: { 'application/json': { schema: QuestionView } } },
});
const json = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** The catalogue code a rule refusal names (state.conflict when it names none or an unknown one). */
function ruleReason(err: QuestionRuleError): ProblemReason | undefined {
  if (!err.code || !isProblemCode(err.code)) return undefined;
  return { code: err.code, ...(err.params ? { params: err.params } : {}) };
}

/** Domain refusals become problems: stale writes and illegal transitions 409, bad values 400. */
async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof StaleWriteError)
      throw new ConflictError('Someone changed this question at the same moment; reload it and try again.', {
        code: 'question.stale',
      });
    if (err instanceof QuestionRuleError) {
      if (err.kind === 'invalid')
        throw new ValidationError([
          { in: 'json', field: err.field ?? '(body)', message: err.message, ...ruleReason(err) },
        ]);
      throw new ConflictError(err.message, ruleReason(err));
    }
    throw err;
  }
}

async function loadQuestion(c: Context<AppEnv>, itemId: string, id: string): Promise<Question> {
  const q = await getQuestion(c.var.deps.store, itemId, id);
  if (!q) throw new NotFoundError(`No question ${id} on item ${itemId}.`);
  return q;
}

/** After an answer is committed, shows it on the item's thread with the official badge. */
async function answered(c: Context<AppEnv>, work: Promise<Question>): Promise<Question> {
  const q = await work;
  const threadCommentId = await publishAnswerOnThread(c.var.deps.store, q, c.var.deps.now());
  return threadCommentId ? { ...q, threadCommentId } : q;
}

const todayOf = (c: Context<AppEnv>) => almatyDate(c.var.deps.now());
const clockOf = (c: Context<AppEnv>) => ({ now: c.var.deps.now() });
const view = (c: Context<AppEnv>, q: Question) => toQuestionView(q, todayOf(c), c.var.user?.sub);

const officialRoute = <A extends 'review' | 'answer' | 'extend' | 'redirect', S extends z.ZodType>(
  action: A,
  summary: string,
  body: S,
) =>
  defineRoute(`questions.${action}`, {
    method: 'post',
    path: `/items/{itemId}/questions/{id}/${action}`,
    tags: ['questions'],
    summary,
    request: { params: QuestionParams, ...json(body) },
    responses: { ...one('The question after the change'), ...problemResponses(400, 401, 403, 404, 409, 503) },
  });

// Typed as the plain sub-app: the full chain of route types is too large for `app.route` to merge.
export const questionRoutes: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('questions.read', {
      method: 'get',
      path: '/items/{itemId}/questions',
      tags: ['questions'],
      summary: "An item's questions to its body, with their answers, oldest first",
      request: { params: ItemParams },
      responses: {
        200: { description: 'Questions', content: { 'application/json': { schema: QuestionList } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const qs = await listItemQuestions(c.var.deps.store, itemId);
      return c.json({ questions: qs.map((q) => view(c, q)) }, 200);
    },
  )
  .openapi(
    defineCreate('questions.raise', {
      method: 'post',
      path: '/items/{itemId}/questions',
      tags: ['questions'],
      summary: "Raise a question about an item (or promote a comment to one), addressed to the item's body",
      request: { params: ItemParams, ...json(RaiseQuestionInput) },
      responses: {
        201: {
          description: 'The question, received',
          content: { 'application/json': { schema: QuestionView } },
        },
        ...problemResponses(400, 401, 404, 503),
      },
    }),
    async (c) => {
      const { itemId } = c.req.valid('param');
      const input = c.req.valid('json');
      const item = await getItem(c.var.deps.store, itemId);
      if (!item) throw new NotFoundError(`No item ${itemId}.`);
      if (input.fromCommentId && !(await commentOnItem(c.var.deps.store, itemId, input.fromCommentId)))
        throw new ValidationError([
          { in: 'json', field: 'fromCommentId', message: 'no such comment on this item' },
        ]);
      const user = c.var.user!;
      await spendRatePolicy(c, 'POST /items/{itemId}/questions', user.sub);
      const q = await guarded(
        raiseQuestion(c.var.deps.store, item, user, input, clockOf(c), (stored) =>
          completionOps(c, 201, view(c, stored)),
        ),
      );
      return c.json(view(c, q), 201);
    },
  )
  .openapi(
    defineRoute('questions.read', {
      method: 'get',
      path: '/items/{itemId}/questions/{id}',
      tags: ['questions'],
      summary: 'One question with its answer versions, extension and redirects',
      request: { params: QuestionParams },
      responses: { ...one('The question'), ...problemResponses(400, 404, 503) },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      return c.json(view(c, await loadQuestion(c, itemId, id)), 200);
    },
  )
  .openapi(
    defineRoute('questions.mine', {
      method: 'get',
      path: '/questions/mine',
      tags: ['questions'],
      summary: "The signed-in user's questions, newest first",
      responses: {
        200: { description: 'Questions', content: { 'application/json': { schema: QuestionList } } },
        ...problemResponses(401, 503),
      },
    }),
    async (c) => {
      const qs = await listAskerQuestions(c.var.deps.store, c.var.user!.sub);
      return c.json({ questions: qs.map((q) => view(c, q)) }, 200);
    },
  )
  .openapi(
    defineRoute('questions.inbox', {
      method: 'get',
      path: '/bodies/{bodyId}/questions',
      tags: ['questions'],
      summary:
        "A body's inbox: its questions by legal due date, earliest first, with overdue and due-soon flags",
      request: { params: z.object({ bodyId: BodyId }), query: InboxQuery },
      responses: {
        200: { description: 'The inbox', content: { 'application/json': { schema: Inbox } } },
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const { bodyId } = c.req.valid('param');
      const { status, due } = c.req.valid('query');
      authorize(c.var.user, 'questions.inbox', { bodyId });
      const qs = (await listBodyQuestions(c.var.deps.store, bodyId, status)).map((q) => view(c, q));
      const open = qs.filter((q) => isOpen(q.status));
      const counts = {
        open: open.length,
        overdue: open.filter((q) => q.overdue).length,
        dueSoon: open.filter((q) => q.dueSoon).length,
      };
      const shown =
        due === 'overdue' ? qs.filter((q) => q.overdue) : due === 'soon' ? qs.filter((q) => q.dueSoon) : qs;
      return c.json({ questions: shown, counts }, 200);
    },
  )
  .openapi(officialRoute('review', 'Take a question into review', z.object({})), async (c) => {
    const { itemId, id } = c.req.valid('param');
    const q = await loadQuestion(c, itemId, id);
    authorize(c.var.user, 'questions.review', { bodyId: q.bodyId });
    return c.json(view(c, await guarded(reviewQuestion(c.var.deps.store, q, c.var.user!, clockOf(c)))), 200);
  })
  .openapi(officialRoute('answer', 'Answer a question publicly for the body', AnswerInput), async (c) => {
    const { itemId, id } = c.req.valid('param');
    const { text, lang, confirmLanguage, attachments } = c.req.valid('json');
    const q = await loadQuestion(c, itemId, id);
    authorize(c.var.user, 'questions.answer', { bodyId: q.bodyId });
    const work = answerQuestion(
      c.var.deps.store,
      q,
      c.var.user!,
      text,
      clockOf(c),
      { ...(lang ? { lang } : {}), ...(confirmLanguage ? { confirmed: true } : {}) },
      attachments,
    );
    return c.json(view(c, await answered(c, guarded(work))), 200);
  })
  .openapi(
    defineRoute('questions.answer', {
      method: 'put',
      path: '/items/{itemId}/questions/{id}/answer',
      tags: ['questions'],
      summary: 'Edit the latest answer: a new version, the previous text stays visible',
      request: { params: QuestionParams, ...json(AnswerInput) },
      responses: {
        ...one('The question with the new answer version'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const { text, attachments } = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.answer', { bodyId: q.bodyId });
      const work = editAnswer(c.var.deps.store, q, c.var.user!, text, clockOf(c), attachments);
      return c.json(view(c, await answered(c, guarded(work))), 200);
    },
  )
  .openapi(
    officialRoute(
      'extend',
      'Extend the term by a reasoned decision (APPK art. 76(2)): any number of times, to at most two months after the registration day',
      ExtendInput,
    ),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.extend', { bodyId: q.bodyId });
      return c.json(
        view(c, await guarded(extendQuestion(c.var.deps.store, q, c.var.user!, input, clockOf(c)))),
        200,
      );
    },
  )
  .openapi(
    officialRoute(
      'redirect',
      'Redirect to the competent body within 3 working days; the clock restarts there',
      RedirectInput,
    ),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.redirect', { bodyId: q.bodyId });
      if (!(await getBody(c.var.deps.store, input.toBodyId)))
        throw new ValidationError([{ in: 'json', field: 'toBodyId', message: `no body ${input.toBodyId}` }]);
      return c.json(
        view(c, await guarded(redirectQuestion(c.var.deps.store, q, c.var.user!, input, clockOf(c)))),
        200,
      );
    },
  )
  .openapi(
    defineRoute('questions.register', {
      method: 'put',
      path: '/items/{itemId}/questions/{id}/eotinish',
      tags: ['questions'],
      summary:
        'Record the eOtinish registration number and day: the question becomes a registered appeal whose dates govern (APPK art. 91(2), 92 apply)',
      request: { params: QuestionParams, ...json(EotinishInput) },
      responses: {
        ...one('The question, registered'),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.register', { bodyId: q.bodyId });
      return c.json(
        view(c, await guarded(registerInEotinish(c.var.deps.store, q, c.var.user!, input, clockOf(c)))),
        200,
      );
    },
  )
  .openapi(
    defineRoute('questions.accept', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/accept',
      tags: ['questions'],
      summary: 'The asker accepts the answer; the question closes',
      request: { params: QuestionParams },
      responses: { ...one('The closed question'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.accept', { ownerSub: q.askerSub });
      return c.json(view(c, await guarded(acceptAnswer(c.var.deps.store, q, c.var.user!, clockOf(c)))), 200);
    },
  )
  .openapi(
    defineRoute('questions.dispute', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/dispute',
      tags: ['questions'],
      summary: 'The asker disputes the answer within 30 days, with a reason; the question reopens',
      request: { params: QuestionParams, ...json(DisputeInput) },
      responses: { ...one('The reopened question'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.dispute', { ownerSub: q.askerSub });
      return c.json(
        view(c, await guarded(disputeAnswer(c.var.deps.store, q, c.var.user!, reason, clockOf(c)))),
        200,
      );
    },
  )
  .openapi(
    defineRoute('questions.rate', {
      method: 'post',
      path: '/items/{itemId}/questions/{id}/rate',
      tags: ['questions'],
      summary: 'The asker rates the answer from 1 to 5',
      request: { params: QuestionParams, ...json(RateInput) },
      responses: { ...one('The rated question'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { itemId, id } = c.req.valid('param');
      const { rating } = c.req.valid('json');
      const q = await loadQuestion(c, itemId, id);
      authorize(c.var.user, 'questions.rate', { ownerSub: q.askerSub });
      return c.json(
        view(c, await guarded(rateAnswer(c.var.deps.store, q, c.var.user!, rating, clockOf(c)))),
        200,
      );
    },
  );
