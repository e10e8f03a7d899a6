/**
 * The procurement section of the administration page (issue 23): each body's BIN, which is how the
 * procurement connector finds the body a contract's customer is (contracts name their customer by
 * BIN only), and the recent sync and import reports, failures included (issue 20, item 6).
 */
import { useEffect, useState } from 'preact/hooks';
import { pickText } from '../../../shared/i18n-text';
import type { BodyView } from '../../../shared/identity';
import { api } from '../api';
import { call, client } from '../api/client';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { binChange, binInputProblem, type DataRunView, runOutcome } from './procurement';

function BodyBinRow({ body, onSaved }: { body: BodyView; onSaved: (b: BodyView) => void }) {
  const [typed, setTyped] = useState(body.bin ?? '');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `bin-${body.id}`;
  const name = pickText(body.name, getLang()) || body.id;

  const save = async (change: { bin: string | null }) => {
    setBusy(true);
    try {
      const after = await api<BodyView>(`/api/admin/bodies/${encodeURIComponent(body.id)}`, {
        method: 'PATCH',
        body: JSON.stringify(change),
      });
      setTyped(after.bin ?? '');
      setResult({
        ok: true,
        text: after.bin ? t('realdata.bin.bound', { bin: after.bin }) : t('realdata.bin.unbound'),
      });
      onSaved(after);
    } catch (err) {
      setResult({ ok: false, text: problemText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="realdata-bin">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const problem = binInputProblem(typed);
          if (problem) return setResult({ ok: false, text: t(`problem.${problem}`) });
          const change = binChange(body.bin, typed);
          if (change) void save(change);
        }}
      >
        <label for={id}>{name}</label>{' '}
        <input
          id={id}
          name="bin"
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          placeholder={t('realdata.bin.placeholder')}
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          aria-describedby={result ? `${id}-result` : undefined}
        />{' '}
        <button type="submit" disabled={busy}>
          {t('realdata.bin.save')}
        </button>
        {body.bin ? (
          <button type="button" disabled={busy} onClick={() => void save({ bin: null })}>
            {t('realdata.bin.unbind')}
          </button>
        ) : null}
        {result ? (
          <span id={`${id}-result`} role={result.ok ? 'status' : 'alert'} class={result.ok ? 'ok' : 'error'}>
            {' '}
            {result.text}
          </span>
        ) : null}
      </form>
    </li>
  );
}

/** Each body with the BIN it is bound to; binding, changing and unbinding go through the API's checks. */
export function BodyBins({ bodies, onChanged }: { bodies: BodyView[]; onChanged: () => void }) {
  return (
    <>
      <h2 id="admin-procurement">{t('realdata.bin.heading')}</h2>
      <p>{t('realdata.bin.hint')}</p>
      <ul class="realdata-bins">
        {bodies.map((b) => (
          <BodyBinRow key={b.id} body={b} onSaved={onChanged} />
        ))}
      </ul>
      <DataRuns />
    </>
  );
}

/** Recent syncs and imports, newest first; a failed one stands out with its reason. */
export function DataRuns() {
  const [runs, setRuns] = useState<DataRunView[] | null>(null);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    call(client.GET('/api/admin/data-runs', { params: { query: { limit: 10 } } }))
      .then((r) => setRuns(r.runs))
      .catch((err: unknown) => setFailed(problemText(err)));
  }, []);
  const lang = getLang();
  return (
    <>
      <h3 id="admin-data-runs">{t('realdata.runs.heading')}</h3>
      {failed ? <p role="alert">{failed}</p> : null}
      {runs && runs.length === 0 ? <p>{t('realdata.runs.none')}</p> : null}
      <ol class="realdata-runs" aria-labelledby="admin-data-runs">
        {(runs ?? []).map((run) => {
          const outcome = runOutcome(run);
          return (
            <li key={`${run.at}-${run.kind}`} class={run.ok ? 'ok' : 'error'} data-ok={String(run.ok)}>
              <time dateTime={run.at}>{formatDateTime(run.at, lang)}</time> —{' '}
              {t(`realdata.runs.kind.${run.kind}`)}
              {run.source && run.kind === 'import' ? ` (${run.source})` : ''},{' '}
              {t(`realdata.runs.trigger.${run.trigger}`)}: {t(outcome.key, outcome.params)}
            </li>
          );
        })}
      </ol>
    </>
  );
}
