/** Telegram in the web app: the "My Telegram" page (linked or not, the link button, unlink). */
import { lazyRender, registerPage } from '../shell';

export const TELEGRAM_PAGE_PATH = '/my/telegram';

registerPage({
  id: 'my-telegram',
  match: (p) => p === TELEGRAM_PAGE_PATH || p === `${TELEGRAM_PAGE_PATH}/`,
  navLabelKey: 'telegram.nav',
  navPath: TELEGRAM_PAGE_PATH,
  render: lazyRender(() => import('./page').then((m) => m.renderTelegramPage)),
});
