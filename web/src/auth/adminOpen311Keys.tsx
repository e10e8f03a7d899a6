/**
 * The Open311 keys section of the administration page (issue 22): issue a key for a named client
 * (the whole key is shown once, right after, for the admin to hand over), list the keys by prefix
 * with when each was last used, revoke one. The API stores only a hash of each key.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Open311KeyCreated, Open311KeyView } from '../../../shared/open311-keys';
import { api } from '../api';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';

export function Open311Keys() {
  const [keys, setKeys] = useState<Open311KeyView[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Open311KeyCreated | null>(null);
  const [failed, setFailed] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = getLang();

  const load = () =>
    api<{ keys: Open311KeyView[] }>('/api/admin/open311-keys')
      .then((r) => setKeys(r.keys))
      .catch((err: unknown) => setFailed(problemText(err)));
  useEffect(() => void load(), []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailed('');
    try {
      await work();
      await load();
    } catch (err) {
      setFailed(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const issue = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      setCreated(
        await api<Open311KeyCreated>('/api/admin/open311-keys', {
          method: 'POST',
          body: JSON.stringify({ name: name.trim() }),
        }),
      );
      setName('');
    });
  };
  const revoke = (k: Open311KeyView) => {
    if (!confirm(t('cloud8.keys.revokeConfirm', { name: k.name, prefix: k.prefix }))) return;
    void run(async () => {
      await api(`/api/admin/open311-keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
      if (created?.id === k.id) setCreated(null);
    });
  };

  return (
    <>
      <h2 id="admin-open311-keys">{t('cloud8.keys.heading')}</h2>
      <p>{t('cloud8.keys.hint')}</p>
      <form class="cloud8-keys-form" onSubmit={issue}>
        <label for="open311-key-name">{t('cloud8.keys.name')}</label>{' '}
        <input
          id="open311-key-name"
          name="name"
          required
          minLength={2}
          maxLength={100}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit" disabled={busy}>
          {t('cloud8.keys.issue')}
        </button>
      </form>
      {created?.key ? (
        <div class="cloud8-keys-created" role="status">
          <p>{t('cloud8.keys.shownOnce', { name: created.name })}</p>
          <code class="cloud8-keys-secret">{created.key}</code>
        </div>
      ) : null}
      {failed ? <p role="alert">{failed}</p> : null}
      {keys && keys.length === 0 ? <p>{t('cloud8.keys.none')}</p> : null}
      <ul class="cloud8-keys" aria-labelledby="admin-open311-keys">
        {(keys ?? []).map((k) => (
          <li key={k.id} data-revoked={String(Boolean(k.revokedAt))}>
            <strong>{k.name}</strong> <code>{k.prefix}…</code> —{' '}
            {t('cloud8.keys.created', { at: formatDateTime(k.createdAt, lang) })};{' '}
            {k.lastUsedAt
              ? t('cloud8.keys.lastUsed', { at: formatDateTime(k.lastUsedAt, lang) })
              : t('cloud8.keys.neverUsed')}
            {k.revokedAt ? (
              <>; {t('cloud8.keys.revoked', { at: formatDateTime(k.revokedAt, lang) })}</>
            ) : (
              <>
                {' '}
                <button type="button" disabled={busy} onClick={() => revoke(k)}>
                  {t('cloud8.keys.revoke')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
