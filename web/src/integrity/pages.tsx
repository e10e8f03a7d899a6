/**
 * `/flags`: what each flag means and how many items carry it, the flagged items, and the most
 * flagged contractors and bodies (the flag job's stored summaries, bounded reads).
 * `/contractors/{bin}`: a contractor's profile from `GET /api/contractors/{bin}`.
 * Both read their data once and follow the language (signals): a switch re-words what is shown
 * without asking the API again.
 */
import { useEffect, useState } from 'preact/hooks';
import { AREA_CODES, type AreaCode, areaByCode } from '../../../shared/areas';
import type { FeedFeature } from '../../../shared/feed';
import { FLAGS } from '../../../shared/flags';
import type { FlagExplanationView } from '../../../shared/flags-explanations';
import { type Lang, pickText } from '../../../shared/i18n-text';
import { ApiError } from '../api';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';
import { bodyName, loadBodyNames } from '../bodies';
import { loadFeed, loadItemsByIds } from '../browse/data';
import { formatCount, formatDate, formatKzt, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { mount } from '../ui/mount';
import { signedIn, userKnown } from '../ui/user';
import { flaggedForOfficial } from './explainLogic';
import { ItemFlagExplanations } from './explanations';
import { FlagSources } from './flagFacts';
import { CONTRACTOR_PATH } from './index';

const FLAGGED_SHOWN = 50;

function titleOf(code: string): string {
  return FLAGS.find((f) => f.code === code)?.title[getLang()] ?? code;
}

type Loaded<T> = { state: 'loading' } | { state: 'failed'; notFound: boolean } | { state: 'ready'; data: T };

/** `load` run once per `key` (a later answer for an older key is dropped). */
function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [shown, setShown] = useState<{ key: string; loaded: Loaded<T> }>({
    key,
    loaded: { state: 'loading' },
  });
  useEffect(() => {
    let alive = true;
    setShown({ key, loaded: { state: 'loading' } });
    load().then(
      (data) => {
        if (alive) setShown({ key, loaded: { state: 'ready', data } });
      },
      (err: unknown) => {
        if (alive)
          setShown({
            key,
            loaded: { state: 'failed', notFound: err instanceof ApiError && err.status === 404 },
          });
      },
    );
    return () => {
      alive = false;
    };
  }, [key]);
  return shown.key === key ? shown.loaded : { state: 'loading' };
}

/** What a page shows until its data is there, or instead of it. */
function NotReady({ loaded }: { loaded: Loaded<unknown> }) {
  if (loaded.state === 'failed')
    return <p role="alert">{loaded.notFound ? t('integrity.notFound') : t('integrity.loadFailed')}</p>;
  return <p role="status">{t('integrity.loading')}</p>;
}

/**
 * The body's explanation beside a flag: a heading word, the flag, the date, and the official's text
 * as written (marked as content people wrote, in its own language).
 */
function Explanation({ e, lang, flagTitle }: { e: FlagExplanationView; lang: Lang; flagTitle: string }) {
  return (
    <p className="integrity-explanation" data-explanation={e.id}>
      <strong>{t('integrity.explanation')}</strong>
      {` (${flagTitle}, ${formatDate(e.at, lang)}): `}
      <q lang={e.lang} data-user-content="">
        {e.text}
      </q>
    </p>
  );
}

type Overview = paths['/api/flags']['get']['responses'][200]['content']['application/json'];
type Summary = Overview['contractors'][number];

