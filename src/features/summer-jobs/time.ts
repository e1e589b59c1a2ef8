import { HOUR } from '../../clock.ts';

export const DAY = 24 * HOUR;
