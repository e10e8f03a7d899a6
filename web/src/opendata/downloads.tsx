/**
 * The header's "Download" menu: the items in the current filter as GeoJSON, CSV or OC4IDS, and for
 * admins a link to the import page. Links are recomputed from the URL whenever the menu opens, so
 * they always match what is on screen. The import link follows the signed-in user (a signal).
 */
import { useState } from 'preact/hooks';
import { canDo } from '../auth';
import { t } from '../i18n';
import { registerHeaderWidget } from '../shell';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { type ExportFormat, exportUrl } from './exportQuery';

export const IMPORT_PATH = '/admin/import';

const FORMATS: [ExportFormat, string][] = [
  ['items.geojson', 'opendata.download.geojson'],
  ['items.csv', 'opendata.download.csv'],
  ['oc4ids.json', 'opendata.download.oc4ids'],
];

function Downloads() {
  const [search, setSearch] = useState(location.search);
  const refresh = () => setSearch(location.search);
  return (
    <details className="opendata-downloads" onToggle={refresh} onFocusIn={refresh}>
      <summary title={t('opendata.download.hint')}>{t('opendata.download')}</summary>
      <ul aria-label={t('opendata.download.hint')}>
        {FORMATS.map(([format, label]) => (
          <li key={format}>
            <a href={exportUrl(format, search)} download="" data-format={format}>
              {t(label)}
            </a>
          </li>
        ))}
        {canDo('items.import') ? (
          <li>
            <Link href={IMPORT_PATH}>{t('opendata.import.link')}</Link>
          </li>
        ) : null}
      </ul>
    </details>
  );
}

registerHeaderWidget({
  id: 'opendata-downloads',
  order: 50,
  render: (slot) => mount(slot, <Downloads />),
});
