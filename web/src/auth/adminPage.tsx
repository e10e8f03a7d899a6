/**
 * Administration (admins only; the API decides, this page only hides what others cannot do):
 * grant and revoke roles and body bindings, add government bodies, and read the record of every
 * change — who, when, what. The users, procurement and key sections are their own components
 * (./adminUsers.tsx, ./adminProcurement.tsx, ./adminOpen311Keys.tsx); a change refreshes the bodies
 * and the change log only, so those sections keep their search, page and typed text. Follows the
 * signed-in user and the language (signals).
 */
import { useEffect, useState } from 'preact/hooks';
import { AREAS, type AreaCode } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import type { BodyView, ChangeView } from '../../../shared/identity';
import { call, client } from '../api/client';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { onSubmit, useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { userKnown } from '../ui/user';
import { Open311Keys } from './adminOpen311Keys';
import { BodyBins } from './adminProcurement';
import { AdminUsers } from './adminUsers';
import { canDo, currentUser } from './session';

/** One line of the change log: who did what to whom, in the current language. */
export function changeLine(c: ChangeView, bodies: Map<string, BodyView>): string {
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

type BodyFields = { id: string; kk: string; ru: string; en: string; area: string; parentId: string };
const EMPTY_BODY: BodyFields = { id: '', kk: '', ru: '', en: '', area: '', parentId: '' };

/** The request body of a new government body from the form's fields (empty fields left out). */
export function newBodyRequest(v: BodyFields) {
  const text = (k: keyof BodyFields) => v[k].trim();
  const name = Object.fromEntries(
    (['kk', 'ru', 'en'] as const).filter((l) => text(l)).map((l) => [l, text(l)]),
  );
  return {
    id: text('id'),
    name,
    ...(text('area') ? { area: text('area') as AreaCode } : {}),
    ...(text('parentId') ? { parentId: text('parentId') } : {}),
  };
}

function BodyForm({
  bodies,
  act,
}: {
  bodies: BodyView[];
  act: (work: () => Promise<unknown>) => Promise<boolean>;
}) {
  const f = useFields<BodyFields>(EMPTY_BODY);
  const lang = getLang();
  const field = (
    name: 'id' | 'kk' | 'ru' | 'en',
    label: string,
    extra: Record<string, string | boolean> = {},
  ) => (
    <p>
      <label for={`body-${name}`}>{label}</label> <input id={`body-${name}`} {...f.bind(name)} {...extra} />
    </p>
  );
  const submit = () =>
    void act(() =>
      call(
        client.POST('/api/admin/bodies', {
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: newBodyRequest(f.values),
        }),
      ),
    ).then((ok) => {
      if (ok) f.reset(EMPTY_BODY);
    });
  return (
    <form className="auth-admin-body-form" onSubmit={onSubmit(submit)}>
      {field('id', t('auth.admin.bodyId'), { required: true, pattern: '[a-z0-9][a-z0-9-]{1,63}' })}
      {field('kk', t('auth.admin.nameKk'))}
      {field('ru', t('auth.admin.nameRu'))}
      {field('en', t('auth.admin.nameEn'))}
      <p>
        <label for="body-area">{t('auth.admin.area')}</label>{' '}
        <select id="body-area" {...f.bind('area')}>
          <option value="">—</option>
          {AREAS.map((a) => (
            <option key={a.code} value={a.code}>
              {pickText(a.name, lang)}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="body-parent">{t('auth.admin.parent')}</label>{' '}
        <select id="body-parent" {...f.bind('parentId')}>
          <option value="">—</option>
          {bodies.map((b) => (
            <option key={b.id} value={b.id}>
              {pickText(b.name, lang)}
            </option>
          ))}
        </select>
      </p>
      <button type="submit">{t('auth.admin.addBody')}</button>
    </form>
  );
}

function Changes({ changes, bodies }: { changes: ChangeView[]; bodies: BodyView[] }) {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return (
    <>
      <h2 id="admin-changes">{t('auth.admin.changes')}</h2>
      <ol className="auth-admin-changes">
        {changes.map((c) => (
          <li key={c.id}>
            <time dateTime={c.at}>{formatDateTime(c.at, getLang())}</time> — {changeLine(c, byId)}
          </li>
        ))}
      </ol>
    </>
  );
}

function Admin() {
  const [bodies, setBodies] = useState<BodyView[] | null>(null);
  const [changes, setChanges] = useState<ChangeView[] | null>(null);
  // A failure is kept as the error itself, so its text follows a language switch.
  const [failure, setFailure] = useState<{ err: unknown } | null>(null);
  const alive = useMounted();

  const loadChanges = async () => {
    const r = await call(client.GET('/api/admin/changes', { params: { query: { limit: 30 } } }));
    if (alive.current) setChanges(r.changes as ChangeView[]);
  };
  const load = async () => {
    const r = await call(client.GET('/api/bodies'));
    if (!alive.current) return;
    setBodies(r.bodies as BodyView[]);
    await loadChanges();
  };
  /** Runs a change, then reloads the bodies and the log; says why when it fails. */
  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    setFailure(null);
    try {
      await work();
      await load();
      return true;
    } catch (err) {
      if (alive.current) setFailure({ err });
      return false;
    }
  };
  useEffect(() => void act(async () => {}), []);
  const changed = () => void loadChanges().catch((err: unknown) => alive.current && setFailure({ err }));

  return (
    <>
      <p role="status" className="auth-status">
        {failure ? t('auth.failed', { reason: problemText(failure.err) }) : ''}
      </p>
      {bodies ? (
        <>
          <section aria-labelledby="admin-users">
            <AdminUsers bodies={bodies} onChanged={changed} />
          </section>
          <section aria-labelledby="admin-bodies">
            <h2 id="admin-bodies">{t('auth.admin.bodies')}</h2>
            <BodyForm bodies={bodies} act={act} />
          </section>
          <section aria-labelledby="admin-procurement">
            <BodyBins bodies={bodies} onChanged={changed} />
          </section>
          <section aria-labelledby="admin-open311-keys">
            <Open311Keys />
          </section>
        </>
      ) : null}
      {bodies && changes ? (
        <section aria-labelledby="admin-changes">
          <Changes changes={changes} bodies={bodies} />
        </section>
      ) : null}
    </>
  );
}

function AdminPage() {
  const me = userKnown.value ? currentUser() : undefined;
  const allowed = canDo('users.manage');
  return (
    <div className="auth-admin">
      <h1>{t('auth.admin.title')}</h1>
      {me === undefined ? (
        <p role="status" className="auth-status" />
      ) : allowed ? (
        <Admin key={me?.sub} />
      ) : (
        <p role="status" className="auth-status">
          {t('auth.admin.only')}
        </p>
      )}
    </div>
  );
}

/** The page at /admin (registered in ./index.ts, its code loaded on the first visit). */
export function renderAdminPage(container: HTMLElement): () => void {
  return mount(container, <AdminPage />);
}
