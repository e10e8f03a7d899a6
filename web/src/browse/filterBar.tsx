/**
 * The filter form: area, category, status, execution state (the legend doubles as its checkboxes),
 * overdue answers, risk flags, fiscal year, responsible body, planned amount range and text search.
 * A Preact component with named fields: it shows whatever the URL's filters say (`filters`) and only
 * reports changes (`onChange` with the whole next filter set); the URL stays the state.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AREAS } from '../../../shared/areas';
import { CATEGORIES, ITEM_STATUSES } from '../../../shared/categories';
import { EXECUTION_STATES, type ExecutionState } from '../../../shared/execution';
import { FLAGS } from '../../../shared/flags';
import { type Lang, type Localized, pickText } from '../../../shared/i18n-text';
import { localeOf } from '../format';
import { getLang, t } from '../i18n';
import { emptyFilters, type Filters } from './urlState';

export interface FilterChoices {
  years: number[];
  /** Body ids in the data. */
  bodies: string[];
}

export interface FilterBarProps {
  filters: Filters;
  choices: FilterChoices;
  /** Body names as far as they are known (a body without one shows its id). */
  bodyNames: ReadonlyMap<string, Localized>;
  searchFailed: boolean;
  onChange(next: Filters): void;
  /** The reader has focused a field of the form (once is enough to know). */
  onUse?(): void;
}

type Option = [value: string, label: string];

/** The year options, newest first; a year in the URL but not in the data still shows, so the select tells the truth. */
export function yearOptions(years: readonly number[], current: readonly number[]): Option[] {
  return [...new Set([...years, ...current])].sort((a, b) => b - a).map((y) => [String(y), String(y)]);
}

// One collator per language, made once and reused by every sort of the options.
const collators = new Map<Lang, Intl.Collator>();
function collatorOf(lang: Lang): Intl.Collator {
  let c = collators.get(lang);
  if (!c) {
    c = new Intl.Collator(localeOf(lang));
    collators.set(lang, c);
  }
  return c;
}

/**
 * The body options by name in the reader's language. A body whose name has not come yet reads
 * `pending` (a neutral placeholder, not its code) and follows the named ones in id order; a body in
 * the URL but not in the data still shows, by its id. Until some names come no collator is made
 * (making one is a few milliseconds of the feed's arrival, four times that on a slow phone).
 */
export function bodyOptions(
  bodies: readonly string[],
  current: readonly string[],
  names: ReadonlyMap<string, Localized>,
  lang: Lang,
  pending: string,
): Option[] {
  const named: Option[] = [];
  const unnamed: Option[] = [];
  for (const id of bodies) {
    const name = names.get(id);
    if (name) named.push([id, pickText(name, lang)]);
    else unnamed.push([id, pending]);
  }
  if (named.length > 1) {
    const collator = collatorOf(lang);
    named.sort((a, b) => collator.compare(a[1], b[1]));
  }
  unnamed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sorted = [...named, ...unnamed];
  for (const id of current) if (!bodies.includes(id)) sorted.push([id, id]);
  return sorted;
}

/** An amount field's text as whole KZT: digits only (up to 15), else no bound. */
export function parseAmount(text: string): number | null {
  const v = text.trim();
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
}

/** The execution states ticked after `state` is ticked (`on`) or unticked, in the legend's order. */
export function toggleState(states: readonly ExecutionState[], state: ExecutionState, on: boolean) {
  return EXECUTION_STATES.filter((s) => (s === state ? on : states.includes(s)));
}

const one = <T extends string | number>(v: T | '') => (v === '' ? [] : [v]);

