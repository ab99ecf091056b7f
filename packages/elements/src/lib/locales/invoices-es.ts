import type { invoices as en } from './invoices-en.js';

export const invoices: typeof en = {};
