/**
 * `/flags`: what each flag means and how many items carry it, the flagged items, and the most
 * flagged contractors and bodies (the flag job's stored summaries, bounded reads).
 * `/contractors/{bin}`: a contractor's profile from `GET /api/contractors/{bin}`.
 */
import { effect } from '@preact/signals';
import { AREA_CODES, type AreaCode, areaByCode } from '../../../shared/areas';
import type { FeedFeature } from '../../../shared/feed';
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import { ApiError } from '../api';
import { call, client } from '../api/client';
import { bodyName, loadBodyNames } from '../bodies';
import { loadFeed, loadItemsByIds } from '../browse/data';
import { h } from '../dom';
import { formatCount, formatKzt, formatPercent } from '../format';
import { getLang, onLangChange, t } from '../i18n';
import { signedIn, userKnown } from '../ui/user';
import { flaggedForOfficial } from './explainLogic';
import { mountFlagExplanations } from './explanations';
import { explanationNode, flagSources } from './flagFacts';
import { CONTRACTOR_PATH } from './index';

const FLAGGED_SHOWN = 50;

function titleOf(code: string): string {
  return FLAGS.find((f) => f.code === code)?.title[getLang()] ?? code;
}

/** Re-renders on a language change; the returned cleanup stops both (and what `onCleanup` collected). */
function live(
  container: HTMLElement,
  draw: (alive: () => boolean, onCleanup: (f: () => void) => void) => Promise<void>,
): () => void {
  let generation = 0;
  let cleanups: (() => void)[] = [];
  const clean = () => {
    for (const f of cleanups) f();
    cleanups = [];
  };
  const run = () => {
    clean();
    const mine = ++generation;
    container.replaceChildren(h('p', { role: 'status' }, t('integrity.loading')));
    draw(
      () => mine === generation,
      (f) => cleanups.push(f),
    ).catch((err: unknown) => {
      if (mine !== generation) return;
      container.replaceChildren(
        h(
          'p',
          { role: 'alert' },
          err instanceof ApiError && err.status === 404 ? t('integrity.notFound') : t('integrity.loadFailed'),
        ),
      );
    });
  };
  run();
  const off = onLangChange(run);
  return () => {
    generation++;
    clean();
    off();
  };
}

export function renderFlagsPage(container: HTMLElement): () => void {
  return live(container, async (alive, onCleanup) => {
    const lang = getLang();
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
    if (!alive()) return;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byFlag = overview.run?.byFlag ?? {};
    const ownSlot = h('div', { 'data-own-flags': '' });
    const summaries = (kind: 'contractor' | 'body', list: typeof overview.contractors) =>
      list.filter((s) => s.flagged > 0).length
        ? h(
            'ol',
            { className: 'integrity-rank', 'data-rank': kind },
            list
              .filter((s) => s.flagged > 0)
              .map((s) =>
                h(
                  'li',
                  { 'data-id': s.id },
                  kind === 'contractor'
                    ? h(
                        'a',
                        { href: `/contractors/${s.id}`, 'data-nav': '', 'data-user-content': '' },
                        s.name ?? s.id,
                      )
                    : h(
                        'a',
                        { href: `/list?body=${encodeURIComponent(s.id)}&flag=any`, 'data-nav': '' },
                        bodyName(s.id),
                      ),
                  ` — ${t('integrity.flaggedOf', { flagged: s.flagged, items: s.items })}`,
                  h(
                    'span',
                    { className: 'integrity-codes' },
                    Object.entries(s.byFlag)
                      .map(([c, n]) => `${titleOf(c)}: ${formatCount(n, lang)}`)
                      .join('; '),
                  ),
                ),
              ),
          )
        : h('p', {}, t('integrity.none'));
    container.replaceChildren(
      h(
        'section',
        { className: 'integrity-page' },
        h('h1', { tabindex: -1 }, t('integrity.pageTitle')),
        h('p', { className: 'integrity-note' }, t('integrity.note')),
        overview.run
          ? h(
              'p',
              { 'data-run': '' },
              t('integrity.runSummary', { flagged: overview.run.flagged, items: overview.run.items }),
            )
          : h('p', {}, t('integrity.none')),
        h('h2', {}, t('integrity.catalogue')),
        h(
          'ul',
          { className: 'integrity-catalogue' },
          FLAGS.map((f) =>
            h(
              'li',
              { 'data-flag': f.code },
              h('a', { href: `/list?flag=${f.code}`, 'data-nav': '' }, f.title[lang]),
              ` — ${t('integrity.items', { n: byFlag[f.code] ?? 0 })}`,
              h('p', { className: 'integrity-meaning' }, t(`integrity.meaning.${f.code}`)),
              flagSources(f),
            ),
          ),
        ),
        h('h2', {}, t('integrity.flaggedItems')),
        flagged.length
          ? h(
              'ol',
              { className: 'integrity-rank', 'data-rank': 'items' },
              flagged
                .slice(0, FLAGGED_SHOWN)
                .map((f) =>
                  h(
                    'li',
                    { 'data-id': f.properties.id },
                    h(
                      'a',
                      { href: `/items/${f.properties.id}`, 'data-nav': '' },
                      byId.has(f.properties.id)
                        ? pickText(byId.get(f.properties.id)?.title, lang)
                        : f.properties.id,
                    ),
                    ` — ${(f.properties.f ?? []).map(titleOf).join('; ')}`,
                  ),
                ),
            )
          : h('p', {}, t('integrity.none')),
        h('h2', {}, t('integrity.contractors')),
        summaries('contractor', overview.contractors),
        h('h2', {}, t('integrity.bodies')),
        summaries('body', overview.bodies),
        ownSlot,
      ),
    );
    // For the body's officials: their items' flags with the same explain form as the item panel.
    // Drawn once the API says who is signed in (a signed-in check happens after the first render).
    let unmountOwn: (() => void) | undefined;
    const stop = effect(() => {
      if (!userKnown.value) return;
      const mine = flaggedForOfficial(feed, signedIn(), FLAGGED_SHOWN);
      void drawOwn(ownSlot, mine, alive).then((u) => {
        unmountOwn?.();
        unmountOwn = u;
      });
    });
    onCleanup(() => {
      stop();
      unmountOwn?.();
    });
  });
}

