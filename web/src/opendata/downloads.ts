/**
 * The header's "Download" menu: the items in the current filter as GeoJSON, CSV or OC4IDS, and for
 * admins a link to the import page. Links are recomputed from the URL whenever the menu opens, so
 * they always match what is on screen.
 */
import { canDo, onUserChange } from '../auth';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate, registerHeaderWidget } from '../shell';
import { type ExportFormat, exportUrl } from './exportQuery';

export const IMPORT_PATH = '/admin/import';

const FORMATS: [ExportFormat, string][] = [
  ['items.geojson', 'opendata.download.geojson'],
  ['items.csv', 'opendata.download.csv'],
  ['oc4ids.json', 'opendata.download.oc4ids'],
];

function render(slot: HTMLElement): void {
  const links = FORMATS.map(([format, label]) => {
    const a = h(
      'a',
      { href: exportUrl(format, location.search), download: '', 'data-format': format },
      t(label),
    );
    return { a, format };
  });
  const refresh = () => {
    for (const { a, format } of links) a.href = exportUrl(format, location.search);
  };
  const menu = h(
    'details',
    { className: 'opendata-downloads', ontoggle: refresh, onfocusin: refresh },
    h('summary', { title: t('opendata.download.hint') }, t('opendata.download')),
    h(
      'ul',
      { 'aria-label': t('opendata.download.hint') },
      links.map(({ a }) => h('li', {}, a)),
      canDo('items.import')
        ? h(
            'li',
            {},
            h(
              'a',
              {
                href: IMPORT_PATH,
                onclick: (e: Event) => {
                  e.preventDefault();
                  navigate(IMPORT_PATH);
                },
              },
              t('opendata.import.link'),
            ),
          )
        : null,
    ),
  );
  slot.replaceChildren(menu);
}

registerHeaderWidget({
  id: 'opendata-downloads',
  order: 50,
  render(slot) {
    render(slot);
    return onUserChange(() => render(slot));
  },
});
