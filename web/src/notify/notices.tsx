/**
 * The legal notices of a question (APPK: registration, extension, redirection) on its card: what
 * each said, through which channel it went and when, delivered or not ("notice not delivered" when
 * no channel worked). Loaded per card; a question without notices shows nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { call, client } from '../api/client';
import { bodyName } from '../bodies';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { type LegalNotice, latestPerNotice, noticeLines } from './view';

export function LegalNotices({ itemId, id }: { itemId: string; id: string }) {
  const [notices, setNotices] = useState<LegalNotice[]>([]);
  useEffect(() => {
    let alive = true;
    call(client.GET('/api/items/{itemId}/questions/{id}/notices', { params: { path: { itemId, id } } }))
      .then((all) => {
        if (alive) setNotices(latestPerNotice(all));
      })
      .catch((err: unknown) => console.error(err));
    return () => {
      alive = false;
    };
  }, [itemId, id]);
  if (notices.length === 0) return null;
  const lang = getLang();
  const format = {
    body: (bodyId: string) => bodyName(bodyId),
    date: (d: string) => formatDate(d, lang),
    dateTime: (iso: string) => formatDateTime(iso, lang),
    channel: (c: string) => t(`notify.channel.${c}`),
  };
  return (
    <section className="q-notices" aria-label={t('notify.notices.title')}>
      <h4>{t('notify.notices.title')}</h4>
      <ul>
        {notices.map((n) => {
          const { what, outcome } = noticeLines(n, format);
          return (
            <li key={`${n.kind}-${n.at}`} data-notice={n.kind} data-delivered={String(n.delivered)}>
              {t(what.key, what.values)}{' '}
              <span className={n.delivered ? 'q-notice-ok' : 'q-notice-failed'}>
                {t(outcome.key, outcome.values)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