export function FilterBar({ filters: f, choices, bodyNames, searchFailed, onChange, onUse }: FilterBarProps) {
  const lang = getLang();
  const bodies = useMemo(
    () => bodyOptions(choices.bodies, f.bodies, bodyNames, lang, t('filters.bodyPending')),
    [choices.bodies, f.bodies, bodyNames, lang],
  );
  const emit = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  const value = (e: Event) => (e.currentTarget as HTMLSelectElement | HTMLInputElement).value;
  const q = useUrlText(f.q);
  const min = useUrlText(f.minAmount === null ? '' : String(f.minAmount));
  const max = useUrlText(f.maxAmount === null ? '' : String(f.maxAmount));
  return (
    <section className="filters" id="filters" aria-labelledby="filters-heading" onFocusIn={onUse}>
      <h2 id="filters-heading">{t('filters.heading')}</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search role; <search> is too new for some phones' browsers */}
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          emit({ q: q.text.trim() });
        }}
      >
        <label for="f-q">{t('filters.search')}</label>
        <div className="search-row">
          <input
            id="f-q"
            name="q"
            type="search"
            autocomplete="off"
            maxLength={200}
            ref={q.ref}
            value={q.text}
            onInput={(e) => q.setText(value(e))}
          />
          <button type="submit">{t('filters.searchButton')}</button>
        </div>
        <p className="error" role="status">
          {searchFailed ? t('filters.searchFailed') : ''}
        </p>
      </form>
      <Select
        name="area"
        label={t('filters.area')}
        value={f.areas[0] ?? ''}
        options={AREAS.map((a) => [a.code, pickText(a.name, lang)])}
        onChange={(v) => emit({ areas: one(v) as Filters['areas'] })}
      />
      <Select
        name="category"
        label={t('filters.category')}
        value={f.categories[0] ?? ''}
        options={CATEGORIES.map((c) => [c, t(`category.${c}`)])}
        onChange={(v) => emit({ categories: one(v) as Filters['categories'] })}
      />
      <Select
        name="status"
        label={t('filters.status')}
        value={f.statuses[0] ?? ''}
        options={ITEM_STATUSES.map((s) => [s, t(`status.${s}`)])}
        onChange={(v) => emit({ statuses: one(v) as Filters['statuses'] })}
      />
      <fieldset className="legend-filter">
        <legend>{t('filters.execution')}</legend>
        <p className="hint" id="legend-hint">
          {t('legend.title')}
        </p>
        <ul>
          {EXECUTION_STATES.map((s) => (
            <li key={s}>
              <input
                type="checkbox"
                id={`f-exec-${s}`}
                name="exec"
                value={s}
                checked={f.states.includes(s)}
                onChange={(e) => emit({ states: toggleState(f.states, s, e.currentTarget.checked) })}
              />
              <label for={`f-exec-${s}`}>
                <span className={`swatch swatch-${s}`} aria-hidden="true" />
                {t(`exec.${s}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field check">
        <input
          type="checkbox"
          id="f-overdue"
          name="overdue"
          checked={f.overdue}
          onChange={(e) => emit({ overdue: e.currentTarget.checked })}
        />
        <label for="f-overdue">
          <span className="swatch swatch-overdue" aria-hidden="true" />
          {t('filters.overdue')}
        </label>
      </div>
      {/* Risk flags (shared/flags.ts): any flag, or one of the catalogue, worded as the catalogue words it. */}
      <Select
        name="flag"
        label={t('integrity.filter')}
        value={f.flags[0] ?? ''}
        options={[
          ['any', t('integrity.anyFlag')],
          ...FLAGS.map((d): Option => [d.code, pickText(d.title, lang)]),
        ]}
        onChange={(v) => emit({ flags: one(v) })}
      />
      <Select
        name="year"
        label={t('filters.year')}
        value={f.years[0] !== undefined ? String(f.years[0]) : ''}
        options={yearOptions(choices.years, f.years)}
        onChange={(v) => emit({ years: one(v).map(Number) })}
      />
      <Select
        name="body"
        label={t('filters.body')}
        value={f.bodies[0] ?? ''}
        options={bodies}
        onChange={(v) => emit({ bodies: one(v) })}
      />
      <div className="field">
        <label for="f-min">{t('filters.amountMin')}</label>
        <input
          id="f-min"
          name="min"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          ref={min.ref}
          value={min.text}
          onInput={(e) => min.setText(value(e))}
          onChange={(e) => emit({ minAmount: parseAmount(value(e)) })}
        />
      </div>
      <div className="field">
        <label for="f-max">{t('filters.amountMax')}</label>
        <input
          id="f-max"
          name="max"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          ref={max.ref}
          value={max.text}
          onInput={(e) => max.setText(value(e))}
          onChange={(e) => emit({ maxAmount: parseAmount(value(e)) })}
        />
      </div>
      <button type="button" className="link-button" onClick={() => onChange(emptyFilters())}>
        {t('filters.reset')}
      </button>
    </section>
  );
}

function Select({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  options: Option[];
  onChange(value: string): void;
}) {
  const id = `f-${name}`;
  return (
    <div className="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('filters.any')}</option>
        {options.map(([v, text]) => (
          // An option that shows its value is a code (a body from the URL the data lacks): translate="no".
          <option key={v} value={v} translate={text === v ? false : undefined}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A text field that shows the URL's value: what the reader types stays theirs until they submit or
 * leave the field; a new value from the URL (Back, reset, a shared link) replaces it unless they are typing in it.
 */
function useUrlText(fromUrl: string) {
  const [text, setText] = useState(fromUrl);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (document.activeElement !== ref.current) setText(fromUrl);
  }, [fromUrl]);
  return { text, setText, ref };
}
