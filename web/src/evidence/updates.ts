/**
 * The item panel's "Updates from the body": each progress update an official of the item's body
 * posted (a milestone met with its evidence, the amount spent, a status, a new end date and why),
 * with what site visits that referred to it found. Officials of the body post one from here.
 */
import { ITEM_STATUSES } from '../../../shared/categories';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import type {
  ProgressUpdateInput,
  ProgressUpdateList,
  ProgressUpdateView,
} from '../../../shared/progress-updates';
import { api } from '../api';
import { canDo, ready } from '../auth';
import { h } from '../dom';
import { formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { uploadBlob } from '../visits/outbox';
import { documentLink, withSignatures } from './document-link';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

function updateCard(item: ItemView, u: ProgressUpdateView): HTMLElement {
  const lang = getLang();
  const milestoneTitle = (id: string) => {
    const m = item.milestones.find((x) => x.id === id);
    return m ? pickText(m.title, lang) : id;
  };
  const lines: (HTMLElement | null)[] = [
    u.milestone
      ? h(
          'p',
          { 'data-change': 'milestone' },
          t('evidence.update.milestone', {
            milestone: milestoneTitle(u.milestone.milestoneId),
            date: formatDate(u.milestone.metOn, lang),
          }),
          ...withSignatures(u.milestone.evidence).flatMap((e) => [' ', documentLink(e)]),
        )
      : null,
    u.spent
      ? h(
          'p',
          { 'data-change': 'spent' },
          t('evidence.update.spent', {
            before: formatKzt(u.spent.before, lang),
            after: formatKzt(u.spent.after, lang),
            date: formatDate(u.spent.asOf, lang),
          }),
        )
      : null,
    u.status
      ? h(
          'p',
          { 'data-change': 'status' },
          t('evidence.update.status', {
            before: t(`status.${u.status.before}`),
            after: t(`status.${u.status.after}`),
          }),
        )
      : null,
    u.expectedEnd
      ? h(
          'p',
          { 'data-change': 'end' },
          t('evidence.update.end', {
            before: formatDate(u.expectedEnd.before, lang),
            after: formatDate(u.expectedEnd.after, lang),
          }),
          ` ${t('evidence.update.reason', { reason: u.expectedEnd.reason })}`,
        )
      : null,
    u.note ? h('p', {}, u.note) : null,
  ];
  const ground = u.ground;
  return h(
    'article',
    {
      className: `pu-card${ground.contested > 0 ? ' is-contested' : ''}`,
      'data-update-id': u.id,
    },
    h(
      'p',
      {},
      h('strong', {}, t('evidence.update.from', { body: pickText(item.body.name, lang) })),
      ` · ${u.authorName} · ${formatDate(u.postedAt.slice(0, 10), lang)}`,
    ),
    ...lines,
    ground.confirmed || ground.contested
      ? h(
          'p',
          { className: 'pu-ground', 'data-ground': ground.contested > 0 ? 'contested' : 'confirmed' },
          [
            ground.confirmed ? t('evidence.ground.confirmed', { count: ground.confirmed }) : '',
            ground.contested ? t('evidence.ground.contested', { count: ground.contested }) : '',
          ]
            .filter(Boolean)
            .join(' · '),
        )
      : null,
  );
}

export function renderUpdatesSection(container: HTMLElement, item: ItemView): () => void {
  let alive = true;
  const list = h('div', { className: 'pu-list' }, t('evidence.loading'));
  const formSlot = h('div');
  container.append(h('h3', { id: 'panel-progress' }, t('evidence.title')), list, formSlot);

  const draw = async () => {
    const res = await api<ProgressUpdateList>(`/api/items/${item.id}/progress-updates`);
    if (!alive) return;
    list.replaceChildren(
      ...(res.updates.length
        ? res.updates.map((u) => updateCard(item, u))
        : [h('p', {}, t('evidence.none'))]),
    );
  };
  const refresh = () =>
    void draw().catch(() => {
      if (alive) list.textContent = t('evidence.loadFailed');
    });
  refresh();
  void ready.then(() => {
    if (alive && canDo('progress.post', { bodyId: item.body.id }))
      formSlot.replaceChildren(updateForm(item, refresh));
  });
  return () => {
    alive = false;
  };
}

/** The official's form: each part is optional; what is filled in is sent as one update. */
function updateForm(item: ItemView, afterSend: () => void): HTMLFormElement {
  const lang = getLang();
  const open = item.milestones.filter((m) => m.status !== 'met' && m.status !== 'cancelled');
  const milestone = h(
    'select',
    { name: 'milestone' },
    h('option', { value: '' }, t('evidence.form.noMilestone')),
    open.map((m) => h('option', { value: m.id }, pickText(m.title, lang))),
  );
  const metOn = h('input', { type: 'date', name: 'metOn', value: today(), max: today() });
  const evidence = h('input', {
    type: 'file',
    name: 'evidence',
    multiple: true,
    accept: 'image/jpeg,image/png,image/webp,application/pdf',
  });
  const spent = h('input', {
    type: 'text',
    name: 'spent',
    inputMode: 'decimal',
    pattern: '\\d+(\\.\\d{1,2})?',
    placeholder: item.amounts.spent,
  });
  const asOf = h('input', { type: 'date', name: 'asOf', value: today(), max: today() });
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, t('evidence.form.sameStatus')),
    ITEM_STATUSES.filter((s) => s !== item.status).map((s) => h('option', { value: s }, t(`status.${s}`))),
  );
  const end = h('input', { type: 'date', name: 'end', min: item.period.start });
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000 });
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000 });
  const out = h('p', { role: 'status' });
  const submit = h('button', { type: 'submit' }, t('evidence.form.submit'));
  const label = (text: string, control: HTMLElement) => h('label', {}, text, control);

  const form = h(
    'form',
    {
      className: 'pu-form',
      'aria-label': t('evidence.form.title'),
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        out.textContent = '';
        try {
          const files = [...(evidence.files ?? [])];
          const ids = milestone.value ? await Promise.all(files.map((f) => uploadBlob(f, f.name))) : [];
          const input: ProgressUpdateInput = {
            ...(milestone.value
              ? { milestone: { milestoneId: milestone.value, metOn: metOn.value, evidence: ids } }
              : {}),
            ...(spent.value.trim() ? { spent: { total: spent.value.trim(), asOf: asOf.value } } : {}),
            ...(status.value ? { status: status.value as ProgressUpdateInput['status'] & string } : {}),
            ...(end.value ? { expectedEnd: { date: end.value, reason: reason.value.trim() } } : {}),
            ...(note.value.trim() ? { note: note.value.trim() } : {}),
          } as ProgressUpdateInput;
          await api(`/api/items/${item.id}/progress-updates`, {
            method: 'POST',
            body: JSON.stringify(input),
          });
          form.reset();
          out.textContent = t('evidence.form.sent');
          afterSend();
        } catch (err) {
          out.textContent = problemText(err);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h4', {}, t('evidence.form.title')),
    h(
      'fieldset',
      {},
      h('legend', {}, t('evidence.form.milestone')),
      label(t('evidence.form.milestone'), milestone),
      label(t('evidence.form.metOn'), metOn),
      label(t('evidence.form.evidence'), evidence),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('evidence.form.money')),
      label(t('evidence.form.spent'), spent),
      label(t('evidence.form.asOf'), asOf),
    ),
    label(t('evidence.form.status'), status),
    h(
      'fieldset',
      {},
      h('legend', {}, t('evidence.form.end')),
      label(t('evidence.form.endDate'), end),
      label(t('evidence.form.reason'), reason),
    ),
    label(t('evidence.form.note'), note),
    submit,
    out,
  );
  return form;
}
