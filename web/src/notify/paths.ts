/** Where the notification pages live (the verification mail links to the settings page). */
export const FEED_PATH = '/my/feed';
export const SETTINGS_PATH = '/my/notifications';
