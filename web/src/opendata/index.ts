/**
 * Open data in the web app: the header's download menu (GeoJSON, CSV, OC4IDS for the current
 * filter) and the admin's import page with its validation report.
 */
import './opendata.css';
import { lazyRender, registerPage } from '../shell';
import { IMPORT_PATH } from './downloads';

registerPage({
  id: 'opendata-import',
  match: (p) => p === IMPORT_PATH || p === `${IMPORT_PATH}/`,
  // The page's code (and its messages) load on the first visit: the map route carries none of it.
  render: lazyRender(() => import('./importPage').then((m) => m.renderImportPage)),
});
