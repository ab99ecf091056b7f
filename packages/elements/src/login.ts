/**
 * `@portico/elements/login`: just `<portal-provider>` and `<portal-login>`, for a sign-in page that should load
 * as little as possible.
 *
 * @example
 * ```html
 * <script type="module" src="https://portal.example.com/elements-login.js"></script>
 * <portal-login api="https://portal.example.com"></portal-login>
 * ```
 */
// The provider is defined first so that it upgrades, and can answer context requests, before its children.
export { PortalProvider } from './components/provider/provider.js';
export { type LoginView, PortalLogin } from './components/login/login.js';
export {
  type PortalSessionState,
  type PortalSessionStatus,
  portalClientContext,
  portalLangContext,
  portalSessionContext,
} from './lib/context.js';
export {
  type PortalErrorDetail,
  PortalErrorEvent,
  PortalSessionChangeEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
} from './lib/events.js';
export {
  catalogFor,
  catalogLanguage,
  type MessageKey,
  type Messages,
  registerLocale,
  translate,
} from './lib/localize.js';
export { PortalElement } from './lib/portal-element.js';
export { SessionController } from './lib/session-controller.js';
