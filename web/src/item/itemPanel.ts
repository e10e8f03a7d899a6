/**
 * The item panel: everything known about one budget item — money with a bar, execution, period,
 * milestones, place, where the data comes from (demo data said loudly) — and below it the sections
 * other features register (the discussion thread, questions…).
 */
import { areaByCode } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { toTiyn } from '../../../shared/money';
import { ApiError } from '../api';
import { h } from '../dom';
import { barPercent, formatDate, formatDateTime, formatKzt, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { panelSections } from '../shell';
import { itemAsOf } from './freshness';

export interface PanelView {
  /** Shows a loading state, then the item; resolves with the item (null when it could not load). */
  show(id: string, load: (id: string) => Promise<ItemView>): Promise<ItemView | null>;
  /** Re-renders the shown item (language change). */
  refresh(): void;
  focusHeading(): void;
  close(): void;
}

export function createItemPanel(
  container: HTMLElement,
  actions: { close(): void; showOnMap(item: ItemView): void },
): PanelView {
  let cleanups: (() => void)[] = [];
  let shown: ItemView | null = null;
  let token = 0;

  const runCleanups = () => {
    for (const c of cleanups) {
      try {
        c();
      } catch (err) {
        console.error(err);
      }
    }
    cleanups = [];
  };

  const closeButton = () =>
    h(
      'button',
      { type: 'button', className: 'close', onclick: () => actions.close(), 'aria-label': t('panel.close') },
      '×',
    );

  function frame(title: string, ...content: Node[]) {
    runCleanups();
    container.replaceChildren(
      h(
        'div',
        { className: 'panel-head' },
        h('h2', { id: 'panel-title', tabindex: -1 }, title),
        closeButton(),
      ),
      ...content,
    );
    container.hidden = false;
  }

  function render(item: ItemView) {
    const lang = getLang();
    const { planned, contracted, spent } = item.amounts;
    const money = h(
      'section',
      { 'aria-labelledby': 'panel-money' },
      h('h3', { id: 'panel-money' }, t('panel.money')),
      h(
        'dl',
        { className: 'money' },
        h('dt', {}, t('panel.planned')),
        h('dd', { 'data-amount': 'planned' }, formatKzt(planned, lang)),
        h('dt', {}, t('panel.contracted')),
        h('dd', { 'data-amount': 'contracted' }, formatKzt(contracted, lang)),
        h('dt', {}, t('panel.spent')),
        h('dd', { 'data-amount': 'spent' }, formatKzt(spent, lang)),
        h('dt', {}, t('panel.execution')),
        h(
          'dd',
          {},
          h('strong', {}, formatPercent(item.execution.percent, lang)),
          ` · ${t(`exec.${item.execution.state}`)}`,
        ),
      ),
      moneyBar(planned, contracted, spent),
    );

    const milestones = h(
      'section',
      { 'aria-labelledby': 'panel-milestones' },
      h('h3', { id: 'panel-milestones' }, t('panel.milestones')),
      item.milestones.length
        ? h(
            'ol',
            { className: 'timeline' },
            [...item.milestones]
              .sort((a, b) => a.due.localeCompare(b.due))
              .map((m) =>
                h(
                  'li',
                  { className: `milestone milestone-${m.status}` },
                  h('span', { className: 'milestone-title' }, pickText(m.title, lang)),
                  h(
                    'span',
                    { className: 'milestone-meta' },
                    `${t(`milestone.${m.status}`)} · ${t('panel.due', { date: formatDate(m.due, lang) })}`,
                    m.met ? ` · ${t('panel.met', { date: formatDate(m.met, lang) })}` : '',
                  ),
                ),
              ),
          )
        : h('p', {}, t('panel.noMilestones')),
    );

    const [lon, lat] = item.location.point;
    const place = h(
      'section',
      { 'aria-labelledby': 'panel-location' },
      h('h3', { id: 'panel-location' }, t('panel.location')),
      h(
        'dl',
        {},
        h('dt', {}, t('panel.area')),
        h('dd', {}, pickText(areaByCode(item.area).name, lang)),
        item.location.address ? [h('dt', {}, t('panel.address')), h('dd', {}, item.location.address)] : null,
        h('dt', {}, t('panel.coordinates')),
        h('dd', {}, `${lat.toFixed(5)}, ${lon.toFixed(5)}`),
      ),
      h('button', { type: 'button', onclick: () => actions.showOnMap(item) }, t('panel.showOnMap')),
    );

    const p = item.provenance;
    const provenance = h(
      'section',
      { 'aria-labelledby': 'panel-provenance' },
      h('h3', { id: 'panel-provenance' }, t('panel.provenance')),
      h(
        'dl',
        {},
        h('dt', {}, t('panel.source')),
        h('dd', {}, p.sourceName ?? t(`source.${p.source}`)),
        p.sourceId ? [h('dt', {}, t('panel.sourceId')), h('dd', { translate: 'no' }, p.sourceId)] : null,
        h('dt', {}, t('panel.updated')),
        h('dd', {}, formatDateTime(p.updatedAt, lang)),
      ),
    );
    // "Data as of": the item's last source update, said where the figures are read (issue 20, item 6).
    const asOf = h('p', { className: 'as-of', 'data-field': 'as-of' }, itemAsOf(p.updatedAt, lang));

    const facts = h(
      'dl',
      { className: 'facts' },
      h('dt', {}, t('panel.category')),
      h('dd', {}, t(`category.${item.category}`)),
      h('dt', {}, t('list.status')),
      h('dd', {}, t(`status.${item.status}`)),
      h('dt', {}, t('panel.body')),
      h('dd', { 'data-field': 'body' }, pickText(item.body.name, lang)),
      h('dt', {}, t('panel.contractor')),
      h(
        'dd',
        {},
        item.contractor
          ? `${item.contractor.name} (${t('panel.bin')} ${item.contractor.bin})`
          : t('panel.noContractor'),
      ),
      h('dt', {}, t('panel.period')),
      h('dd', {}, `${formatDate(item.period.start, lang)} – ${formatDate(item.period.end, lang)}`),
      h('dt', {}, t('panel.fiscalYear')),
      h('dd', {}, String(item.fiscalYear)),
      h('dt', {}, t('panel.programme')),
      h('dd', {}, item.programmeCode),
    );

    const sections = h('div', { className: 'panel-sections' });
    frame(
      pickText(item.title, lang),
      p.source === 'demo' ? h('p', { className: 'demo-badge', role: 'note' }, t('panel.demo')) : h('span'),
      item.description ? h('p', { className: 'description' }, pickText(item.description, lang)) : h('span'),
      facts,
      asOf,
      money,
      milestones,
      place,
      provenance,
      sections,
    );
    container.dataset.itemId = item.id;
    for (const section of panelSections) {
      const slot = h('div', { className: 'panel-section', 'data-section': section.id });
      sections.append(slot);
      try {
        const cleanup = section.render(slot, item);
        if (cleanup) cleanups.push(cleanup);
      } catch (err) {
        console.error(`panel section ${section.id} failed`, err);
      }
    }
  }

  return {
    async show(id, load) {
      const mine = ++token;
      if (shown?.id === id) {
        render(shown);
        return shown;
      }
      shown = null;
      delete container.dataset.itemId;
      frame(t('panel.loading'));
      container.setAttribute('aria-busy', 'true');
      try {
        const item = await load(id);
        if (mine !== token) return null;
        shown = item;
        render(item);
        return item;
      } catch (err) {
        if (mine !== token) return null;
        frame(err instanceof ApiError && err.status === 404 ? t('panel.notFound') : t('panel.loadFailed'));
        return null;
      } finally {
        if (mine === token) container.removeAttribute('aria-busy');
      }
    },
    refresh() {
      if (shown) render(shown);
    },
    focusHeading() {
      container.querySelector<HTMLElement>('#panel-title')?.focus();
    },
    close() {
      token++;
      runCleanups();
      shown = null;
      delete container.dataset.itemId;
      container.replaceChildren();
      container.hidden = true;
    },
  };
}

/** Planned, contracted and spent on one scale: the widest of the three is the full bar. */
function moneyBar(planned: string, contracted: string, spent: string) {
  const widest = [planned, contracted, spent].reduce((a, b) => (toTiyn(b) > toTiyn(a) ? b : a));
  const bar = (kind: string, amount: string) => {
    const fill = h('span', { className: `bar-fill bar-${kind}` });
    fill.style.width = `${barPercent(amount, widest)}%`;
    return h('span', { className: 'bar-track' }, fill);
  };
  return h(
    'div',
    { className: 'money-bars', 'aria-hidden': 'true' },
    h('span', { className: 'bar-label' }, t('panel.planned')),
    bar('planned', planned),
    h('span', { className: 'bar-label' }, t('panel.contracted')),
    bar('contracted', contracted),
    h('span', { className: 'bar-label' }, t('panel.spent')),
    bar('spent', spent),
  );
}
