/**
 * The item panel: everything known about one budget item — money with a bar, execution, period,
 * milestones, place, where the data comes from (demo data said loudly) — and below it the sections
 * other features register (the discussion thread, questions…). A Preact component: it reads the
 * language while rendering, so a language switch re-renders it in place, and the registered sections
 * (keyed by id) stay mounted, with their open forms and typed text, until another item is shown.
 */
import { Fragment, render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { areaByCode } from '../../../shared/areas';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { ApiError } from '../api';
import { formatDate, formatDateTime, formatKzt, formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { type PanelSection, panelSections } from '../shell';
import { itemAsOf } from './freshness';
import { coordinatesText, moneyBarWidths, sortedMilestones } from './panelLogic';

export interface PanelView {
  /** Shows a loading state, then the item; resolves with the item (null when it could not load). */
  show(id: string, load: (id: string) => Promise<ItemView>): Promise<ItemView | null>;
  /** Re-renders the shown item (the component also follows a language switch by itself). */
  refresh(): void;
  focusHeading(): void;
  close(): void;
}

type PanelState =
  | { kind: 'loading' }
  | { kind: 'item'; item: ItemView }
  | { kind: 'failed'; notFound: boolean };

interface Actions {
  close(): void;
  showOnMap(item: ItemView): void;
}

export function createItemPanel(container: HTMLElement, actions: Actions): PanelView {
  let state: PanelState | null = null;
  let token = 0;

  // Rendered synchronously (a top-level `render`), so the heading is there to focus right after `show`.
  const draw = (next: PanelState | null) => {
    state = next;
    render(next ? <ItemSheet state={next} actions={actions} /> : null, container);
    container.hidden = !next;
  };
  const shown = () => (state?.kind === 'item' ? state.item : null);

  return {
    async show(id, load) {
      const mine = ++token;
      const current = shown();
      if (current?.id === id) {
        draw(state);
        return current;
      }
      delete container.dataset.itemId;
      draw({ kind: 'loading' });
      container.setAttribute('aria-busy', 'true');
      try {
        const item = await load(id);
        if (mine !== token) return null;
        container.dataset.itemId = item.id;
        draw({ kind: 'item', item });
        return item;
      } catch (err) {
        if (mine !== token) return null;
        draw({ kind: 'failed', notFound: err instanceof ApiError && err.status === 404 });
        return null;
      } finally {
        if (mine === token) container.removeAttribute('aria-busy');
      }
    },
    refresh() {
      if (state) draw(state);
    },
    focusHeading() {
      container.querySelector<HTMLElement>('#panel-title')?.focus();
    },
    close() {
      token++;
      delete container.dataset.itemId;
      draw(null);
    },
  };
}

function ItemSheet({ state, actions }: { state: PanelState; actions: Actions }) {
  const title =
    state.kind === 'item'
      ? pickText(state.item.title, getLang())
      : state.kind === 'loading'
        ? t('panel.loading')
        : state.notFound
          ? t('panel.notFound')
          : t('panel.loadFailed');
  return (
    <>
      <div className="panel-head">
        <h2 id="panel-title" tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="close" onClick={() => actions.close()} aria-label={t('panel.close')}>
          ×
        </button>
      </div>
      {state.kind === 'item' ? (
        <ItemDetails key={state.item.id} item={state.item} showOnMap={actions.showOnMap} />
      ) : null}
    </>
  );
}

function ItemDetails({ item, showOnMap }: { item: ItemView; showOnMap: (item: ItemView) => void }) {
  const lang = getLang();
  const p = item.provenance;
  return (
    <>
      {p.source === 'demo' ? (
        <p className="demo-badge" role="note">
          {t('panel.demo')}
        </p>
      ) : null}
      {item.description ? <p className="description">{pickText(item.description, lang)}</p> : null}
      <Facts item={item} />
      {/* "Data as of": the item's last source update, said where the figures are read (issue 20, item 6). */}
      <p className="as-of" data-field="as-of">
        {itemAsOf(p.updatedAt, lang)}
      </p>
      <Money item={item} />
      <Milestones item={item} />
      <Place item={item} showOnMap={showOnMap} />
      <section aria-labelledby="panel-provenance">
        <h3 id="panel-provenance">{t('panel.provenance')}</h3>
        <dl>
          <dt>{t('panel.source')}</dt>
          <dd>{p.sourceName ?? t(`source.${p.source}`)}</dd>
          {p.sourceId ? (
            <>
              <dt>{t('panel.sourceId')}</dt>
              <dd translate={false}>{p.sourceId}</dd>
            </>
          ) : null}
          <dt>{t('panel.updated')}</dt>
          <dd>{formatDateTime(p.updatedAt, lang)}</dd>
        </dl>
      </section>
      <div className="panel-sections">
        {panelSections.map((s) => (
          <SectionSlot key={s.id} section={s} item={item} />
        ))}
      </div>
    </>
  );
}

/**
 * A registered section's own element: the section renders into it (its `render(container, item)`
 * contract) once per item, and is cleaned up when the item changes or the panel closes. Preact leaves
 * the slot's children alone, since it rendered none there.
 */
function SectionSlot({ section, item }: { section: PanelSection; item: ItemView }) {
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!slot.current) return;
    let cleanup: (() => void) | undefined;
    try {
      cleanup = section.render(slot.current, item);
    } catch (err) {
      console.error(`panel section ${section.id} failed`, err);
    }
    return () => {
      try {
        cleanup?.();
      } catch (err) {
        console.error(err);
      }
    };
  }, [section, item]);
  return <div ref={slot} className="panel-section" data-section={section.id} />;
}

