/** Strings of `<portal-store>`, `<portal-order-form>`, `<portal-services>`, `<portal-service>` and `<portal-dashboard>`. */
export const commerce = {};
