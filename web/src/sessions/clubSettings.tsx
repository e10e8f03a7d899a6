/**
 * The club's settings for the secretary: the quorum (members present) the minutes are checked
 * against. Minutes keep the quorum in force when they were published; a change applies to later ones.
 */
import { useEffect, useState } from 'preact/hooks';
import { call, client } from '../api/client';
import { t } from '../i18n';
import { onSubmit } from '../ui/form';
import { errorMessage } from './model';
import { quorumInput } from './viewLogic';

export function ClubSettingsForm() {
  const [quorum, setQuorum] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    let alive = true;
    void call(client.GET('/api/club/settings')).then(
      (s) => {
        if (!alive) return;
        setSaved(s?.quorumRequired ?? null);
        setQuorum(s ? String(s.quorumRequired) : '');
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  const save = () => {
    const n = quorumInput(quorum);
    if (n === null) {
      setStatus(t('loop5.settings.invalid'));
      return;
    }
    void call(client.PUT('/api/club/settings', { body: { quorumRequired: n } })).then(
      (s) => {
        setSaved(s?.quorumRequired ?? n);
        setStatus(t('loop5.settings.saved'));
      },
      (err) => setStatus(errorMessage(err)),
    );
  };
  return (
    <section aria-labelledby="club-settings-title" data-testid="club-settings">
      <h2 id="club-settings-title">{t('loop5.settings.title')}</h2>
      <p>{saved === null ? t('loop5.settings.unset') : t('loop5.settings.current', { n: saved })}</p>
      <form onSubmit={onSubmit(save)}>
        <label for="club-quorum">{t('loop5.settings.quorum')}</label>{' '}
        <input
          id="club-quorum"
          type="number"
          inputMode="numeric"
          min={1}
          max={200}
          step={1}
          required
          aria-describedby="club-quorum-hint"
          value={quorum}
          onInput={(e) => setQuorum((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">{t('loop5.settings.save')}</button>
        <p id="club-quorum-hint" className="hint">
          {t('loop5.settings.hint')}
        </p>
      </form>
      {status ? <p role="status">{status}</p> : null}
    </section>
  );
}
