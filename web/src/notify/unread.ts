/** The bell's unread count, shared by the header's bell and "My feed" (which sets it after marking seen). */
import { signal } from '@preact/signals';

export const unread = signal<number | null>(null);