function Ranking({ kind, list }: { kind: 'contractor' | 'body'; list: Summary[] }) {
  const lang = getLang();
  const shown = list.filter((s) => s.flagged > 0);
  if (!shown.length) return <p>{t('integrity.none')}</p>;
  return (
    <ol className="integrity-rank" data-rank={kind}>
      {shown.map((s) => (
        <li key={s.id} data-id={s.id}>
          {kind === 'contractor' ? (
            <a href={`/contractors/${s.id}`} data-nav="" data-user-content="">
              {s.name ?? s.id}
            </a>
          ) : (
            <a href={`/list?body=${encodeURIComponent(s.id)}&flag=any`} data-nav="">
              {bodyName(s.id)}
            </a>
          )}
          {` — ${t('integrity.flaggedOf', { flagged: s.flagged, items: s.items })}`}
          <span className="integrity-codes">
            {Object.entries(s.byFlag)
              .map(([c, n]) => `${titleOf(c)}: ${formatCount(n, lang)}`)
              .join('; ')}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * For the body's officials: their items' flags with the same explain form as the item panel, drawn
 * once the API says who is signed in (and again on sign-in and sign-out).
 */
function OwnFlags({ feed }: { feed: readonly FeedFeature[] }) {
  const mine = userKnown.value ? flaggedForOfficial(feed, signedIn(), FLAGGED_SHOWN) : [];
  const ids = mine.map((f) => f.properties.id).join(',');
  const [titles, setTitles] = useState<{ ids: string; byId: Map<string, Titled> } | null>(null);
  useEffect(() => {
    if (!ids) return;
    let alive = true;
    loadItemsByIds(ids.split(',')).then(
      (rows) => {
        if (alive) setTitles({ ids, byId: new Map(rows.map((r) => [r.id, r])) });
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [ids]);
  if (!ids || titles?.ids !== ids) return <div data-own-flags="" />;
  const lang = getLang();
  return (
    <div data-own-flags="">
      <h2>{t('lens6.flags.ownTitle')}</h2>
      <p className="integrity-note">{t('lens6.flags.ownHint')}</p>
      <ol className="integrity-rank" data-rank="own">
        {mine.map((f) => (
          <li key={f.properties.id} data-id={f.properties.id}>
            <a href={`/items/${f.properties.id}`} data-nav="">
              {itemTitle(titles.byId, f.properties.id, lang)}
            </a>
            {` — ${bodyName(f.properties.b)}`}
            <ItemFlagExplanations
              itemId={f.properties.id}
              bodyId={f.properties.b}
              codes={f.properties.f ?? []}
              title={titleOf}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

type Titled = { id: string; title?: Parameters<typeof pickText>[0] };

function itemTitle(byId: Map<string, Titled>, id: string, lang: Lang): string {
  return byId.has(id) ? pickText(byId.get(id)?.title, lang) : id;
}

interface FlagsData {
  overview: Overview;
  feed: FeedFeature[];
  flagged: FeedFeature[];
  byId: Map<string, Titled>;
}

async function loadFlags(): Promise<FlagsData> {
  const [overview, feed] = await Promise.all([
    call(client.GET('/api/flags', { params: { query: { limit: 20 } } })),
    loadFeed(),
    loadBodyNames(),
  ]);
  const flagged = feed
    .filter((f) => f.properties.f?.length)
    .sort(
      (a, b) =>
        (b.properties.f?.length ?? 0) - (a.properties.f?.length ?? 0) ||
        a.properties.id.localeCompare(b.properties.id),
    );
  const rows = await loadItemsByIds(flagged.slice(0, FLAGGED_SHOWN).map((f) => f.properties.id));
  return { overview, feed, flagged, byId: new Map(rows.map((r) => [r.id, r])) };
}

function FlagsPage() {
  const loaded = useLoad(loadFlags, 'flags');
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  const { overview, feed, flagged, byId } = loaded.data;
  const lang = getLang();
  const byFlag: Record<string, number> = overview.run?.byFlag ?? {};
  return (
    <section className="integrity-page">
      <h1 tabIndex={-1}>{t('integrity.pageTitle')}</h1>
      <p className="integrity-note">{t('integrity.note')}</p>
      {overview.run ? (
        <p data-run="">
          {t('integrity.runSummary', { flagged: overview.run.flagged, items: overview.run.items })}
        </p>
      ) : (
        <p>{t('integrity.none')}</p>
      )}
      <h2>{t('integrity.catalogue')}</h2>
      <ul className="integrity-catalogue">
        {FLAGS.map((f) => (
          <li key={f.code} data-flag={f.code}>
            <a href={`/list?flag=${f.code}`} data-nav="">
              {f.title[lang]}
            </a>
            {` — ${t('integrity.items', { n: byFlag[f.code] ?? 0 })}`}
            <p className="integrity-meaning">{t(`integrity.meaning.${f.code}`)}</p>
            <FlagSources def={f} />
          </li>
        ))}
      </ul>
      <h2>{t('integrity.flaggedItems')}</h2>
      {flagged.length ? (
        <ol className="integrity-rank" data-rank="items">
          {flagged.slice(0, FLAGGED_SHOWN).map((f) => (
            <li key={f.properties.id} data-id={f.properties.id}>
              <a href={`/items/${f.properties.id}`} data-nav="">
                {itemTitle(byId, f.properties.id, lang)}
              </a>
              {` — ${(f.properties.f ?? []).map(titleOf).join('; ')}`}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('integrity.none')}</p>
      )}
      <h2>{t('integrity.contractors')}</h2>
      <Ranking kind="contractor" list={overview.contractors} />
      <h2>{t('integrity.bodies')}</h2>
      <Ranking kind="body" list={overview.bodies} />
      <OwnFlags feed={feed} />
    </section>
  );
}

export function renderFlagsPage(container: HTMLElement): () => void {
  return mount(container, <FlagsPage />);
}

type Profile = paths['/api/contractors/{bin}']['get']['responses'][200]['content']['application/json'];

function areaName(code: string, lang: Lang): string {
  return (AREA_CODES as readonly string[]).includes(code)
    ? pickText(areaByCode(code as AreaCode).name, lang)
    : code;
}

function ShareTable({ kind, list }: { kind: 'bodies' | 'areas'; list: Profile['bodies'] }) {
  const lang = getLang();
  return (
    <table className="integrity-table" data-table={kind}>
      <thead>
        <tr>
          <th scope="col">{t(kind === 'bodies' ? 'integrity.body' : 'integrity.area')}</th>
          <th scope="col">{t('integrity.contracts')}</th>
          <th scope="col">{t('integrity.contracted')}</th>
          <th scope="col">{t('integrity.share')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((s) => (
          <tr key={s.id} data-id={s.id}>
            <td>{kind === 'areas' ? areaName(s.id, lang) : bodyName(s.id)}</td>
            <td>{formatCount(s.count, lang)}</td>
            <td>{formatKzt(s.contracted, lang)}</td>
            <td data-share="">{formatPercent(s.sharePercent, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Contractor({ bin }: { bin: string }) {
  const loaded = useLoad(async () => {
    const [p] = await Promise.all([
      call(client.GET('/api/contractors/{bin}', { params: { path: { bin } } })),
      loadBodyNames(),
    ]);
    return p;
  }, bin);
  if (loaded.state !== 'ready') return <NotReady loaded={loaded} />;
  const p = loaded.data;
  const lang = getLang();
  return (
    <section className="integrity-page">
      <h1 tabIndex={-1} data-user-content="">
        {p.contractor.name}
      </h1>
      {p.contractor.bin ? <p>{`${t('panel.bin')} ${p.contractor.bin}`}</p> : null}
      <dl className="integrity-totals">
        <dt>{t('integrity.contracts')}</dt>
        <dd data-total="count">{formatCount(p.totals.count, lang)}</dd>
        <dt>{t('integrity.contracted')}</dt>
        <dd data-total="contracted">{formatKzt(p.totals.contracted, lang)}</dd>
        <dt>{t('integrity.spent')}</dt>
        <dd data-total="spent">{formatKzt(p.totals.spent, lang)}</dd>
        <dt>{t('integrity.lateness')}</dt>
        <dd data-total="late">
          {t('integrity.lateOf', { late: p.lateness.late, open: p.lateness.open })}
          {` (${formatPercent(p.lateness.latePercent, lang)})`}
        </dd>
      </dl>
      <h2>{t('integrity.flagsHeading')}</h2>
      {Object.keys(p.flags).length ? (
        <ul data-flags="">
          {Object.entries(p.flags).map(([code, n]) => (
            <li key={code} data-flag={code}>{`${titleOf(code)}: ${t('integrity.items', { n })}`}</li>
          ))}
        </ul>
      ) : (
        <p>{t('integrity.noFlags')}</p>
      )}
      <h2>{t('integrity.byYear')}</h2>
      <table className="integrity-table" data-table="years">
        <thead>
          <tr>
            <th scope="col">{t('integrity.year')}</th>
            <th scope="col">{t('integrity.contracts')}</th>
            <th scope="col">{t('integrity.contracted')}</th>
            <th scope="col">{t('integrity.spent')}</th>
          </tr>
        </thead>
        <tbody>
          {p.byYear.map((y) => (
            <tr key={y.year}>
              <td>{String(y.year)}</td>
              <td>{formatCount(y.count, lang)}</td>
              <td>{formatKzt(y.contracted, lang)}</td>
              <td>{formatKzt(y.spent, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('integrity.bodies')}</h2>
      <ShareTable kind="bodies" list={p.bodies} />
      <h2>{t('integrity.areas')}</h2>
      <ShareTable kind="areas" list={p.areas} />
      <h2>{t('integrity.contractList')}</h2>
      <ul className="integrity-contracts">
        {p.contracts.map((c) => (
          <li key={c.id} data-id={c.id}>
            <a href={`/items/${c.id}`} data-nav="">
              {pickText(c.title, lang)}
            </a>
            {` — ${c.year} · ${formatKzt(c.contracted, lang)} · ${t(`exec.${c.state}`)}`}
            {c.flags.length ? ` · ${t('integrity.badge', { n: c.flags.length })}` : ''}
            {(c.explanations ?? []).map((e) => (
              <Explanation key={e.id} e={e} lang={lang} flagTitle={titleOf(e.code)} />
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The shell renders a page again only when another page takes over: follow /contractors/A → B here. */
function ContractorPage() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const follow = () => setPath(location.pathname);
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  const bin = CONTRACTOR_PATH.exec(path)?.[1];
  return bin ? <Contractor key={bin} bin={bin} /> : null;
}

export function renderContractorPage(container: HTMLElement): () => void {
  return mount(container, <ContractorPage />);
}
