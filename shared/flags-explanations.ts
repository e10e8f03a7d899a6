/**
 * An official's public explanation of a risk flag on an item of their body (issue 18, item 5): the
 * flag stays; the body's reply is shown beside it on the item panel and the contractor page, on the
 * audit chain, and moderated like any other public text.
 */
export const MAX_FLAG_EXPLANATION = 2000;

export type FlagExplanationInput = { text: string; lang: 'kk' | 'ru' | 'en' };

export type FlagExplanationView = {
  id: string;
  itemId: string;
  code:
    | 'R-AMENDED-UP'
    | 'R-SINGLE-BID'
    | 'R-CONCENTRATION'
    | 'R-REPEAT-AWARD'
    | 'R-NEW-COMPANY'
    | 'R-STALE'
    | 'R-SITE-CONTESTED';
  bodyId: string;
  text: string;
  lang: 'kk' | 'ru' | 'en';
  at: string;
  editedAt?: string | undefined;
};

export type FlagExplanationListEntry = {
  id: string;
  itemId: string;
  code:
    | 'R-AMENDED-UP'
    | 'R-SINGLE-BID'
    | 'R-CONCENTRATION'
    | 'R-REPEAT-AWARD'
    | 'R-NEW-COMPANY'
    | 'R-STALE'
    | 'R-SITE-CONTESTED';
  bodyId: string;
  text: string;
  lang: 'kk' | 'ru' | 'en';
  at: string;
  editedAt?: string | undefined;
  visibility?: 'pending' | 'hidden' | undefined;
  hiddenReason?: string | undefined;
};
