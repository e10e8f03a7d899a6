export const CATEGORIES = [
  'roads',
  'education',
  'health',
  'land_relations',
  'housing_utilities',
  'water_supply',
  'culture_sport',
  'agriculture',
  'social_protection',
  'transport',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const ITEM_STATUSES = [
  'planned',
  'procurement',
  'in_progress',
  'completed',
  'suspended',
  'cancelled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const MILESTONE_STATUSES = ['scheduled', 'met', 'missed', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** OCDS milestone type codelist; "delivery" marks handover/acceptance of goods, works or services. */
export const MILESTONE_TYPES = [
  'preProcurement',
  'approval',
  'engagement',
  'assessment',
  'delivery',
  'reporting',
  'financing',
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];
