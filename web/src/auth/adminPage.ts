/**
 * Administration (admins only; the API decides, this page only hides what others cannot do):
 * grant and revoke roles and body bindings, add government bodies, and read the record of every
 * change — who, when, what. The users section is a Preact component (./adminUsers.tsx: search,
 * pages, grants confirmed before they apply); the rest is to be migrated the same way.
 */
import { createElement } from 'preact';

import { AREAS } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import type { BodyView, ChangeView } from '../../../shared/identity';
import { api } from '../api';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { mount } from '../ui/mount';
import { Open311Keys } from './adminOpen311Keys';
import { BodyBins } from './adminProcurement';
import { AdminUsers } from './adminUsers';
import { canDo, onUserChange, ready } from './session';

const errorText = problemText;

function changeLine(c: ChangeView, bodies: Map<string, BodyView>): string {
  const what =
    'role' in c.detail
      ? t(`auth.role.${String(c.detail.role)}`)
      : 'bodyId' in c.detail
        ? pickText(bodies.get(String(c.detail.bodyId))?.name, getLang()) || String(c.detail.bodyId)
        : '';
  return t(`auth.admin.change.${c.kind}`, {
    actor: c.actor.name || c.actor.sub,
    subject: c.subject.id,
    what,
  });
}

/** The page at /admin (registered in ./index.ts, its code loaded on the first visit). */
export function renderAdminPage(container: HTMLElement): () => void {
  let alive = true;
  const status = h('p', { role: 'status', className: 'auth-status' });
  const usersEl = h('section', { 'aria-labelledby': 'admin-users' });
  const bodiesEl = h('section', { 'aria-labelledby': 'admin-bodies' });
  const changesEl = h('section', { 'aria-labelledby': 'admin-changes' });
  const procurementEl = h('section', { 'aria-labelledby': 'admin-procurement' });
  const keysEl = h('section', { 'aria-labelledby': 'admin-open311-keys' });
  container.replaceChildren(
    h(
      'div',
      { className: 'auth-admin' },
      h('h1', {}, t('auth.admin.title')),
      status,
      usersEl,
      bodiesEl,
      procurementEl,
      keysEl,
      changesEl,
    ),
  );

  let unmountUsers: (() => void) | undefined;
  let unmountProcurement: (() => void) | undefined;
  let unmountKeys: (() => void) | undefined;

  async function act(work: () => Promise<unknown>) {
    status.textContent = '';
    try {
      await work();
      await load();
    } catch (err) {
      status.textContent = t('auth.failed', { reason: errorText(err) });
    }
  }

  function bodyForm(bodies: BodyView[]) {
    const field = (name: string, label: string, attrs: Record<string, string> = {}) => {
      const id = `body-${name}`;
      return h('p', {}, h('label', { for: id }, label), ' ', h('input', { id, name, ...attrs }));
    };
    const parent = h(
      'select',
      { id: 'body-parent', name: 'parentId' },
      h('option', { value: '' }, '—'),
      bodies.map((b) => h('option', { value: b.id }, pickText(b.name, getLang()))),
    );
    const area = h(
      'select',
      { id: 'body-area', name: 'area' },
      h('option', { value: '' }, '—'),
      AREAS.map((a) => h('option', { value: a.code }, pickText(a.name, getLang()))),
    );
    const form = h(
      'form',
      {
        className: 'auth-admin-body-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const data = new FormData(form);
          const text = (k: string) => String(data.get(k) ?? '').trim();
          const name = Object.fromEntries(['kk', 'ru', 'en'].filter((l) => text(l)).map((l) => [l, text(l)]));
          const body = {
            id: text('id'),
            name,
            ...(text('area') ? { area: text('area') } : {}),
            ...(text('parentId') ? { parentId: text('parentId') } : {}),
          };
          void act(() => api('/api/admin/bodies', { method: 'POST', body: JSON.stringify(body) }));
        },
      },
      field('id', t('auth.admin.bodyId'), { required: 'true', pattern: '[a-z0-9][a-z0-9-]{1,63}' }),
      field('kk', t('auth.admin.nameKk')),
      field('ru', t('auth.admin.nameRu')),
      field('en', t('auth.admin.nameEn')),
      h('p', {}, h('label', { for: 'body-area' }, t('auth.admin.area')), ' ', area),
      h('p', {}, h('label', { for: 'body-parent' }, t('auth.admin.parent')), ' ', parent),
      h('button', { type: 'submit' }, t('auth.admin.addBody')),
    );
    return form;
  }

  async function load() {
    if (!canDo('users.manage')) {
      status.textContent = t('auth.admin.only');
      unmountUsers?.();
      unmountUsers = undefined;
      unmountProcurement?.();
      unmountProcurement = undefined;
      procurementEl.replaceChildren();
      unmountKeys?.();
      unmountKeys = undefined;
      keysEl.replaceChildren();
      usersEl.replaceChildren();
      bodiesEl.replaceChildren();
      changesEl.replaceChildren();
      return;
    }
    const { bodies } = await api<{ bodies: BodyView[] }>('/api/bodies');
    if (!alive) return;
    // A grant refreshes only the change log, so the users section keeps its search and page.
    unmountUsers?.();
    usersEl.replaceChildren();
    unmountUsers = mount(
      usersEl,
      createElement(AdminUsers, { bodies, onChanged: () => void loadChanges(bodies) }),
    );
    bodiesEl.replaceChildren(h('h2', { id: 'admin-bodies' }, t('auth.admin.bodies')), bodyForm(bodies));
    unmountProcurement?.();
    unmountProcurement = mount(
      procurementEl,
      createElement(BodyBins, { bodies, onChanged: () => void loadChanges(bodies) }),
    );
    unmountKeys?.();
    unmountKeys = mount(keysEl, createElement(Open311Keys, {}));
    await loadChanges(bodies);
  }

  async function loadChanges(bodies: BodyView[]) {
    const { changes } = await api<{ changes: ChangeView[] }>('/api/admin/changes?limit=30');
    if (!alive) return;
    const byId = new Map(bodies.map((b) => [b.id, b]));
    changesEl.replaceChildren(
      h('h2', { id: 'admin-changes' }, t('auth.admin.changes')),
      h(
        'ol',
        { className: 'auth-admin-changes' },
        changes.map((c) =>
          h(
            'li',
            {},
            h('time', { datetime: c.at }, formatDateTime(c.at, getLang())),
            ' — ',
            changeLine(c, byId),
          ),
        ),
      ),
    );
  }

  void ready.then(() => {
    if (alive) void act(async () => {});
  });
  const stop = onUserChange(() => void act(async () => {}));
  return () => {
    alive = false;
    unmountUsers?.();
    unmountProcurement?.();
    unmountKeys?.();
    stop();
  };
}