/** "Your body's flagged items": each item's flags as `li[data-flag]`, the explanations mounted beside them. */
async function drawOwn(
  slot: HTMLElement,
  mine: readonly FeedFeature[],
  alive: () => boolean,
): Promise<(() => void) | undefined> {
  if (!mine.length) {
    slot.replaceChildren();
    return undefined;
  }
  const lang = getLang();
  const rows = await loadItemsByIds(mine.map((f) => f.properties.id));
  if (!alive()) return undefined;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lists = mine.map((f) => {
    const list = h(
      'ul',
      { className: 'integrity-flags' },
      (f.properties.f ?? []).map((code) => h('li', { 'data-flag': code }, h('strong', {}, titleOf(code)))),
    );
    return { f, list };
  });
  slot.replaceChildren(
    h('h2', {}, t('lens6.flags.ownTitle')),
    h('p', { className: 'integrity-note' }, t('lens6.flags.ownHint')),
    h(
      'ol',
      { className: 'integrity-rank', 'data-rank': 'own' },
      lists.map(({ f, list }) =>
        h(
          'li',
          { 'data-id': f.properties.id },
          h(
            'a',
            { href: `/items/${f.properties.id}`, 'data-nav': '' },
            byId.has(f.properties.id) ? pickText(byId.get(f.properties.id)?.title, lang) : f.properties.id,
          ),
          ` — ${bodyName(f.properties.b)}`,
          list,
        ),
      ),
    ),
  );
  const unmounts = lists.map(({ f, list }) =>
    mountFlagExplanations(list, { id: f.properties.id, body: { id: f.properties.b } }),
  );
  return () => {
    for (const u of unmounts) u();
  };
}

