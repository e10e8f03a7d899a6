/**
 * Texts the server itself writes for people (the .ics calendar feed, Open311 descriptions and notices),
 * in kk (default), ru and en, so no English reaches a kk or ru reader. Terms follow
 * shared/terminology.json (`npm run lint:terms` checks this file). As in the UI catalogues, no
 * case ending is attached to a filled-in value: "label: value".
 */
import { DEFAULT_LANG, LANGS, type Lang } from './i18n-text';

const TEXTS = {
  'calendar.name': {
    kk: '«Antikor» клубының отырыстары',
    ru: 'Заседания клуба «Antikor»',
    en: 'Antikor club sessions',
  },
  'calendar.agenda': {
    kk: 'Күн тәртібіндегі мәселелер: {count}',
    ru: 'Вопросов в повестке: {count}',
    en: 'Agenda questions: {count}',
  },
  'open311.description': {
    kk: 'Бюджеттік нысандар бойынша сұрақтар: {body}',
    ru: 'Вопросы по бюджетным объектам: {body}',
    en: 'Questions about budget items: {body}',
  },
  'open311.keywords': { kk: 'бюджет, сұрақ', ru: 'бюджет, вопрос', en: 'budget, question' },
  'open311.defaultName': { kk: 'Open311 клиенті', ru: 'клиент Open311', en: 'Open311 client' },
  'open311.due': {
    kk: 'ӘРПК бойынша жауап беру мерзімі: {date}',
    ru: 'Срок ответа по АППК: {date}',
    en: 'Answer due under the APPK: {date}',
  },
  'status.received': { kk: 'Келіп түсті', ru: 'Поступил', en: 'Received' },
  'status.in_review': { kk: 'Қаралуда', ru: 'На рассмотрении', en: 'In review' },
  'status.extended': { kk: 'Мерзімі ұзартылды', ru: 'Срок продлён', en: 'Term extended' },
  'status.redirected': {
    kk: 'Құзыреті бойынша жолданды',
    ru: 'Перенаправлен по компетенции',
    en: 'Redirected',
  },
  'status.answered': { kk: 'Жауап берілді', ru: 'Дан ответ', en: 'Answered' },
  'status.closed': { kk: 'Жабылды', ru: 'Закрыт', en: 'Closed' },
  'status.reopened': { kk: 'Қайта ашылды', ru: 'Открыт повторно', en: 'Reopened' },
} as const satisfies Record<string, Record<Lang, string>>;
export type ServerTextKey = keyof typeof TEXTS;
/** Every text's key, for the tests that read all of them (functions/services/server-language.test.ts). */
export const SERVER_TEXT_KEYS = Object.keys(TEXTS) as ServerTextKey[];

/** `lang` from a query parameter, or kk (the hub's default) when absent or unknown. */
export function serverLang(value: string | undefined | null): Lang {
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : DEFAULT_LANG;
}

export function serverText(
  key: ServerTextKey,
  lang: Lang,
  values: Record<string, string | number> = {},
): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
}
