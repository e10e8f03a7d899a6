/**
 * The item panel's "Visits" section: the item's counts ("visited 4 times, 3 found problems",
 * "confirmed on site by N people"), each visit with what it found and how far from the item the
 * visitor reported being (never where), and the phone-first visit form. The phone's position is
 * read (Geolocation API, with its accuracy) when a photo is attached; it goes to the hub, which
 * keeps it privately and answers with a distance only.
 */

import { render, h as vnode } from 'preact';
import { CONSENT_VERSIONS } from '../../../shared/consent-versions';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import type { ProgressUpdateList, ProgressUpdateView } from '../../../shared/progress-updates';
import { CHECK_RESULTS, checklistFor, VERDICTS } from '../../../shared/visit-checklist';
import type { ReportedPosition, VisitList, VisitView } from '../../../shared/visits';
import { api } from '../api';
import { canDo, currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { formatCount, formatDate, formatKzt } from '../format';
import { getLang, t } from '../i18n';
import { ReportContent } from '../moderation/reportContent';
import { consentOf, consentText } from '../privacy/consent';
import { problemText } from '../problemText';
import { flushOutbox, listDrafts, onOutboxChange, saveDraft, sendDraft, type VisitDraft } from './outbox';

let seq = 0;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

function distanceText(metres: number): string {
  const lang = getLang();
  return metres < 1000
    ? t('visits.unit.m', { distance: formatCount(metres, lang) })
    : t('visits.unit.km', { distance: formatCount(metres / 1000, lang) });
}

function presenceLine(v: VisitView): HTMLElement {
  const parts = v.presence.map(
    (s) =>
      t(s.source === 'phone' ? 'visits.presence.phone' : 'visits.presence.photo', {
        distance: distanceText(s.withinMetres),
      }) +
      // The photo's own capture day, when its EXIF gives one, against the visit's date.
      (s.takenOn ? ` (${t(`visits.presence.taken.${s.takenOn}`)})` : ''),
  );
  return h(
    'p',
    { className: 'v-presence', 'data-on-site': String(v.onSite) },
    parts.length ? parts.join(' · ') : t('visits.presence.none'),
    v.presence.length && !v.onSite ? ` · ${t('visits.presence.notOnSite')}` : '',
  );
}

function visitCard(v: VisitView): HTMLElement {
  const lang = getLang();
  return h(
    'article',
    { className: `v-card${v.foundProblems ? ' has-problems' : ''}`, 'data-visit-id': v.id },
    h('p', {}, h('strong', {}, v.visitorName), ` · ${formatDate(v.visitedOn, lang)}`),
    h('p', { className: 'v-verdict' }, t(`visits.verdict.${v.verdict}`)),
    presenceLine(v),
    h(
      'ul',
      { className: 'v-checks' },
      v.checks.map((c) =>
        h(
          'li',
          {},
          `${t(`visits.point.${c.point}`)}: `,
          h('span', { className: `v-result-${c.result}` }, t(`visits.result.${c.result}`)),
          c.note ? ` — ${c.note}` : '',
          c.photos.length ? ` (${t('visits.photos', { count: c.photos.length })})` : '',
          c.photos.length ? photoList(v, c.point, c.photos) : null,
        ),
      ),
    ),
    v.milestone ? h('p', {}, t(`visits.stance.${v.milestone.stance}`)) : null,
    v.note ? h('p', {}, v.note) : null,
    reportButton('visit', `${v.itemId}_${v.id}`, v.mine ?? false),
  );
}

/**
 * A check's photos (public copies, stripped of their positions), each with its own "Flag": a photo is
 * moderated on its own (kind `visit_photo`, id: its upload id), so one with a face or a plate can be
 * hidden while the report stays up.
 */
function photoList(v: VisitView, point: string, photos: VisitView['checks'][number]['photos']): HTMLElement {
  return h(
    'ul',
    { className: 'v-photos' },
    photos.map((p, i) => {
      const label = t('visits.photoOf', { n: i + 1, point: t(`visits.point.${point}`) });
      return h(
        'li',
        { 'data-photo-id': p.id },
        h(
          'a',
          { href: p.url, target: '_blank', rel: 'noopener' },
          p.thumbnailUrl ? h('img', { src: p.thumbnailUrl, alt: label, loading: 'lazy' }) : label,
        ),
        reportButton('visit_photo', p.id, v.mine ?? false),
      );
    }),
  );
}

/** A moderated piece's own "Flag" (ReportContent, a component mounted here). */
function reportButton(kind: 'visit' | 'visit_photo', id: string, mine: boolean): HTMLElement {
  const slot = h('span', {});
  render(vnode(ReportContent, { kind, id, mine }), slot);
  return slot;
}

export function renderVisitsSection(container: HTMLElement, item: ItemView): () => void {
  let alive = true;
  const summary = h('div', { className: 'v-summary-box' });
  const pending = h('div', { className: 'v-pending-box' });
  const list = h('div', { className: 'v-list' }, t('visits.loading'));
  const formSlot = h('div');
  container.append(h('h3', { id: 'panel-visits' }, t('visits.title')), summary, pending, list, formSlot);

  const draw = async () => {
    const res = await api<VisitList>(`/api/items/${item.id}/visits`);
    if (!alive) return;
    const s = res.summary;
    const lang = getLang();
    summary.replaceChildren(
      h(
        'p',
        { className: 'v-summary' },
        s.visits === 0
          ? t('visits.none')
          : `${t('visits.count', { count: s.visits })} · ${t('visits.withProblems', { n: s.withProblems })}`,
      ),
      ...s.milestones.map((m) => {
        const ms = item.milestones.find((x) => x.id === m.milestoneId);
        const title = ms ? pickText(ms.title, lang) : m.milestoneId;
        return h(
          'p',
          { className: 'v-ground', 'data-milestone': m.milestoneId },
          `${title}: `,
          m.contested > 0
            ? t('visits.ground.contested', { count: m.contested })
            : t('visits.ground.confirmed', { count: m.confirmed }),
        );
      }),
    );
    list.replaceChildren(...res.visits.map(visitCard));
  };

  const drawPending = async () => {
    const drafts = (await listDrafts()).filter((d) => d.itemId === item.id);
    if (!alive) return;
    pending.replaceChildren(
      drafts.length
        ? h(
            'p',
            { className: 'v-pending', role: 'status' },
            t('visits.pending', { count: drafts.length }),
            drafts.some((d) => d.refused) ? ` ${t('visits.pendingRefused')}` : '',
          )
        : '',
    );
  };

  const refresh = () => {
    void drawPending();
    void draw().catch(() => {
      if (alive) list.textContent = t('visits.loadFailed');
    });
  };
  const stopWatching = onOutboxChange(refresh);

  void ready.then(async () => {
    if (!alive) return;
    if (!canDo('visits.record')) {
      formSlot.replaceChildren(h('p', {}, signInLink(t('visits.signIn'))));
      return;
    }
    // The body's updates a visit can check; without them (or offline) the form still works.
    const updates = await api<ProgressUpdateList>(`/api/items/${item.id}/progress-updates`).then(
      (r) => r.updates,
      () => [],
    );
    if (alive) formSlot.replaceChildren(visitForm(item, refresh, updates));
  });
  refresh();
  void flushOutbox().catch(() => undefined);
  return () => {
    alive = false;
    stopWatching();
  };
}

/** One line naming an update in the visit form: its day and what it reported first. */
function updateLabel(item: ItemView, u: ProgressUpdateView): string {
  const lang = getLang();
  const m = u.milestone && item.milestones.find((x) => x.id === u.milestone?.milestoneId);
  const summary = m
    ? pickText(m.title, lang)
    : u.status
      ? t(`status.${u.status.after}`)
      : u.expectedEnd
        ? formatDate(u.expectedEnd.after, lang)
        : u.spent
          ? formatKzt(u.spent.after, lang)
          : '';
  return t('evidence.visit.updateOption', { date: formatDate(u.postedAt.slice(0, 10), lang), summary });
}

function visitForm(
  item: ItemView,
  afterSend: () => void,
  updates: ProgressUpdateView[] = [],
): HTMLFormElement {
  const lang = getLang();
  const id = `v-${++seq}`;
  let position: ReportedPosition | undefined;
  const where = h('p', { className: 'v-where', role: 'status' });

  // Positions only with consent (issue 20): given before (stored), or ticked here; a visit saved
  // offline carries the ticked consent with it (`positionConsent`).
  let consentStored = false;
  const consentBox = h('input', { type: 'checkbox', id: `${id}-pos-consent`, 'data-consent': 'positions' });
  const consentField = h(
    'div',
    { className: 'v-consent' },
    h('label', { for: consentBox.id }, consentBox, ' ', t('ops7.consent.positions.checkbox')),
    consentText('positions'),
  );
  const positionsAllowed = () => consentStored || consentBox.checked;
  if (currentUser() && navigator.onLine)
    consentOf('positions')
      .then((c) => {
        consentStored = !!c?.given;
        if (consentStored) consentField.replaceChildren(h('p', {}, t('ops7.consent.positions.given')));
      })
      .catch(() => undefined);

  /** Reads the phone's position when a photo is attached; keeps the most precise reading. */
  const readPosition = () => {
    if (!('geolocation' in navigator) || !positionsAllowed()) return;
    where.textContent = t('visits.form.locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        if (!position || p.coords.accuracy < position.accuracy)
          position = {
            lat: p.coords.latitude,
            lon: p.coords.longitude,
            accuracy: Math.round(p.coords.accuracy),
            at: new Date(p.timestamp).toISOString(),
          };
        where.textContent = t('visits.form.located', { n: position.accuracy });
      },
      () => {
        where.textContent = t('visits.form.noPosition');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const points = checklistFor(item.category).map((point) => {
    const select = h(
      'select',
      { id: `${id}-${point}`, name: point },
      h('option', { value: '' }, t('visits.result.skip')),
      CHECK_RESULTS.map((r) => h('option', { value: r }, t(`visits.result.${r}`))),
    );
    const photo = h('input', {
      type: 'file',
      accept: 'image/jpeg,image/png,image/webp',
      capture: 'environment',
      multiple: true,
      'aria-label': t('visits.form.photoFor', { point: t(`visits.point.${point}`) }),
      onchange: (e: Event) => {
        if ((e.target as HTMLInputElement).files?.length) readPosition();
      },
    });
    consentBox.addEventListener('change', () => {
      if (consentBox.checked && photo.files?.length) readPosition();
    });
    return {
      point,
      select,
      photo,
      el: h(
        'div',
        { className: 'v-point' },
        h('label', { for: select.id }, t(`visits.point.${point}`)),
        select,
        photo,
      ),
    };
  });

  const date = h('input', { type: 'date', id: `${id}-date`, value: today(), max: today(), required: true });
  const verdict = h(
    'select',
    { id: `${id}-verdict`, required: true },
    VERDICTS.map((v) => h('option', { value: v }, t(`visits.verdict.${v}`))),
  );
  const met = item.milestones.filter((m) => m.status === 'met');
  const milestone = h(
    'select',
    { id: `${id}-milestone` },
    h('option', { value: '' }, t('visits.form.noStance')),
    met.flatMap((m) =>
      (['confirm', 'contest'] as const).map((s) =>
        h('option', { value: `${s}:${m.id}` }, `${t(`visits.stance.${s}`)}: ${pickText(m.title, lang)}`),
      ),
    ),
  );
  const update = h(
    'select',
    { id: `${id}-update`, name: 'updateId' },
    h('option', { value: '' }, t('evidence.visit.noUpdate')),
    updates.map((u) => h('option', { value: u.id }, updateLabel(item, u))),
  );
  const note = h('textarea', { id: `${id}-note`, rows: 3, maxlength: 2000 });
  const status = h('p', { role: 'status', className: 'v-status' });
  const submit = h('button', { type: 'submit' }, t('visits.form.submit'));

  const form = h(
    'form',
    {
      className: 'v-form',
      'aria-label': t('visits.form.title'),
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const checks = points
          .filter((p) => p.select.value)
          .map((p) => ({ point: p.point, result: p.select.value as (typeof CHECK_RESULTS)[number] }));
        if (!checks.length) {
          status.textContent = t('visits.form.needOne');
          return;
        }
        const [stance, milestoneId] = milestone.value.split(':');
        const draft: VisitDraft = {
          key: crypto.randomUUID(),
          itemId: item.id,
          input: {
            visitedOn: date.value,
            checks,
            verdict: verdict.value as (typeof VERDICTS)[number],
            ...(note.value.trim() ? { note: note.value.trim() } : {}),
            ...(milestoneId ? { milestone: { milestoneId, stance: stance as 'confirm' | 'contest' } } : {}),
            ...(update.value ? { updateId: update.value } : {}),
            ...(position && positionsAllowed() ? { position } : {}),
            ...(consentBox.checked ? { positionConsent: CONSENT_VERSIONS.positions } : {}),
          },
          photos: points
            .filter((p) => p.select.value)
            .flatMap((p) =>
              [...(p.photo.files ?? [])].map((f) => ({ point: p.point, blob: f, name: f.name })),
            ),
          savedAt: new Date().toISOString(),
        };
        submit.disabled = true;
        try {
          // Kept on the phone first: if the send fails for want of signal, nothing is lost.
          await saveDraft(draft);
          form.reset();
          date.value = today();
          position = undefined;
          where.textContent = '';
          if (draft.input.positionConsent) consentStored = true;
          try {
            await sendDraft(draft);
            status.textContent = t('visits.form.sent');
          } catch (err) {
            status.textContent =
              err instanceof TypeError || !navigator.onLine
                ? t('visits.form.savedOffline')
                : problemText(err);
          }
          afterSend();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h4', {}, t('visits.form.title')),
    h('p', { className: 'v-hint' }, t('visits.form.hint')),
    h('div', { className: 'v-point' }, h('label', { for: date.id }, t('visits.form.date')), date),
    consentField,
    h(
      'fieldset',
      {},
      h('legend', {}, t('visits.form.checklist')),
      points.map((p) => p.el),
    ),
    where,
    h('div', { className: 'v-point' }, h('label', { for: verdict.id }, t('visits.form.verdict')), verdict),
    met.length
      ? h(
          'div',
          { className: 'v-point' },
          h('label', { for: milestone.id }, t('visits.form.milestone')),
          milestone,
        )
      : null,
    updates.length
      ? h('div', { className: 'v-point' }, h('label', { for: update.id }, t('evidence.visit.update')), update)
      : null,
    h('div', { className: 'v-point' }, h('label', { for: note.id }, t('visits.form.note')), note),
    submit,
    status,
  );
  return form;
}
