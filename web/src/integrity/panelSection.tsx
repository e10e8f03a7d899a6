/**
 * The integrity section of the item panel: each risk flag with its wording, the numbers behind it and
 * what its formula and threshold mean (a reason to look, not a verdict), the body's explanations beside
 * it (and "Explain" for the body's officials; the flags stay whatever the explanations say); then the
 * money history.
 */
import { FLAGS } from '../../../shared/flags';
import { pickText } from '../../../shared/i18n-text';
import type { ItemView } from '../../../shared/item';
import { formatDate, formatKzt } from '../format';
import { getLang, hasMessage, t } from '../i18n';
import { mount } from '../ui/mount';
import { FlagExplanations, useFlagExplanations } from './explanations';
import { FlagSources, factValue } from './flagFacts';
import { type MoneyStep, moneyHistory } from './moneyHistory';

export function renderIntegritySection(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <IntegritySection item={item} />);
}

function IntegritySection({ item }: { item: ItemView }) {
  const flags = item.flags ?? [];
  const steps = moneyHistory(item);
  return (
    <>
      {item.contractor?.bin ? (
        <p>
          <a href={`/contractors/${item.contractor.bin}`} data-nav="" data-link="contractor">
            {t('integrity.contractorProfile')}
          </a>
        </p>
      ) : null}
      {flags.length ? <Flags item={item} flags={flags} /> : null}
      {steps.length > 1 ? (
        <>
          <h3 id="panel-money-history">{t('integrity.history')}</h3>
          <ol className="timeline integrity-history" aria-labelledby="panel-money-history">
            {steps.map((s, i) => (
              // Steps have no id of their own; the history is drawn whole from the item, in order.
              <li key={i} data-step={s.kind}>
                {stepText(s)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function Flags({ item, flags }: { item: ItemView; flags: NonNullable<ItemView['flags']> }) {
  const lang = getLang();
  const { list, reload } = useFlagExplanations(item.id);
  return (
    <>
      <h3 id="panel-flags">{t('integrity.flagsHeading')}</h3>
      <p className="integrity-note">{t('integrity.note')}</p>
      <ul className="integrity-flags" aria-labelledby="panel-flags">
        {flags.map((f) => {
          const def = FLAGS.find((d) => d.code === f.code);
          const facts = Object.entries(f.facts);
          return (
            <li key={f.code} data-flag={f.code}>
              <strong>{def ? def.title[lang] : f.code}</strong>
              {facts.length ? (
                <dl className="integrity-facts">
                  {facts.map(([k, v]) => [
                    <dt key={`${k}-t`}>
                      {hasMessage(`integrity.fact.${k}`) ? t(`integrity.fact.${k}`) : k}
                    </dt>,
                    <dd key={`${k}-d`} data-fact={k}>
                      {
                        // A group flag's body is the item's own body (the flag is about its body-year).
                        k === 'body' && v === item.body.id
                          ? pickText(item.body.name, lang)
                          : factValue(k, v, lang)
                      }
                    </dd>,
                  ])}
                </dl>
              ) : null}
              {hasMessage(`integrity.meaning.${f.code}`) ? (
                <p className="integrity-meaning">{t(`integrity.meaning.${f.code}`)}</p>
              ) : null}
              <FlagSources def={def} />
              <FlagExplanations
                itemId={item.id}
                bodyId={item.body.id}
                code={f.code}
                list={list}
                reload={reload}
              />
            </li>
          );
        })}
      </ul>
      <p>
        <a href="/flags" data-nav="">
          {t('integrity.allFlags')}
        </a>
      </p>
    </>
  );
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
