/** Strings of `<portal-invoices>`, `<portal-invoice>` and paying (cards, challenges, bank transfer, credit). */
export const invoices = {};
