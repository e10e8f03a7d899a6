/**
 * The official's desk on the inbox (issue 20, item 4), kept apart from the answer form itself:
 * answer templates of the body (picked into the answer, placeholders filled from the question),
 * handing a question to a colleague, internal notes, the eOtinish registration, and the body's
 * template list. Templates, assignments and notes are internal to the body: the API shows them to
 * its officials only, and nothing here is rendered on public pages.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/i18n-text';
import { pickText } from '../../../shared/i18n-text';
import type { AnswerTemplate, Assignment, BodyOfficial, InternalNote } from '../../../shared/inbox';
import {
  fillTemplate,
  TEMPLATE_LANGS,
  TEMPLATE_PLACEHOLDERS,
  type TemplateLang,
} from '../../../shared/inbox-templates';
import { api } from '../api';
import { bodyName } from '../bodies';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { useFields } from '../ui/form';
import { signedIn } from '../ui/user';
import { ActionForm, QField } from './card';
import { errorMessage, type QuestionView } from './model';
import {
  EMPTY_TEMPLATE_FORM,
  type TemplateFormValues,
  templateFormValues,
  templateInput,
} from './templateForm';

const enc = encodeURIComponent;
/** Each language named in itself (and marked with `lang`), as the answer form's language picker does. */
const LANGUAGE_NAMES: Record<TemplateLang, string> = { kk: 'Қазақша', ru: 'Русский' };
const qPath = (q: Pick<QuestionView, 'itemId' | 'id'>) => `/api/items/${q.itemId}/questions/${q.id}`;
const send = <T,>(method: string, path: string, body?: unknown) =>
  api<T>(path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

export const deskApi = {
  templates: (bodyId: string) => api<{ templates: AnswerTemplate[] }>(`/api/bodies/${enc(bodyId)}/templates`),
  addTemplate: (bodyId: string, title: string, text: Partial<Record<TemplateLang, string>>) =>
    send<AnswerTemplate>('POST', `/api/bodies/${enc(bodyId)}/templates`, { title, text }),
  updateTemplate: (bodyId: string, id: string, input: ReturnType<typeof templateInput>) =>
    send<AnswerTemplate>('PUT', `/api/bodies/${enc(bodyId)}/templates/${id}`, input),
  removeTemplate: (bodyId: string, id: string) =>
    send<void>('DELETE', `/api/bodies/${enc(bodyId)}/templates/${id}`),
  officials: (bodyId: string) => api<{ officials: BodyOfficial[] }>(`/api/bodies/${enc(bodyId)}/officials`),
  assignments: (bodyId: string, ids: string[]) =>
    ids.length
      ? api<{ assignments: Assignment[] }>(
          `/api/bodies/${enc(bodyId)}/assignments?questionIds=${ids.slice(0, 100).join(',')}`,
        )
      : Promise.resolve({ assignments: [] }),
  assign: (q: QuestionView, assigneeSub: string | null) =>
    send<Assignment>('PUT', `${qPath(q)}/assignment`, { assigneeSub }),
  notes: (q: QuestionView) => api<{ notes: InternalNote[] }>(`${qPath(q)}/notes`),
  addNote: (q: QuestionView, text: string) => send<InternalNote>('POST', `${qPath(q)}/notes`, { text }),
  register: (q: QuestionView, number: string, registeredOn: string) =>
    send<QuestionView>('PUT', `${qPath(q)}/eotinish`, { number, registeredOn }),
};

/** What the inbox knows about its body's desk: templates, officials, who handles which question. */
export interface Desk {
  templates: AnswerTemplate[];
  officials: BodyOfficial[];
  assignees: Map<string, BodyOfficial | null>;
  reload(): void;
}

/** Loads the desk of `bodyId` for the questions shown; a failure leaves the desk empty, not the inbox. */
export function useDesk(bodyId: string, questionIds: string[]): Desk {
  const [templates, setTemplates] = useState<AnswerTemplate[]>([]);
  const [officials, setOfficials] = useState<BodyOfficial[]>([]);
  const [assignees, setAssignees] = useState(new Map<string, BodyOfficial | null>());
  const [loads, setLoads] = useState(0);
  const ids = questionIds.join(',');
  useEffect(() => {
    let alive = true;
    deskApi.templates(bodyId).then(
      (r) => alive && setTemplates(r.templates),
      () => undefined,
    );
    deskApi.officials(bodyId).then(
      (r) => alive && setOfficials(r.officials),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [bodyId, loads]);
  useEffect(() => {
    let alive = true;
    deskApi.assignments(bodyId, ids ? ids.split(',') : []).then(
      (r) => alive && setAssignees(new Map(r.assignments.map((a) => [a.questionId, a.assignee]))),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [bodyId, ids, loads]);
  return { templates, officials, assignees, reload: () => setLoads((n) => n + 1) };
}

/** The values a template's placeholders are filled with, from the question and the official. */
function placeholderValues(q: QuestionView, lang: Lang) {
  return {
    asker: q.askerName,
    item: pickText(q.itemTitle, lang),
    body: bodyName(q.bodyId),
    receivedOn: formatDate(q.receivedOn, lang),
    dueOn: formatDate(q.dueOn, lang),
    official: signedIn()?.name ?? '',
  };
}

/** Picks a template into the answer: its text in the chosen language, placeholders filled. */
export function TemplatePicker({
  q,
  templates,
  onPick,
}: {
  q: QuestionView;
  templates: AnswerTemplate[];
  onPick: (text: string, lang: TemplateLang) => void;
}) {
  const f = useFields({ id: '', lang: (q.lang === 'ru' ? 'ru' : 'kk') as string });
  if (templates.length === 0) return null;
  const chosen = templates.find((x) => x.id === f.values.id) ?? templates[0];
  const lang = f.values.lang as TemplateLang;
  const text = chosen?.text[lang];
  return (
    <div className="q-desk-template">
      <QField label={t('hubops.desk.template')}>
        {(id) => (
          <select id={id} {...f.bind('id')} value={chosen?.id}>
            {templates.map((x) => (
              <option key={x.id} value={x.id} data-user-content="">
                {x.title}
              </option>
            ))}
          </select>
        )}
      </QField>
      <QField label={t('hubops.desk.templateLang')}>
        {(id) => (
          <select id={id} {...f.bind('lang')}>
            {TEMPLATE_LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        )}
      </QField>
      <button
        type="button"
        disabled={!text}
        onClick={() => text && onPick(fillTemplate(text, placeholderValues(q, lang)), lang)}
      >
        {text ? t('hubops.desk.useTemplate') : t('hubops.desk.noTextInLang')}
      </button>
    </div>
  );
}

/** Who of the body handles the question; hand it to a colleague (or to nobody). */
export function AssignControl({ q, desk }: { q: QuestionView; desk: Desk }) {
  const current = desk.assignees.get(q.id) ?? null;
  const f = useFields({ to: current?.sub ?? '' });
  return (
    <div className="q-desk-assign">
      <p className="q-note" data-assignee={current?.sub ?? ''}>
        {current ? t('hubops.desk.assignedTo', { name: current.name }) : t('hubops.desk.unassigned')}
      </p>
      <ActionForm
        label={t('hubops.desk.assign')}
        submitLabel={t('hubops.desk.assign')}
        submit={async () => {
          await deskApi.assign(q, f.values.to || null);
          desk.reload();
        }}
        errorText={errorMessage}
      >
        <QField label={t('hubops.desk.assignTo')}>
          {(id) => (
            <select id={id} {...f.bind('to')}>
              <option value="">{t('hubops.desk.nobody')}</option>
              {desk.officials.map((o) => (
                <option key={o.sub} value={o.sub} data-user-content="">
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </QField>
      </ActionForm>
    </div>
  );
}

/** Internal notes: read when opened, written once, seen by the body's officials only. */
export function NotesPanel({ q }: { q: QuestionView }) {
  const [notes, setNotes] = useState<InternalNote[] | null>(null);
  const [open, setOpen] = useState(false);
  const f = useFields({ text: '' });
  const load = () =>
    deskApi.notes(q).then(
      (r) => setNotes(r.notes),
      () => setNotes([]),
    );
  useEffect(() => {
    if (open && notes === null) void load();
  }, [open]);
  const lang = getLang();
  return (
    <details className="q-desk-notes" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('hubops.desk.notes')}</summary>
      <p className="q-note">{t('hubops.desk.notesPrivate')}</p>
      {notes === null ? (
        <p>{t('questions.loading')}</p>
      ) : (
        <ol className="q-desk-note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <p data-user-content="">{n.text}</p>
              <small>
                <span data-user-content="">{n.by.name}</span>
                {`, ${formatDateTime(n.at, lang)}`}
              </small>
            </li>
          ))}
        </ol>
      )}
      <ActionForm
        label={t('hubops.desk.addNote')}
        submitLabel={t('hubops.desk.addNote')}
        submit={async () => {
          await deskApi.addNote(q, f.values.text);
          f.set('text', '');
          await load();
        }}
        errorText={errorMessage}
      >
        <QField label={t('hubops.desk.noteText')}>
          {(id) => <textarea id={id} rows={2} required maxLength={5000} {...f.bind('text')} />}
        </QField>
      </ActionForm>
    </details>
  );
}

/** Records the eOtinish registration: the question becomes a registered appeal (public). */
export function EotinishForm({
  q,
  done,
}: {
  q: QuestionView;
  done: (work: Promise<unknown>) => Promise<void>;
}) {
  const f = useFields({ number: q.eotinish?.number ?? '', date: q.eotinish?.registeredOn ?? '' });
  return (
    <details className="q-desk-eotinish">
      <summary>{q.eotinish ? t('hubops.desk.eotinishChange') : t('hubops.desk.eotinish')}</summary>
      <p className="q-note">{t('hubops.desk.eotinishHelp')}</p>
      <ActionForm
        label={t('hubops.desk.eotinish')}
        submitLabel={t('hubops.desk.eotinishSave')}
        submit={() => done(deskApi.register(q, f.values.number, f.values.date))}
        errorText={errorMessage}
      >
        <QField label={t('hubops.desk.eotinishNumber')}>
          {(id) => <input id={id} required maxLength={40} {...f.bind('number')} />}
        </QField>
        <QField label={t('hubops.desk.eotinishDate')}>
          {(id) => <input id={id} type="date" required min={q.receivedOn} {...f.bind('date')} />}
        </QField>
      </ActionForm>
    </details>
  );
}

/**
 * The body's templates: the list; changing one (its title and texts in the same form, opened with
 * "Change"), removing one, adding one in kk and/or ru.
 */
export function TemplatesManager({ bodyId, desk }: { bodyId: string; desk: Desk }) {
  const f = useFields<TemplateFormValues>(EMPTY_TEMPLATE_FORM);
  const [editing, setEditing] = useState<AnswerTemplate | null>(null);
  const stopEditing = () => {
    setEditing(null);
    f.reset(EMPTY_TEMPLATE_FORM);
  };
  const formLabel = editing
    ? t('hubops.desk.changeTemplate', { title: editing.title })
    : t('hubops.desk.addTemplate');
  return (
    <section className="q-desk-templates" aria-labelledby="q-desk-templates-h">
      <h2 id="q-desk-templates-h">{t('hubops.desk.templates', { body: bodyName(bodyId) })}</h2>
      <p className="q-note">{t('hubops.desk.placeholders')}</p>
      <ul className="q-desk-placeholders">
        {TEMPLATE_PLACEHOLDERS.map((name) => (
          <li key={name}>
            {/* The mark itself is typed as is in every language: code, never translated. */}
            <code>{`{${name}}`}</code>
            {` — ${t(`hubops.desk.ph.${name}`)}`}
          </li>
        ))}
      </ul>
      <ul>
        {desk.templates.map((x) => (
          <li key={x.id}>
            <strong data-user-content="">{x.title}</strong>
            {' ('}
            {TEMPLATE_LANGS.filter((l) => x.text[l]).map((l, i) => (
              <span key={l} lang={l}>
                {i ? ', ' : ''}
                {LANGUAGE_NAMES[l]}
              </span>
            ))}
            {') '}
            <button
              type="button"
              aria-pressed={editing?.id === x.id}
              onClick={() => {
                setEditing(x);
                f.reset(templateFormValues(x));
              }}
            >
              {t('hubops.desk.editTemplate')}
            </button>{' '}
            <button
              type="button"
              onClick={() =>
                void deskApi.removeTemplate(bodyId, x.id).then(
                  () => {
                    if (editing?.id === x.id) stopEditing();
                    desk.reload();
                  },
                  () => undefined,
                )
              }
            >
              {t('hubops.desk.removeTemplate')}
            </button>
          </li>
        ))}
      </ul>
      <ActionForm
        label={formLabel}
        submitLabel={editing ? t('hubops.desk.saveTemplate') : t('hubops.desk.addTemplate')}
        submit={async () => {
          const input = templateInput(f.values);
          if (editing) await deskApi.updateTemplate(bodyId, editing.id, input);
          else await deskApi.addTemplate(bodyId, input.title, input.text);
          stopEditing();
          desk.reload();
        }}
        errorText={errorMessage}
      >
        <QField label={t('hubops.desk.templateTitle')}>
          {(id) => <input id={id} required maxLength={200} {...f.bind('title')} />}
        </QField>
        <QField label={t('hubops.desk.templateKk')}>
          {(id) => <textarea id={id} rows={3} lang="kk" maxLength={10000} {...f.bind('kk')} />}
        </QField>
        <QField label={t('hubops.desk.templateRu')}>
          {(id) => <textarea id={id} rows={3} lang="ru" maxLength={10000} {...f.bind('ru')} />}
        </QField>
      </ActionForm>
      {editing ? (
        <button type="button" onClick={stopEditing}>
          {t('hubops.desk.cancelTemplateChange')}
        </button>
      ) : null}
    </section>
  );
}
