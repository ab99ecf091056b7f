/**
 * `@portico/elements`: every Portico custom element, registered on import.
 *
 * @example
 * ```html
 * <script type="module" src="https://portal.example.com/elements.js"></script>
 * <portal-provider api="https://portal.example.com">
 *   <portal-account-menu login-href="/login"></portal-account-menu>
 *   <portal-login></portal-login>
 * </portal-provider>
 * ```
 */
export * from './login.js';
export { PortalAccountMenu } from './components/account-menu/account-menu.js';
export { PortalRegister } from './components/register/register.js';
