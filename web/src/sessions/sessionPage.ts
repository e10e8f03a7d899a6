/**
 * One session: its facts, the agenda (an agenda builder for club members: reorder by drag or by the
 * move buttons with a spoken announcement, slot / presenter / body / notes per entry), publishing
 * and version history (secretary), outcomes per entry, follow-ups (officials of the addressed body),
 * minutes, and links to the printable agenda and minutes.
 *
 * Every edit sends the version the page shows; when someone else got there first the API answers
 * 409, the page reloads the latest version and says so, and nothing stored is lost.
 */

import { DEFAULT_ENTRY_MINUTES } from '../../../shared/agenda-timing';
import type { ClubText } from '../../../shared/club-text';
import type { Localized } from '../../../shared/i18n-text';
import { can } from '../../../shared/policy';
import { type AgendaEntry, type AgendaVersion, isAgendaEditable, moveEntry } from '../../../shared/sessions';
import type { Principal } from '../../../shared/users';
import { append, h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { bilingualField, clubNode } from './clubText';
import { link, statusBadge } from './listPage';
import {
  bodyName,
  bodyNames,
  errorMessage,
  isConflict,
  itemTitle,
  type SessionView,
  sessionsApi,
} from './model';

interface PageState {
  session: SessionView;
  versions: AgendaVersion[];
  titles: Map<string, string>;
  names: Map<string, Localized>;
  editable: boolean;
}

export function renderSessionPage(
  container: HTMLElement,
  id: string,
  user: Principal | null,
  isAlive: () => boolean,
): void {
  const live = h('p', { className: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'announce' });
  const body = h('div', {}, t('sessions.loading'));
  container.append(h('p', {}, link('/sessions', t('sessions.back'))), body, live);
  const canEdit = can(user, 'sessions.edit');
  const canPublish = can(user, 'sessions.publish');
  let state: PageState | null = null;

  async function load(): Promise<void> {
    const session = canEdit ? await sessionsApi.draft(id) : await sessionsApi.get(id).catch(involvedDraft);
    const [versions, names, titles] = await Promise.all([
      session.agendaVersion > 0 ? sessionsApi.versions(id).then((v) => v.versions) : [],
      bodyNames(),
      titlesOf(session.entries),
    ]);
    state = { session, versions, names, titles, editable: canEdit && isAgendaEditable(session.status) };
  }

  /** An official invited to a session still in draft reads it from the sessions involving their body. */
  async function involvedDraft(err: unknown): Promise<SessionView> {
    if (can(user, 'sessions.involved')) {
      const found = (await sessionsApi.involved()).sessions.find((x) => x.id === id);
      if (found) return found;
    }
    throw err;
  }

  async function titlesOf(entries: AgendaEntry[]) {
    const pairs = await Promise.all(entries.map(async (e) => [e.itemId, await itemTitle(e.itemId)] as const));
    return new Map(pairs);
  }

  function announce(text: string) {
    live.textContent = text;
  }

  /** Runs an edit; on a lost race reloads the latest version and says so. */
  async function edit(
    run: (s: SessionView) => Promise<SessionView | undefined>,
    done?: string,
    focus?: string,
  ) {
    if (!state) return;
    try {
      const saved = await run(state.session);
      if (saved) {
        state.session = saved;
        state.titles = await titlesOf(saved.entries);
        state.editable = canEdit && isAgendaEditable(saved.status);
      }
      if (saved?.agendaVersion !== undefined && saved.agendaVersion > 0)
        state.versions = (await sessionsApi.versions(id)).versions;
      draw(focus);
      if (done) announce(done);
    } catch (err) {
      if (isConflict(err)) {
        await load();
        draw(focus);
      }
      announce(errorMessage(err));
      const alert = container.querySelector('[data-testid="page-error"]');
      if (alert) alert.textContent = errorMessage(err);
    }
  }

  function draw(focusSelector?: string) {
    if (!state || !isAlive()) return;
    const s = state.session;
    const lang = getLang();
    body.replaceChildren();
    append(body, [
      h('h1', { tabindex: -1 }, clubNode(s.title)),
      h('p', {}, statusBadge(s)),
      h('p', { role: 'alert', 'data-testid': 'page-error', className: 'sessions-error' }),
      h(
        'dl',
        { className: 'session-facts' },
        h('dt', {}, t('sessions.when')),
        h(
          'dd',
          {},
          `${formatDateTime(s.startUtc, lang)} (${t('sessions.duration', { minutes: s.durationMinutes })})`,
        ),
        h('dt', {}, t('sessions.venue')),
        h('dd', { 'data-user-content': '' }, clubNode(s.venue)),
        h('dt', {}, t('sessions.format')),
        h(
          'dd',
          {},
          t(`sessions.format.${s.format}`),
          s.link ? [' — ', h('a', { href: s.link, rel: 'noopener' }, s.link)] : null,
        ),
        s.participants.length ? h('dt', {}, t('sessions.participants')) : null,
        s.participants.length
          ? h(
              'dd',
              {},
              s.participants
                .map((p) =>
                  p.bodyId ? `${p.name} (${bodyName(state?.names ?? new Map(), p.bodyId)})` : p.name,
                )
                .join('; '),
            )
          : null,
      ),
      h(
        'p',
        { className: 'session-print-links' },
        s.status !== 'draft' ? link(`/sessions/${s.id}/print/agenda`, t('sessions.print.agenda')) : null,
        ' ',
        s.minutes ? link(`/sessions/${s.id}/print/minutes`, t('sessions.print.minutes')) : null,
      ),
      state.editable ? detailsForm() : null,
      agendaSection(),
      canPublish && state.editable ? publishForm() : null,
      canPublish && s.status === 'agenda_published' ? heldButton() : null,
      state.versions.length ? versionsSection() : null,
      s.status === 'held' || s.status === 'minutes_published' ? outcomesSection() : null,
      minutesSection(),
    ]);
    if (focusSelector) body.querySelector<HTMLElement>(focusSelector)?.focus();
  }

  function agendaSection() {
    const st = state as PageState;
    const s = st.session;
    const entries = s.entries;
    let dragged: string | null = null;
    const reorderTo = (ids: string[], movedId: string, focus?: string) => {
      const title = st.titles.get(entries.find((e) => e.id === movedId)?.itemId ?? '') ?? '';
      void edit(
        (cur) => sessionsApi.reorder(cur.id, cur.version, ids),
        t('sessions.moved', { title, position: ids.indexOf(movedId) + 1, count: ids.length }),
        focus,
      );
    };
    const move = (entry: AgendaEntry, delta: -1 | 1) => {
      const next = moveEntry(entries, entry.id, delta);
      if (next === entries) return;
      const dir = delta < 0 ? 'up' : 'down';
      // Keep focus on the button just used; at an end of the list, on the other one.
      const pos = next.findIndex((e) => e.id === entry.id);
      const which =
        (dir === 'up' && pos === 0) || (dir === 'down' && pos === next.length - 1)
          ? dir === 'up'
            ? 'down'
            : 'up'
          : dir;
      reorderTo(
        next.map((e) => e.id),
        entry.id,
        `[data-entry-id="${entry.id}"] button[data-move="${which}"]`,
      );
    };
    const items = entries.map((entry, index) => {
      const title = st.titles.get(entry.itemId) ?? entry.itemId;
      const li = h(
        'li',
        {
          className: 'agenda-entry',
          'data-entry-id': entry.id,
          draggable: st.editable ? 'true' : null,
          ondragstart: (e: Event) => {
            dragged = entry.id;
            (e as DragEvent).dataTransfer?.setData('text/plain', entry.id);
          },
          ondragover: (e: Event) => {
            if (dragged) e.preventDefault();
          },
          ondrop: (e: Event) => {
            e.preventDefault();
            const from = dragged ?? (e as DragEvent).dataTransfer?.getData('text/plain');
            dragged = null;
            if (!from || from === entry.id) return;
            const ids = entries.map((x) => x.id).filter((x) => x !== from);
            ids.splice(
              ids.indexOf(entry.id) + (entries.findIndex((x) => x.id === from) < index ? 1 : 0),
              0,
              from,
            );
            reorderTo(ids, from);
          },
        },
        h(
          'div',
          { className: 'agenda-line' },
          st.editable
            ? h(
                'span',
                { className: 'drag-handle', 'aria-hidden': 'true', title: t('sessions.entry.drag') },
                '⠿',
              )
            : null,
          h(
            'span',
            { className: 'agenda-slot' },
            entry.slot ? `${entry.slot.start} (${entry.slot.minutes}′)` : '',
          ),
          h('a', { href: `/items/${entry.itemId}`, className: 'agenda-item' }, title),
          entry.bodyId
            ? h('span', { className: 'agenda-body' }, ` — ${bodyName(st.names, entry.bodyId)}`)
            : null,
          entry.presenter
            ? h(
                'span',
                { className: 'agenda-presenter' },
                ` · ${t('sessions.entry.presenter')}: ${entry.presenter}`,
              )
            : null,
        ),
        entry.notes ? h('p', { className: 'agenda-notes' }, clubNode(entry.notes)) : null,
        st.editable
          ? h(
              'div',
              { className: 'agenda-controls' },
              h(
                'button',
                {
                  type: 'button',
                  'data-move': 'up',
                  'aria-label': t('sessions.entry.up', { title }),
                  disabled: index === 0,
                  onclick: () => move(entry, -1),
                },
                '↑',
              ),
              h(
                'button',
                {
                  type: 'button',
                  'data-move': 'down',
                  'aria-label': t('sessions.entry.down', { title }),
                  disabled: index === entries.length - 1,
                  onclick: () => move(entry, 1),
                },
                '↓',
              ),
              entryForm(entry),
              h(
                'button',
                {
                  type: 'button',
                  className: 'danger',
                  onclick: () =>
                    void edit(
                      (cur) => sessionsApi.removeEntry(cur.id, entry.id, cur.version),
                      t('sessions.saved'),
                    ),
                },
                t('sessions.entry.remove'),
              ),
            )
          : null,
      );
      return li;
    });
    return h(
      'section',
      { 'aria-labelledby': 'agenda-title' },
      h('h2', { id: 'agenda-title' }, t('sessions.agenda')),
      entries.length
        ? h('ol', { className: 'agenda', 'data-testid': 'agenda' }, items)
        : h('p', {}, t('sessions.agendaEmpty')),
    );
  }

  /** Title, time, venue, format and participants (members, and invited officials with their bodies). */
  function detailsForm() {
    const st = state as PageState;
    const s = st.session;
    const field = (id: string, key: string, input: HTMLElement) =>
      h('div', { className: 'field' }, h('label', { for: id }, t(key)), input);
    const title = bilingualField('sd-title', 'sessions.field.title', s.title, {
      required: true,
      maxlength: 300,
    });
    const startsAt = h('input', {
      id: 'sd-starts',
      type: 'datetime-local',
      value: s.startsAt,
      required: true,
    });
    const duration = h('input', {
      id: 'sd-duration',
      type: 'number',
      min: 15,
      max: 600,
      value: s.durationMinutes,
    });
    const venue = bilingualField('sd-venue', 'sessions.field.venue', s.venue, {
      required: true,
      maxlength: 300,
    });
    const format = h(
      'select',
      { id: 'sd-format' },
      h('option', { value: 'in_person', selected: s.format === 'in_person' }, t('sessions.format.in_person')),
      h('option', { value: 'broadcast', selected: s.format === 'broadcast' }, t('sessions.format.broadcast')),
    );
    const linkInput = h('input', { id: 'sd-link', type: 'url', value: s.link ?? '' });
    const rows = h('div', { className: 'participant-rows' });
    let n = 0;
    const addRow = (p?: SessionView['participants'][number]) => {
      const k = `sd-p${n++}`;
      const name = h('input', { id: `${k}-name`, value: p?.name ?? '', required: true, maxlength: 200 });
      const body = bodySelect(`${k}-body`, p?.bodyId, st.names);
      const row = h(
        'fieldset',
        { className: 'participant-row' },
        h('legend', {}, t('sessions.participant')),
        h('label', { for: `${k}-name` }, t('sessions.participant.name')),
        name,
        h('label', { for: `${k}-body` }, t('sessions.participant.body')),
        body,
        h('button', { type: 'button', onclick: () => row.remove() }, t('sessions.participant.remove')),
      );
      rows.append(row);
    };
    for (const p of s.participants) addRow(p);
    return h(
      'details',
      { className: 'session-details-edit' },
      h('summary', {}, t('sessions.details.edit')),
      h(
        'form',
        {
          className: 'session-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            const participants = [...rows.querySelectorAll('fieldset')].map((f) => {
              const [nameEl, bodyEl] = [
                ...f.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'),
              ] as [HTMLInputElement, HTMLSelectElement];
              return bodyEl.value
                ? { kind: 'official' as const, name: nameEl.value, bodyId: bodyEl.value }
                : { kind: 'member' as const, name: nameEl.value };
            });
            void edit(
              (cur) =>
                sessionsApi.patch(cur.id, {
                  version: cur.version,
                  title: title.read(),
                  startsAt: startsAt.value.slice(0, 16),
                  durationMinutes: Number(duration.value),
                  venue: venue.read(),
                  format: format.value,
                  ...(linkInput.value ? { link: linkInput.value } : {}),
                  participants,
                }),
              t('sessions.saved'),
            );
          },
        },
        title.node,
        field('sd-starts', 'sessions.field.startsAt', startsAt),
        field('sd-duration', 'sessions.field.duration', duration),
        venue.node,
        field('sd-format', 'sessions.field.format', format),
        field('sd-link', 'sessions.field.link', linkInput),
        h('h3', {}, t('sessions.participants')),
        rows,
        h('button', { type: 'button', onclick: () => addRow() }, t('sessions.participant.add')),
        h('button', { type: 'submit' }, t('sessions.entry.save')),
      ),
    );
  }

  function bodySelect(id: string, selected: string | undefined, names: Map<string, Localized>) {
    return h(
      'select',
      { id },
      h('option', { value: '' }, '—'),
      [...names.keys()].map((b) => h('option', { value: b, selected: b === selected }, bodyName(names, b))),
    );
  }

  function entryForm(entry: AgendaEntry) {
    const st = state as PageState;
    const p = `e-${entry.id}`;
    // The start is not typed: it follows from the order and the lengths (shared/agenda-timing.ts).
    const minutes = h('input', {
      id: `${p}-min`,
      type: 'number',
      min: 1,
      max: 240,
      value: entry.minutes ?? entry.slot?.minutes ?? DEFAULT_ENTRY_MINUTES,
    });
    const presenter = h('input', { id: `${p}-presenter`, value: entry.presenter ?? '', maxlength: 200 });
    const body = bodySelect(`${p}-body`, entry.bodyId, st.names);
    const notes = bilingualField(`${p}-notes`, 'sessions.entry.notes', entry.notes, {
      multiline: true,
      rows: 2,
      maxlength: 2000,
    });
    const field = (id: string, key: string, input: HTMLElement) =>
      h('div', { className: 'field' }, h('label', { for: id }, t(key)), input);
    return h(
      'details',
      { className: 'entry-edit' },
      h(
        'summary',
        {},
        `${t('sessions.entry.slot')} / ${t('sessions.entry.presenter')} / ${t('sessions.entry.notes')}`,
      ),
      h(
        'form',
        {
          onsubmit: (e: Event) => {
            e.preventDefault();
            void edit(
              (cur) =>
                sessionsApi.patchEntry(cur.id, entry.id, {
                  version: cur.version,
                  minutes: Number(minutes.value),
                  ...(presenter.value.trim() ? { presenter: presenter.value.trim() } : {}),
                  ...(body.value ? { bodyId: body.value } : {}),
                  notes: notes.read() ?? '',
                }),
              t('sessions.saved'),
            );
          },
        },
        entry.slot
          ? h('p', { className: 'entry-start' }, t('club.entry.startsAt', { start: entry.slot.start }))
          : '',
        field(`${p}-min`, 'sessions.entry.slotMinutes', minutes),
        field(`${p}-presenter`, 'sessions.entry.presenter', presenter),
        field(`${p}-body`, 'sessions.entry.body', body),
        notes.node,
        h('button', { type: 'submit' }, t('sessions.entry.save')),
      ),
    );
  }

  function publishForm() {
    const s = (state as PageState).session;
    const note = h('input', { id: 'publish-note', maxlength: 1000, required: s.agendaVersion > 0 });
    return h(
      'form',
      {
        className: 'publish-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void edit(async (cur) => {
            const v = await sessionsApi.publish(cur.id, cur.version, note.value.trim());
            announce(t('sessions.published', { version: v.version }));
            return sessionsApi.draft(cur.id);
          }, undefined);
        },
      },
      h('label', { for: 'publish-note' }, t('sessions.changeNote')),
      note,
      h('button', { type: 'submit', disabled: s.entries.length === 0 }, t('sessions.publish')),
    );
  }

  function heldButton() {
    return h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          onclick: () => void edit((cur) => sessionsApi.held(cur.id, cur.version), t('sessions.saved')),
        },
        t('sessions.markHeld'),
      ),
    );
  }

  function versionsSection() {
    const lang = getLang();
    return h(
      'section',
      { 'aria-labelledby': 'versions-title' },
      h('h2', { id: 'versions-title' }, t('sessions.versions')),
      h(
        'ol',
        { className: 'versions', 'data-testid': 'versions' },
        (state as PageState).versions.map((v) =>
          h(
            'li',
            {},
            h(
              'strong',
              {},
              t('sessions.version', { version: v.version, date: formatDateTime(v.publishedAt, lang) }),
            ),
            ': ',
            v.changeNote || t('sessions.firstVersion'),
          ),
        ),
      ),
    );
  }

  function outcomesSection() {
    const st = state as PageState;
    const s = st.session;
    const lang = getLang();
    const recOf = new Map(s.recommendations.map((r) => [r.id, r]));
    return h(
      'section',
      { 'aria-labelledby': 'outcomes-title' },
      h('h2', { id: 'outcomes-title' }, t('sessions.outcome')),
      s.entries.map((entry, i) => {
        const recs = (entry.outcome?.recommendationIds ?? []).flatMap((rid) => recOf.get(rid) ?? []);
        return h(
          'article',
          { className: 'outcome', 'data-outcome-entry': entry.id },
          h('h3', {}, `${i + 1}. ${st.titles.get(entry.itemId) ?? entry.itemId}`),
          entry.outcome
            ? h('p', {}, h('strong', {}, `${t('sessions.decision')}: `), clubNode(entry.outcome.decision))
            : null,
          recs.length
            ? h(
                'ul',
                { className: 'recs' },
                recs.map((r) =>
                  h(
                    'li',
                    { 'data-rec-id': r.id },
                    h(
                      'span',
                      { className: `followup followup-${r.followUp}` },
                      t(`sessions.followUp.${r.followUp}`),
                    ),
                    ' ',
                    clubNode(r.text),
                    ` — ${bodyName(st.names, r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}`,
                    r.evidence
                      ? h('p', { className: 'evidence' }, `${t('sessions.evidence')}: ${r.evidence}`)
                      : null,
                    r.verification
                      ? h(
                          'p',
                          { className: `verification verification-${r.verification.verdict}` },
                          t(`sessions.verify.${r.verification.verdict}`, { name: r.verification.byName }),
                          r.verification.reason ? `: ${r.verification.reason}` : '',
                        )
                      : null,
                    can(user, 'sessions.markDone', { bodyId: r.bodyId })
                      ? followUpForm(r.itemId, r.id, r.status)
                      : null,
                    r.status === 'done' && !r.verification && can(user, 'sessions.verifyFollowUp')
                      ? verifyForm(r.itemId, r.id)
                      : null,
                    r.followUp === 'overdue' && can(user, 'sessions.escalate')
                      ? escalateForm(r.itemId, r.id)
                      : null,
                  ),
                ),
              )
            : null,
          canEdit && s.status === 'held' ? outcomeForm(entry, recs) : null,
        );
      }),
    );
  }

  function followUpForm(itemId: string, recId: string, status: 'open' | 'done') {
    const evidence = h('input', { id: `ev-${recId}`, maxlength: 2000 });
    const apply = async (next: 'open' | 'done') => {
      try {
        await sessionsApi.followUp(itemId, recId, {
          status: next,
          ...(evidence.value.trim() ? { evidence: evidence.value.trim() } : {}),
        });
        await load();
        draw();
        announce(t('sessions.saved'));
      } catch (err) {
        announce(errorMessage(err));
      }
    };
    return status === 'done'
      ? h('button', { type: 'button', onclick: () => void apply('open') }, t('sessions.reopen'))
      : h(
          'form',
          {
            className: 'followup-form',
            onsubmit: (e: Event) => {
              e.preventDefault();
              void apply('done');
            },
          },
          h('label', { for: `ev-${recId}` }, t('sessions.evidence')),
          evidence,
          h('button', { type: 'submit' }, t('sessions.markDone')),
        );
  }

  /** The club's check of a "done": confirm, or contest with the reason (it goes back to open). */
  function verifyForm(itemId: string, recId: string) {
    const reason = h('input', { id: `why-${recId}`, maxlength: 2000 });
    const apply = async (verdict: 'confirmed' | 'contested') => {
      try {
        await sessionsApi.verifyFollowUp(itemId, recId, {
          verdict,
          ...(verdict === 'contested' ? { reason: reason.value.trim() } : {}),
        });
        await load();
        draw();
        announce(t('sessions.saved'));
      } catch (err) {
        announce(errorMessage(err));
      }
    };
    return h(
      'div',
      { className: 'verify-form' },
      h('button', { type: 'button', onclick: () => void apply('confirmed') }, t('sessions.verify.confirm')),
      h('label', { for: `why-${recId}` }, t('sessions.verify.reason')),
      reason,
      h('button', { type: 'button', onclick: () => void apply('contested') }, t('sessions.verify.contest')),
    );
  }

  /** Escalating an overdue recommendation to a control body: the letter opens to print. */
  function escalateForm(itemId: string, recId: string) {
    const to = h('input', { id: `esc-to-${recId}`, required: true, minlength: 2, maxlength: 300 });
    const kind = h(
      'select',
      { id: `esc-kind-${recId}` },
      h('option', { value: 'superior_body' }, t('sessions.escalate.superior')),
      h('option', { value: 'prosecutor' }, t('sessions.escalate.prosecutor')),
    );
    const lang = h(
      'select',
      { id: `esc-lang-${recId}` },
      h('option', { value: 'kk' }, 'Қазақша'),
      h('option', { value: 'ru' }, 'Русский'),
    );
    return h(
      'form',
      {
        className: 'escalate-form',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const made = await sessionsApi.escalate(itemId, recId, {
              addressee: { kind: kind.value, name: to.value.trim() },
              lang: lang.value,
            });
            window.open(sessionsApi.letterUrl(itemId, recId, made.id), '_blank', 'noopener');
            announce(t('sessions.escalate.made'));
          } catch (err) {
            announce(errorMessage(err));
          }
        },
      },
      h('label', { for: `esc-kind-${recId}` }, t('sessions.escalate.kind')),
      kind,
      h('label', { for: `esc-to-${recId}` }, t('sessions.escalate.to')),
      to,
      h('label', { for: `esc-lang-${recId}` }, t('sessions.escalate.lang')),
      lang,
      h('button', { type: 'submit' }, t('sessions.escalate.submit')),
    );
  }

  function outcomeForm(entry: AgendaEntry, existing: SessionView['recommendations']) {
    const st = state as PageState;
    const p = `o-${entry.id}`;
    const decision = bilingualField(`${p}-decision`, 'sessions.decision', entry.outcome?.decision, {
      multiline: true,
      required: true,
      maxlength: 5000,
    });
    // Each recommendation row's bilingual text, read when the form is sent.
    const recTexts = new WeakMap<HTMLFieldSetElement, () => ClubText | undefined>();
    const rows = h('div', { className: 'rec-rows' });
    let n = 0;
    const addRow = (r?: { id?: string; text: ClubText; bodyId: string; due: string }) => {
      const k = `${p}-r${n++}`;
      const text = bilingualField(`${k}-text`, 'sessions.rec.text', r?.text, {
        required: true,
        maxlength: 2000,
      });
      const body = bodySelect(`${k}-body`, r?.bodyId ?? entry.bodyId, st.names);
      body.required = true;
      const due = h('input', { id: `${k}-due`, type: 'date', value: r?.due ?? '', required: true });
      const row = h(
        'fieldset',
        { className: 'rec-row', 'data-rec-id': r?.id ?? '' },
        h('legend', {}, t('sessions.recommendations')),
        text.node,
        h('label', { for: `${k}-body` }, t('sessions.rec.body')),
        body,
        h('label', { for: `${k}-due` }, t('sessions.rec.due')),
        due,
        h('button', { type: 'button', onclick: () => row.remove() }, t('sessions.rec.remove')),
      );
      recTexts.set(row, text.read);
      rows.append(row);
    };
    for (const r of existing) addRow(r);
    return h(
      'form',
      {
        className: 'outcome-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const recommendations = [...rows.querySelectorAll<HTMLFieldSetElement>('fieldset.rec-row')].map(
            (f) => {
              const body = f.querySelector('select') as HTMLSelectElement;
              const due = f.querySelector('input[type="date"]') as HTMLInputElement;
              return {
                ...(f.dataset.recId ? { id: f.dataset.recId } : {}),
                text: recTexts.get(f)?.(),
                bodyId: body.value,
                due: due.value,
              };
            },
          );
          void edit(
            (cur) =>
              sessionsApi.outcome(cur.id, entry.id, {
                version: cur.version,
                decision: decision.read(),
                recommendations,
              }),
            t('sessions.saved'),
          );
        },
      },
      decision.node,
      rows,
      h('button', { type: 'button', onclick: () => addRow() }, t('sessions.rec.add')),
      h('button', { type: 'submit' }, t('sessions.outcome.save')),
    );
  }

  function minutesSection() {
    const s = (state as PageState).session;
    if (s.minutes)
      return h(
        'section',
        { 'aria-labelledby': 'minutes-title' },
        h('h2', { id: 'minutes-title' }, t('sessions.minutes')),
        h('p', { className: 'minutes-text' }, clubNode(s.minutes.text)),
        h('h3', {}, t('sessions.attendance')),
        h(
          'ul',
          {},
          s.minutes.attendance.map((a) =>
            h('li', {}, `${a.name} — ${t(a.present ? 'sessions.present' : 'sessions.absent')}`),
          ),
        ),
      );
    if (!(canPublish && s.status === 'held')) return null;
    const text = bilingualField('minutes-text', 'sessions.minutes.text', undefined, {
      multiline: true,
      required: true,
      rows: 6,
      maxlength: 20000,
    });
    const attendance = h('textarea', {
      id: 'minutes-attendance',
      rows: 4,
      'aria-describedby': 'attendance-hint',
    });
    return h(
      'form',
      {
        className: 'minutes-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const people = attendance.value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l) =>
              l.startsWith('-') ? { name: l.slice(1).trim(), present: false } : { name: l, present: true },
            );
          void edit(
            (cur) =>
              sessionsApi.minutes(cur.id, { version: cur.version, text: text.read(), attendance: people }),
            t('sessions.saved'),
          );
        },
      },
      h('h2', {}, t('sessions.minutes')),
      text.node,
      h('label', { for: 'minutes-attendance' }, t('sessions.attendance')),
      attendance,
      h('p', { id: 'attendance-hint', className: 'hint' }, t('sessions.attendance.hint')),
      h('button', { type: 'submit' }, t('sessions.minutes.publish')),
    );
  }

  void load()
    .then(() => draw())
    .catch((err) => {
      if (isAlive())
        body.replaceChildren(h('p', { role: 'alert' }, t('sessions.loadFailed'), ' ', errorMessage(err)));
    });
}
