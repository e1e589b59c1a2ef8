/**
 * What a carried-out follow-up found the former participant doing. Free of zod, so that the request
 * schema (`followUpRecordSchema`), the web app's follow-up form and the synthetic-data generator
 * (`insats generate`) use this one list.
 */
export const FOLLOW_UP_OUTCOMES = [
  'arbete',
  'studier',
  'arbetssokande',
  'annan_insats',
  'sjukdom',
  'forsorjningsstod',
  'annat',
  'okand',
] as const;

export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
