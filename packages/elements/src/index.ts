/**
 * `@portico/elements`: every Portico custom element, registered on import.
 *
 * @example
 * ```html
 * <script type="module" src="https://portal.example.com/elements.js"></script>
 * <portal-provider api="https://portal.example.com">
 *   <portal-nav login-href="/login" register-href="/register"></portal-nav>
 *   <portal-login></portal-login>
 *   <portal-footer></portal-footer>
 * </portal-provider>
 * ```
 */
export * from './login.js';
export { PortalAccountMenu } from './components/account-menu/account-menu.js';
export { PortalFooter } from './components/footer/footer.js';
export { PortalInvitation } from './components/invitation/invitation.js';
export { PortalMagicLink } from './components/magic-link/magic-link.js';
export { PortalNav } from './components/nav/nav.js';
export { PortalRegister } from './components/register/register.js';
export { type PortalConfigState, type PortalConfigStatus, portalConfigContext } from './lib/context.js';
