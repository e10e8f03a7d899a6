/**
 * The figures of the club's public report, in the order it prints them. Free of zod so the web's
 * report page imports it without the schemas (shared/club-report.ts re-exports it).
 */
export const REPORT_FIGURES = [
  'sessionsHeld',
  'questionsConsidered',
  'recommendationsMade',
  'recommendationsDone',
  'recommendationsConfirmed',
  'recommendationsOverdue',
  'answersGiven',
  'answersOnTime',
  'answersLate',
  'moneySavedKzt',
  'moneyRecoveredKzt',
  'purchasesCancelledKzt',
  'penaltiesKzt',
  'defectsFixed',
  'moneyConfirmedKzt',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];
