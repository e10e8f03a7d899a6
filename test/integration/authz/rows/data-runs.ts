/** Data freshness and run reports (issue 20 item 6, issue 23): the marker is public, the reports are for admins. */
import { everyone, type MatrixRow, only } from '../matrix';

export const rows: MatrixRow[] = [
  { route: 'GET /api/data-freshness', expect: everyone(200) },
  { route: 'GET /api/admin/data-runs', expect: only(['admin'], 200) },
];
