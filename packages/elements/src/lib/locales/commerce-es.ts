import type { commerce as en } from './commerce-en.js';

export const commerce: typeof en = {};
