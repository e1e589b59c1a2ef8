import type { RoleCode } from '../../types.ts';

/** Mirrors src/features/casework/policy.ts (the server decides; the UI only hides what would be refused). */
export const WRITE_ROLES: readonly RoleCode[] = ['handlaggare', 'enhetschef'];
export const CONTACT_ROLES: readonly RoleCode[] = [
  'handlaggare',
  'jobbmaklare',
  'studie_yrkesvagledare',
  'enhetschef',
];
export const FORM_ADMIN_ROLES: readonly RoleCode[] = ['administrator', 'enhetschef'];
