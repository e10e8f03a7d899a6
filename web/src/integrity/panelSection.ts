/**
 * The integrity section of the item panel: each risk flag with its wording, the numbers behind it and
 * what its formula and threshold mean (a reason to look, not a verdict); then the money history.
 */
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { h } from '../dom';
import { formatDate, formatKzt } from '../format';
import { getLang, hasMessage, t } from '../i18n';
import { mountFlagExplanations } from './explanations';
import { factValue, flagSources } from './flagFacts';
import { type MoneyStep, moneyHistory } from './moneyHistory';

export function renderIntegritySection(container: HTMLElement, item: ItemView): (() => void) | undefined {
  const lang = getLang();
  const parts: Node[] = [];
  if (item.contractor?.bin) {
    parts.push(
      h(
        'p',
        {},
        h(
          'a',
          { href: `/contractors/${item.contractor.bin}`, 'data-nav': '', 'data-link': 'contractor' },
          t('integrity.contractorProfile'),
        ),
      ),
    );
  }
  const flags = item.flags ?? [];
  if (flags.length) {
    parts.push(
      h('h3', { id: 'panel-flags' }, t('integrity.flagsHeading')),
      h('p', { className: 'integrity-note' }, t('integrity.note')),
      h(
        'ul',
        { className: 'integrity-flags', 'aria-labelledby': 'panel-flags' },
        flags.map((f) => {
          const def = FLAGS.find((d) => d.code === f.code);
          const facts = Object.entries(f.facts);
          return h(
            'li',
            { 'data-flag': f.code },
            h('strong', {}, def ? def.title[lang] : f.code),
            facts.length
              ? h(
                  'dl',
                  { className: 'integrity-facts' },
                  facts.flatMap(([k, v]) => [
                    h('dt', {}, hasMessage(`integrity.fact.${k}`) ? t(`integrity.fact.${k}`) : k),
                    h(
                      'dd',
                      { 'data-fact': k },
                      // A group flag's body is the item's own body (the flag is about its body-year).
                      k === 'body' && v === item.body.id
                        ? pickText(item.body.name, lang)
                        : factValue(k, v, lang),
                    ),
                  ]),
                )
              : null,
            hasMessage(`integrity.meaning.${f.code}`)
              ? h('p', { className: 'integrity-meaning' }, t(`integrity.meaning.${f.code}`))
              : null,
            flagSources(def),
          );
        }),
      ),
      h('p', {}, h('a', { href: '/flags', 'data-nav': '' }, t('integrity.allFlags'))),
    );
  }
  const steps = moneyHistory(item);
  if (steps.length > 1) {
    parts.push(
      h('h3', { id: 'panel-money-history' }, t('integrity.history')),
      h(
        'ol',
        { className: 'timeline integrity-history', 'aria-labelledby': 'panel-money-history' },
        steps.map((s) => h('li', { 'data-step': s.kind }, stepText(s))),
      ),
    );
  }
  container.replaceChildren(...parts);
  // The body's explanations beside their flags once they arrive, and "Explain" for the body's officials
  // (the flags stay whatever the explanations say).
  return flags.length ? mountFlagExplanations(container, item) : undefined;
}

function stepText(s: MoneyStep): string {
  const lang = getLang();
  switch (s.kind) {
    case 'planned':
      return t('integrity.step.planned', { year: String(s.year), amount: formatKzt(s.amount, lang) });
    case 'contracted':
      return s.date
        ? t('integrity.step.contractedOn', {
            date: formatDate(s.date, lang),
            amount: formatKzt(s.amount, lang),
          })
        : t('integrity.step.contracted', { amount: formatKzt(s.amount, lang) });
    case 'amended': {
      const sign = s.change.startsWith('-') ? '−' : '+';
      const change = `${sign}${formatKzt(s.change.slice(1), lang)}${s.changePercent ? ` (${s.changePercent.replace('-', '−')} %)` : ''}`;
      return `${t('integrity.step.amended', {
        date: formatDate(s.date, lang),
        before: formatKzt(s.before, lang),
        after: formatKzt(s.after, lang),
        change,
      })}${s.source ? ` · ${t('integrity.step.source', { source: s.source })}` : ''}`;
    }
    case 'paid':
      return `${t('integrity.step.paid', {
        date: formatDate(s.date, lang),
        amount: formatKzt(s.amount, lang),
        total: formatKzt(s.paidSoFar, lang),
      })}${s.source ? ` · ${t('integrity.step.source', { source: s.source })}` : ''}`;
  }
}
