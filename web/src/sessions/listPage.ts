/**
 * The public sessions page: club figures, upcoming and past sessions, the .ics feed; for club
 * members also the sessions in preparation and a form to start a new one; for officials the
 * sessions that involve their body.
 */

import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';
import { h } from '../dom';
import { formatCount, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { navigate } from '../shell';
import { bilingualField, clubNode, clubString } from './clubText';
import { type ClubStats, errorMessage, type SessionView, sessionsApi } from './model';

export function link(path: string, label: string, attrs: Record<string, string> = {}) {
  return h(
    'a',
    {
      href: path,
      ...attrs,
      onclick: (e: Event) => {
        const me = e as MouseEvent;
        if (me.ctrlKey || me.metaKey || me.shiftKey || me.button !== 0) return;
        e.preventDefault();
        navigate(path);
      },
    },
    label,
  );
}

export function statusBadge(s: SessionView) {
  return h(
    'span',
    { className: `session-status session-status-${s.status}` },
    t(`sessions.status.${s.status}`),
  );
}

function sessionList(sessions: SessionView[], testId: string) {
  if (sessions.length === 0) return h('p', { 'data-testid': testId }, t('sessions.none'));
  return h(
    'ul',
    { className: 'session-list', 'data-testid': testId },
    sessions.map((s) =>
      h(
        'li',
        {},
        link(`/sessions/${s.id}`, clubString(s.title)),
        ' ',
        statusBadge(s),
        h(
          'div',
          { className: 'session-meta' },
          `${formatDateTime(s.startUtc, getLang())} · `,
          clubNode(s.venue),
        ),
      ),
    ),
  );
}

export function statsBlock(stats: ClubStats) {
  const lang = getLang();
  const figure = (key: string, n: number, id: string) =>
    h(
      'div',
      { className: 'club-figure' },
      h('dt', {}, t(key)),
      h('dd', { 'data-stat': id }, formatCount(n, lang)),
    );
  return h(
    'section',
    { className: 'club-stats', 'aria-labelledby': 'club-stats-title' },
    h('h2', { id: 'club-stats-title' }, t('sessions.stats.title')),
    h(
      'dl',
      {},
      figure('sessions.stats.held', stats.sessionsHeld, 'held'),
      figure('sessions.stats.questions', stats.questionsConsidered, 'questions'),
      figure('sessions.stats.done', stats.recommendations.done, 'done'),
      figure('sessions.stats.overdue', stats.recommendations.overdue, 'overdue'),
    ),
  );
}

/** Each language named in itself, as language pickers do. */
const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;

function newSessionForm(onCreated: (s: SessionView) => void) {
  const status = h('p', { role: 'status' });
  const field = (id: string, key: string, input: HTMLElement) =>
    h('div', { className: 'field' }, h('label', { for: id }, t(key)), input);
  const title = bilingualField('ns-title', 'sessions.field.title', undefined, {
    required: true,
    maxlength: 300,
  });
  const startsAt = h('input', { id: 'ns-starts', name: 'startsAt', type: 'datetime-local', required: true });
  const duration = h('input', {
    id: 'ns-duration',
    name: 'duration',
    type: 'number',
    min: 15,
    max: 600,
    value: 120,
  });
  const venue = bilingualField(
    'ns-venue',
    'sessions.field.venue',
    { kk: '«Antikor» орталығы', ru: 'Центр «Antikor»' },
    {
      required: true,
      maxlength: 300,
    },
  );
  const format = h(
    'select',
    { id: 'ns-format', name: 'format' },
    h('option', { value: 'in_person' }, t('sessions.format.in_person')),
    h('option', { value: 'broadcast' }, t('sessions.format.broadcast')),
  );
  const linkInput = h('input', { id: 'ns-link', name: 'link', type: 'url' });
  const form = h(
    'form',
    {
      className: 'session-form',
      'aria-labelledby': 'ns-heading',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const s = await sessionsApi.create({
            title: title.read(),
            // datetime-local gives the wall-clock time typed, which the club means in Almaty.
            startsAt: startsAt.value.slice(0, 16),
            durationMinutes: Number(duration.value),
            venue: venue.read(),
            format: format.value,
            ...(linkInput.value ? { link: linkInput.value } : {}),
            participants: [],
          });
          onCreated(s);
        } catch (err) {
          status.textContent = errorMessage(err);
        }
      },
    },
    h('h2', { id: 'ns-heading' }, t('sessions.new')),
    title.node,
    field('ns-starts', 'sessions.field.startsAt', startsAt),
    field('ns-duration', 'sessions.field.duration', duration),
    venue.node,
    field('ns-format', 'sessions.field.format', format),
    field('ns-link', 'sessions.field.link', linkInput),
    h('button', { type: 'submit' }, t('sessions.create')),
    status,
  );
  return form;
}

export function renderListPage(container: HTMLElement, user: Principal | null, isAlive: () => boolean) {
  const body = h('div', {}, t('sessions.loading'));
  container.append(
    h('h1', { tabindex: -1 }, t('sessions.title')),
    h('p', {}, t('sessions.intro')),
    // Calendar apps send no language: one feed link per language, each named in its own language.
    h(
      'p',
      { className: 'ics-links' },
      `${t('sessions.calendar')}: `,
      (['kk', 'ru', 'en'] as const).flatMap((l, i) => [
        i > 0 ? ' · ' : '',
        h(
          'a',
          { href: `/api/sessions.ics?lang=${l}`, className: 'ics-link', lang: l, hreflang: l },
          LANG_NAMES[l],
        ),
      ]),
    ),
    body,
  );
  void (async () => {
    try {
      const [upcoming, past, stats, club, involved] = await Promise.all([
        sessionsApi.list('upcoming'),
        sessionsApi.list('past'),
        sessionsApi.stats(),
        can(user, 'sessions.edit') ? sessionsApi.clubList() : null,
        can(user, 'sessions.involved') ? sessionsApi.involved() : null,
      ]);
      if (!isAlive()) return;
      const parts: HTMLElement[] = [statsBlock(stats)];
      if (club) {
        const drafts = club.sessions.filter((s) => s.status === 'draft');
        parts.push(
          h(
            'section',
            { 'aria-labelledby': 'drafts-title' },
            h('h2', { id: 'drafts-title' }, t('sessions.drafts')),
            sessionList(drafts, 'drafts'),
          ),
          newSessionForm((s) => navigate(`/sessions/${s.id}`)),
        );
      }
      if (involved)
        parts.push(
          h(
            'section',
            { 'aria-labelledby': 'involved-title' },
            h('h2', { id: 'involved-title' }, t('sessions.involved')),
            sessionList(involved.sessions, 'involved'),
          ),
        );
      parts.push(
        h(
          'section',
          { 'aria-labelledby': 'upcoming-title' },
          h('h2', { id: 'upcoming-title' }, t('sessions.upcoming')),
          sessionList(upcoming.sessions, 'upcoming'),
        ),
        h(
          'section',
          { 'aria-labelledby': 'past-title' },
          h('h2', { id: 'past-title' }, t('sessions.past')),
          sessionList(past.sessions, 'past'),
        ),
      );
      body.replaceChildren(...parts);
    } catch (err) {
      if (isAlive())
        body.replaceChildren(h('p', { role: 'alert' }, t('sessions.loadFailed'), ' ', errorMessage(err)));
    }
  })();
}
