/**
 * The one printable complaint (kk or ru) behind every escalation: an address block, the matter and
 * its dates, the legal basis (with a date only where the article gives one), what is asked, and the
 * audit chain's proof so the addressee can check the facts without trusting the hub. Plain HTML
 * with print styles and no script; every value is escaped.
 */
import { pickText } from '../../shared/i18n-text';
import type { EscalationLang, EscalationRecord, EscalationSubject } from './escalation';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WORDS = {
  kk: {
    to: 'Кімге',
    prosecutor: 'Прокуратура органдарына',
    superior: 'Жоғары тұрған органға',
    from: 'Кімнен',
    title: 'Шағым',
    question: 'Мемлекеттік органның жолданымға белгіленген мерзімде жауап бермеуі туралы',
    recommendation: 'Ұсыныс бойынша белгіленген мерзімде шара қолданылмауы туралы',
    body: 'Жауап беруге тиіс орган',
    item: 'Бюджеттік нысан',
    text: 'Жолданымның мәтіні',
    dates: 'Күндер',
    asked: 'Берілген күні',
    registered: 'Тіркелген күні',
    due: 'Жауап беру мерзімі',
    extended_to: 'Ұзартылған мерзім',
    recommended: 'Ұсыныс берілген күні',
    follow_up_due: 'Шара қолдану мерзімі',
    basis: 'Құқықтық негіз',
    until: 'Мерзімі',
    ask: 'Шағымды қарап, заңда белгіленген шараларды қолдануыңызды сұраймын.',
    proof: 'Деректердің тұтастығын тексеру (аудит тізбегі)',
    record: 'Жазба',
    entry: 'Тізбек жазбасының нөмірі',
    digest: 'Жазба хэші (SHA-256)',
    hash: 'Тексеру хэші',
    verify: 'Тексеру',
    date: 'Күні',
    signature: 'Қолы',
  },
  ru: {
    to: 'Кому',
    prosecutor: 'В органы прокуратуры',
    superior: 'В вышестоящий орган',
    from: 'От кого',
    title: 'Жалоба',
    question: 'на непредоставление государственным органом ответа на обращение в установленный срок',
    recommendation: 'на непринятие мер по рекомендации в установленный срок',
    body: 'Орган, обязанный ответить',
    item: 'Бюджетный объект',
    text: 'Текст обращения',
    dates: 'Даты',
    asked: 'Дата подачи',
    registered: 'Дата регистрации',
    due: 'Срок ответа',
    extended_to: 'Продлённый срок',
    recommended: 'Дата рекомендации',
    follow_up_due: 'Срок принятия мер',
    basis: 'Правовое основание',
    until: 'Срок',
    ask: 'Прошу рассмотреть жалобу и принять меры, предусмотренные законом.',
    proof: 'Проверка целостности данных (журнал аудита)',
    record: 'Запись',
    entry: 'Номер записи цепочки',
    digest: 'Хэш записи (SHA-256)',
    hash: 'Проверочный хэш',
    verify: 'Проверка',
    date: 'Дата',
    signature: 'Подпись',
  },
} as const satisfies Record<EscalationLang, Record<string, string>>;

/** The Code's citation as official papers write it in each language. */
function cite(rule: { article: number; paragraph?: number }, lang: EscalationLang): string {
  if (lang === 'kk')
    return `ҚР ӘРПК ${rule.article}-бабы${rule.paragraph ? `ның ${rule.paragraph}-тармағы` : ''}`;
  return `${rule.paragraph ? `п. ${rule.paragraph} ` : ''}ст. ${rule.article} АППК РК`;
}

/** A calendar date as printed: DD.MM.YYYY, the form both languages use in official papers. */
const printed = (iso: string) => iso.split('-').reverse().join('.');

export function renderComplaint(
  e: Pick<EscalationRecord, 'addressee' | 'lang' | 'createdOn' | 'proof' | 'complainantName'>,
  subject: EscalationSubject,
  opts: { verifyUrl: string },
): string {
  const w = WORDS[e.lang];
  const lang = e.lang;
  const row = (k: string, v: string) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const basis = subject.legalBasis
    .map(
      (b) =>
        `<li><strong>${esc(cite(b.rule, lang))}</strong>: ${esc(pickText(b.text, lang))}${
          b.date ? ` ${esc(w.until)}: ${esc(printed(b.date))}.` : ''
        }</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(w.title)}</title>
<style>
body{font:12pt/1.45 "Times New Roman",serif;max-width:42em;margin:2em auto;padding:0 1em;color:#000}
.to{margin-left:50%}h1{text-align:center;font-size:14pt;margin:1.5em 0 .2em}
.sub{text-align:center;margin:0 0 1.5em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.25em .4em;text-align:left;vertical-align:top}
th{width:35%;font-weight:normal}blockquote{border-left:3px solid #000;margin:.5em 0;padding:.2em .8em;white-space:pre-wrap}
.proof{font-size:10pt;word-break:break-all}.sign{margin-top:3em;display:flex;justify-content:space-between}
@media print{body{margin:0}a{color:#000;text-decoration:none}}
</style>
</head>
<body>
<p class="to">${esc(w.to)}: ${esc(e.addressee.kind === 'prosecutor' ? w.prosecutor : w.superior)}<br>${esc(e.addressee.name)}</p>
<p class="to">${esc(w.from)}: ${esc(e.complainantName)}</p>
<h1>${esc(w.title)}</h1>
<p class="sub">${esc(subject.kind === 'question' ? w.question : w.recommendation)}</p>
<table>
${row(w.body, pickText(subject.body.name, lang))}
${row(w.item, pickText(subject.itemTitle, lang))}
${subject.dates.map((d) => row(w[d.label], printed(d.date))).join('\n')}
</table>
<h2>${esc(w.text)}</h2>
<blockquote>${esc(subject.text)}</blockquote>
<h2>${esc(w.basis)}</h2>
<ul>${basis}</ul>
<p>${esc(w.ask)}</p>
<h2>${esc(w.proof)}</h2>
<table class="proof">
${row(w.record, e.proof.recordKey)}
${row(w.entry, String(e.proof.seq))}
${row(w.digest, e.proof.digest)}
${row(w.hash, e.proof.entryHash)}
${row(w.verify, opts.verifyUrl)}
</table>
<div class="sign"><span>${esc(w.date)}: ${esc(printed(e.createdOn))}</span><span>${esc(w.signature)}: ____________</span></div>
</body>
</html>
`;
}
