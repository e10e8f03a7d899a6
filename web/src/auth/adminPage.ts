/**
 * Administration (admins only; the API decides, this page only hides what others cannot do):
 * grant and revoke roles and body bindings, add government bodies, and read the record of every
 * change — who, when, what.
 */

import { AREAS } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import type { BodyView, ChangeView, UserView } from '../../../shared/identity';
import { GRANTABLE_ROLES } from '../../../shared/identity';
import { api } from '../api';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
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
  container.replaceChildren(
    h(
      'div',
      { className: 'auth-admin' },
      h('h1', {}, t('auth.admin.title')),
      status,
      usersEl,
      bodiesEl,
      changesEl,
    ),
  );

  async function act(work: () => Promise<unknown>) {
    status.textContent = '';
    try {
      await work();
      await load();
    } catch (err) {
      status.textContent = t('auth.failed', { reason: errorText(err) });
    }
  }

  function userRow(u: UserView, bodies: BodyView[], byId: Map<string, BodyView>) {
    const base = `/api/admin/users/${encodeURIComponent(u.sub)}`;
    const roles = h(
      'fieldset',
      { className: 'auth-admin-roles' },
      h('legend', {}, t('auth.roles')),
      GRANTABLE_ROLES.map((role) => {
        const id = `role-${u.sub}-${role}`;
        return h(
          'span',
          {},
          h('input', {
            type: 'checkbox',
            id,
            checked: u.roles.includes(role),
            onchange: (e: Event) =>
              act(() =>
                api(`${base}/roles/${role}`, {
                  method: (e.target as HTMLInputElement).checked ? 'PUT' : 'DELETE',
                }),
              ),
          }),
          h('label', { for: id }, t(`auth.role.${role}`)),
        );
      }),
    );
    const select = h(
      'select',
      { 'aria-label': t('auth.admin.body') },
      bodies
        .filter((b) => !u.bodies.includes(b.id))
        .map((b) => h('option', { value: b.id }, pickText(b.name, getLang()))),
    );
    const bound = h(
      'ul',
      { className: 'auth-admin-bound' },
      u.bodies.map((id) =>
        h(
          'li',
          {},
          pickText(byId.get(id)?.name, getLang()) || id,
          ' ',
          h(
            'button',
            { type: 'button', onclick: () => act(() => api(`${base}/bodies/${id}`, { method: 'DELETE' })) },
            t('auth.admin.unbind'),
          ),
        ),
      ),
    );
    return h(
      'li',
      { className: 'auth-admin-user', 'data-sub': u.sub },
      h('h3', {}, u.name, ' ', h('small', {}, u.sub)),
      roles,
      bound,
      select,
      ' ',
      h(
        'button',
        {
          type: 'button',
          onclick: () => act(() => api(`${base}/bodies/${select.value}`, { method: 'PUT' })),
        },
        t('auth.admin.bind'),
      ),
    );
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
      usersEl.replaceChildren();
      bodiesEl.replaceChildren();
      changesEl.replaceChildren();
      return;
    }
    const [{ users }, { bodies }, { changes }] = await Promise.all([
      api<{ users: UserView[] }>('/api/admin/users'),
      api<{ bodies: BodyView[] }>('/api/bodies'),
      api<{ changes: ChangeView[] }>('/api/admin/changes?limit=30'),
    ]);
    if (!alive) return;
    const byId = new Map(bodies.map((b) => [b.id, b]));
    usersEl.replaceChildren(
      h('h2', { id: 'admin-users' }, t('auth.admin.users')),
      h(
        'ul',
        { className: 'auth-admin-users' },
        users.map((u) => userRow(u, bodies, byId)),
      ),
    );
    bodiesEl.replaceChildren(h('h2', { id: 'admin-bodies' }, t('auth.admin.bodies')), bodyForm(bodies));
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
    stop();
  };
}