function Facts({ item }: { item: ItemView }) {
  const lang = getLang();
  return (
    <dl className="facts">
      <dt>{t('panel.category')}</dt>
      <dd>{t(`category.${item.category}`)}</dd>
      <dt>{t('list.status')}</dt>
      <dd>{t(`status.${item.status}`)}</dd>
      <dt>{t('panel.body')}</dt>
      <dd data-field="body">{pickText(item.body.name, lang)}</dd>
      <dt>{t('panel.contractor')}</dt>
      <dd>
        {item.contractor
          ? `${item.contractor.name} (${t('panel.bin')} ${item.contractor.bin})`
          : t('panel.noContractor')}
      </dd>
      <dt>{t('panel.period')}</dt>
      <dd>{`${formatDate(item.period.start, lang)} – ${formatDate(item.period.end, lang)}`}</dd>
      <dt>{t('panel.fiscalYear')}</dt>
      <dd>{String(item.fiscalYear)}</dd>
      <dt>{t('panel.programme')}</dt>
      <dd>{item.programmeCode}</dd>
    </dl>
  );
}

function Money({ item }: { item: ItemView }) {
  const lang = getLang();
  const { planned, contracted, spent } = item.amounts;
  const widths = moneyBarWidths(item.amounts);
  // Each label by its whole key, so the message split (web/build/messageSplit.ts) sees only these.
  const rows = [
    ['planned', planned, t('panel.planned')],
    ['contracted', contracted, t('panel.contracted')],
    ['spent', spent, t('panel.spent')],
  ] as const;
  return (
    <section aria-labelledby="panel-money">
      <h3 id="panel-money">{t('panel.money')}</h3>
      <dl className="money">
        {rows.map(([kind, amount, label]) => (
          <Fragment key={kind}>
            <dt>{label}</dt>
            <dd data-amount={kind}>{formatKzt(amount, lang)}</dd>
          </Fragment>
        ))}
        <dt>{t('panel.execution')}</dt>
        <dd>
          <strong>{formatPercent(item.execution.percent, lang)}</strong>
          {` · ${t(`exec.${item.execution.state}`)}`}
        </dd>
      </dl>
      {/* Planned, contracted and spent on one scale: the widest of the three is the full bar. */}
      <div className="money-bars" aria-hidden="true">
        {rows.map(([kind, , label]) => (
          <Fragment key={kind}>
            <span className="bar-label">{label}</span>
            <span className="bar-track">
              <span className={`bar-fill bar-${kind}`} style={{ width: `${widths[kind]}%` }} />
            </span>
          </Fragment>
        ))}
      </div>
    </section>
  );
}

function Milestones({ item }: { item: ItemView }) {
  const lang = getLang();
  return (
    <section aria-labelledby="panel-milestones">
      <h3 id="panel-milestones">{t('panel.milestones')}</h3>
      {item.milestones.length ? (
        <ol className="timeline">
          {sortedMilestones(item.milestones).map((m) => (
            <li key={m.id} className={`milestone milestone-${m.status}`}>
              <span className="milestone-title">{pickText(m.title, lang)}</span>
              <span className="milestone-meta">
                {`${t(`milestone.${m.status}`)} · ${t('panel.due', { date: formatDate(m.due, lang) })}`}
                {m.met ? ` · ${t('panel.met', { date: formatDate(m.met, lang) })}` : ''}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('panel.noMilestones')}</p>
      )}
    </section>
  );
}

function Place({ item, showOnMap }: { item: ItemView; showOnMap: (item: ItemView) => void }) {
  const lang = getLang();
  return (
    <section aria-labelledby="panel-location">
      <h3 id="panel-location">{t('panel.location')}</h3>
      <dl>
        <dt>{t('panel.area')}</dt>
        <dd>{pickText(areaByCode(item.area).name, lang)}</dd>
        {item.location.address ? (
          <>
            <dt>{t('panel.address')}</dt>
            <dd>{item.location.address}</dd>
          </>
        ) : null}
        <dt>{t('panel.coordinates')}</dt>
        <dd>{coordinatesText(item.location.point)}</dd>
      </dl>
      <button type="button" onClick={() => showOnMap(item)}>
        {t('panel.showOnMap')}
      </button>
    </section>
  );
}
