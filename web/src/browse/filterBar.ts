/**
 * The filter form: area, category, status, execution state (the legend doubles as its checkboxes),
 * overdue answers, fiscal year, responsible body, planned amount range and title search. It only reports changes;
 * the URL is the state, and `sync` shows whatever the URL says.
 */
import { AREAS } from '../../../shared/areas';
import { CATEGORIES, ITEM_STATUSES } from '../../../shared/categories';
import { EXECUTION_STATES } from '../../../shared/execution';
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { emptyFilters, type Filters } from './urlState';

export interface FilterChoices {
  years: number[];
  bodies: { id: string; name: string }[];
}

export interface FilterBar {
  element: HTMLElement;
  sync(f: Filters): void;
  setChoices(choices: FilterChoices): void;
  setSearchError(message: string | null): void;
}

export function createFilterBar(onChange: (f: Filters) => void): FilterBar {
  let current = emptyFilters();
  let choices: FilterChoices = { years: [], bodies: [] };

  const select = (id: string, label: string, options: [string, string][]) => {
    const el = h(
      'select',
      { id, name: id },
      h('option', { value: '' }, t('filters.any')),
      ...options.map(([v, text]) => h('option', { value: v }, text)),
    );
    return { el, field: h('div', { className: 'field' }, h('label', { for: id }, label), el) };
  };

  const area = select(
    'f-area',
    t('filters.area'),
    AREAS.map((a) => [a.code, pickText(a.name, getLang())]),
  );
  const category = select(
    'f-category',
    t('filters.category'),
    CATEGORIES.map((c) => [c, t(`category.${c}`)]),
  );
  const status = select(
    'f-status',
    t('filters.status'),
    ITEM_STATUSES.map((s) => [s, t(`status.${s}`)]),
  );
  // Risk flags (shared/flags.ts): any flag, or one of the catalogue, worded as the catalogue words it.
  const flag = select('f-flag', t('integrity.filter'), [
    ['any', t('integrity.anyFlag')],
    ...FLAGS.map((f): [string, string] => [f.code, pickText(f.title, getLang())]),
  ]);
  const year = select('f-year', t('filters.year'), []);
  const body = select('f-body', t('filters.body'), []);

  const stateBoxes = EXECUTION_STATES.map((s) => {
    const box = h('input', { type: 'checkbox', id: `f-exec-${s}`, value: s });
    return {
      state: s,
      box,
      row: h(
        'li',
        {},
        box,
        h(
          'label',
          { for: `f-exec-${s}` },
          h('span', { className: `swatch swatch-${s}`, 'aria-hidden': 'true' }),
          t(`exec.${s}`),
        ),
      ),
    };
  });
  const execution = h(
    'fieldset',
    { className: 'legend-filter' },
    h('legend', {}, t('filters.execution')),
    h('p', { className: 'hint', id: 'legend-hint' }, t('legend.title')),
    h(
      'ul',
      {},
      stateBoxes.map((b) => b.row),
    ),
  );

  const amountInput = (id: string, label: string) => {
    const el = h('input', { id, name: id, type: 'number', inputmode: 'numeric', min: 0, step: 1 });
    return { el, field: h('div', { className: 'field' }, h('label', { for: id }, label), el) };
  };
  const overdue = h('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue' });
  const overdueField = h(
    'div',
    { className: 'field check' },
    overdue,
    h(
      'label',
      { for: 'f-overdue' },
      h('span', { className: 'swatch swatch-overdue', 'aria-hidden': 'true' }),
      t('filters.overdue'),
    ),
  );
  const minAmount = amountInput('f-min', t('filters.amountMin'));
  const maxAmount = amountInput('f-max', t('filters.amountMax'));

  const search = h('input', { id: 'f-q', name: 'q', type: 'search', autocomplete: 'off', maxlength: 200 });
  const searchError = h('p', { className: 'error', role: 'status' });
  const searchForm = h(
    'form',
    {
      role: 'search',
      className: 'search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        emit({ q: search.value.trim() });
      },
    },
    h('label', { for: 'f-q' }, t('filters.search')),
    h('div', { className: 'search-row' }, search, h('button', { type: 'submit' }, t('filters.searchButton'))),
    searchError,
  );

  const reset = h(
    'button',
    { type: 'button', className: 'link-button', onclick: () => onChange(emptyFilters()) },
    t('filters.reset'),
  );

  const element = h(
    'section',
    { className: 'filters', 'aria-labelledby': 'filters-heading' },
    h('h2', { id: 'filters-heading' }, t('filters.heading')),
    searchForm,
    area.field,
    category.field,
    status.field,
    execution,
    overdueField,
    flag.field,
    year.field,
    body.field,
    minAmount.field,
    maxAmount.field,
    reset,
  );

  function emit(patch: Partial<Filters>) {
    onChange({ ...current, ...patch });
  }
  const one = (v: string) => (v ? [v] : []);
  area.el.addEventListener('change', () => emit({ areas: one(area.el.value) as Filters['areas'] }));
  category.el.addEventListener('change', () =>
    emit({ categories: one(category.el.value) as Filters['categories'] }),
  );
  status.el.addEventListener('change', () => emit({ statuses: one(status.el.value) as Filters['statuses'] }));
  year.el.addEventListener('change', () => emit({ years: one(year.el.value).map(Number) }));
  body.el.addEventListener('change', () => emit({ bodies: one(body.el.value) }));
  flag.el.addEventListener('change', () => emit({ flags: one(flag.el.value) }));
  for (const { box } of stateBoxes) {
    box.addEventListener('change', () =>
      emit({ states: stateBoxes.filter((b) => b.box.checked).map((b) => b.state) }),
    );
  }
  overdue.addEventListener('change', () => emit({ overdue: overdue.checked }));
  const amount = (el: HTMLInputElement) =>
    /^\d{1,15}$/.test(el.value.trim()) ? Number(el.value.trim()) : null;
  minAmount.el.addEventListener('change', () => emit({ minAmount: amount(minAmount.el) }));
  maxAmount.el.addEventListener('change', () => emit({ maxAmount: amount(maxAmount.el) }));

  function fillOptions(sel: HTMLSelectElement, options: [string, string][]) {
    sel.replaceChildren(
      h('option', { value: '' }, t('filters.any')),
      ...options.map(([v, text]) => h('option', { value: v }, text)),
    );
  }

  function sync(f: Filters) {
    current = f;
    area.el.value = f.areas[0] ?? '';
    category.el.value = f.categories[0] ?? '';
    status.el.value = f.statuses[0] ?? '';
    year.el.value = f.years[0] !== undefined ? String(f.years[0]) : '';
    body.el.value = f.bodies[0] ?? '';
    flag.el.value = f.flags[0] ?? '';
    for (const b of stateBoxes) b.box.checked = f.states.includes(b.state);
    overdue.checked = f.overdue;
    if (document.activeElement !== minAmount.el)
      minAmount.el.value = f.minAmount === null ? '' : String(f.minAmount);
    if (document.activeElement !== maxAmount.el)
      maxAmount.el.value = f.maxAmount === null ? '' : String(f.maxAmount);
    if (document.activeElement !== search) search.value = f.q;
  }

  return {
    element,
    sync,
    setChoices(next) {
      choices = next;
      // A year or body in the URL but not in the data still shows, so the select tells the truth.
      const years = new Set([...choices.years, ...current.years]);
      fillOptions(
        year.el,
        [...years].sort((a, b) => b - a).map((y) => [String(y), String(y)]),
      );
      const bodies = [...choices.bodies];
      for (const id of current.bodies) if (!bodies.some((b) => b.id === id)) bodies.push({ id, name: id });
      fillOptions(
        body.el,
        bodies.map((b) => [b.id, b.name]),
      );
      sync(current);
    },
    setSearchError(message) {
      searchError.textContent = message ?? '';
    },
  };
}