export function renderContractorPage(container: HTMLElement): () => void {
  let shownPath = '';
  let stop: (() => void) | undefined;
  // The shell renders a page again only when another page takes over: follow /contractors/A → B here.
  const show = () => {
    const m = CONTRACTOR_PATH.exec(location.pathname);
    if (!m || location.pathname === shownPath) return;
    shownPath = location.pathname;
    stop?.();
    const bin = m[1] as string;
    stop = live(container, async (alive) => {
      const [p] = await Promise.all([
        call(client.GET('/api/contractors/{bin}', { params: { path: { bin } } })),
        loadBodyNames(),
      ]);
      if (!alive()) return;
      const lang = getLang();
      const shareList = (kind: string, list: typeof p.bodies) =>
        h(
          'table',
          { className: 'integrity-table', 'data-table': kind },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t(kind === 'bodies' ? 'integrity.body' : 'integrity.area')),
              h('th', { scope: 'col' }, t('integrity.contracts')),
              h('th', { scope: 'col' }, t('integrity.contracted')),
              h('th', { scope: 'col' }, t('integrity.share')),
            ),
          ),
          h(
            'tbody',
            {},
            list.map((s) =>
              h(
                'tr',
                { 'data-id': s.id },
                h('td', {}, kind === 'areas' ? areaName(s.id, lang) : bodyName(s.id)),
                h('td', {}, formatCount(s.count, lang)),
                h('td', {}, formatKzt(s.contracted, lang)),
                h('td', { 'data-share': '' }, formatPercent(s.sharePercent, lang)),
              ),
            ),
          ),
        );
      container.replaceChildren(
        h(
          'section',
          { className: 'integrity-page' },
          h('h1', { tabindex: -1, 'data-user-content': '' }, p.contractor.name),
          p.contractor.bin ? h('p', {}, `${t('panel.bin')} ${p.contractor.bin}`) : null,
          h(
            'dl',
            { className: 'integrity-totals' },
            h('dt', {}, t('integrity.contracts')),
            h('dd', { 'data-total': 'count' }, formatCount(p.totals.count, lang)),
            h('dt', {}, t('integrity.contracted')),
            h('dd', { 'data-total': 'contracted' }, formatKzt(p.totals.contracted, lang)),
            h('dt', {}, t('integrity.spent')),
            h('dd', { 'data-total': 'spent' }, formatKzt(p.totals.spent, lang)),
            h('dt', {}, t('integrity.lateness')),
            h(
              'dd',
              { 'data-total': 'late' },
              t('integrity.lateOf', { late: p.lateness.late, open: p.lateness.open }),
              ` (${formatPercent(p.lateness.latePercent, lang)})`,
            ),
          ),
          h('h2', {}, t('integrity.flagsHeading')),
          Object.keys(p.flags).length
            ? h(
                'ul',
                { 'data-flags': '' },
                Object.entries(p.flags).map(([code, n]) =>
                  h('li', { 'data-flag': code }, `${titleOf(code)}: ${t('integrity.items', { n })}`),
                ),
              )
            : h('p', {}, t('integrity.noFlags')),
          h('h2', {}, t('integrity.byYear')),
          h(
            'table',
            { className: 'integrity-table', 'data-table': 'years' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('integrity.year')),
                h('th', { scope: 'col' }, t('integrity.contracts')),
                h('th', { scope: 'col' }, t('integrity.contracted')),
                h('th', { scope: 'col' }, t('integrity.spent')),
              ),
            ),
            h(
              'tbody',
              {},
              p.byYear.map((y) =>
                h(
                  'tr',
                  {},
                  h('td', {}, String(y.year)),
                  h('td', {}, formatCount(y.count, lang)),
                  h('td', {}, formatKzt(y.contracted, lang)),
                  h('td', {}, formatKzt(y.spent, lang)),
                ),
              ),
            ),
          ),
          h('h2', {}, t('integrity.bodies')),
          shareList('bodies', p.bodies),
          h('h2', {}, t('integrity.areas')),
          shareList('areas', p.areas),
          h('h2', {}, t('integrity.contractList')),
          h(
            'ul',
            { className: 'integrity-contracts' },
            p.contracts.map((c) =>
              h(
                'li',
                { 'data-id': c.id },
                h('a', { href: `/items/${c.id}`, 'data-nav': '' }, pickText(c.title, lang)),
                ` — ${c.year} · ${formatKzt(c.contracted, lang)} · ${t(`exec.${c.state}`)}`,
                c.flags.length ? ` · ${t('integrity.badge', { n: c.flags.length })}` : '',
                ...(c.explanations ?? []).map((e) => explanationNode(e, lang, titleOf(e.code))),
              ),
            ),
          ),
        ),
      );
    });
  };
  show();
  addEventListener('popstate', show);
  return () => {
    removeEventListener('popstate', show);
    stop?.();
  };
}

function areaName(code: string, lang: ReturnType<typeof getLang>): string {
  return (AREA_CODES as readonly string[]).includes(code)
    ? pickText(areaByCode(code as AreaCode).name, lang)
    : code;
}
