import { placesCredit, placesCreditStyles } from '../../lib/places-credit.js';
import { initialState } from '@lit/task';
import type { ActivityEvent } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { badge } from '../../lib/fields.js';
import { dayHeading, formatTime, localDay, regionName } from '../../lib/format.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { ConfigController } from '../provider/portal-config.js';
import styles from './activity.styles.js';

addMessages('en', en.account, en.activity);
addMessages('es', es.account, es.activity);

/** The sentence for each known action. */
const ACTIONS: Partial<Record<string, MessageKey>> = {
  'auth.signed_in': 'actSignedIn',
  'auth.sign_in_failed': 'actSignInFailed',
  'auth.mfa_failed': 'actMfaFailed',
  'auth.account_switched': 'actAccountSwitched',
  'security.totp_enabled': 'actTotpEnabled',
  'security.totp_disabled': 'actTotpDisabled',
  'security.backup_codes_regenerated': 'actBackupCodes',
  'security.passkey_added': 'actPasskeyAdded',
  'security.passkey_removed': 'actPasskeyRemoved',
  'security.password_changed': 'actPasswordChanged',
  'security.email_changed': 'actEmailChanged',
  'profile.updated': 'actProfileUpdated',
  'token.created': 'actTokenCreated',
  'token.revoked': 'actTokenRevoked',
  'token.used': 'actTokenUsed',
  'contact.added': 'actContactAdded',
  'contact.updated': 'actContactUpdated',
  'contact.removed': 'actContactRemoved',
  'contact.invited': 'actContactInvited',
};

/** How someone signed in (`details.method` of `auth.signed_in`). */
const SIGN_IN_METHODS: Partial<Record<string, MessageKey>> = {
  password: 'actSignedInPassword',
  email_code: 'actSignedInEmailCode',
  magic_link: 'actSignedInMagicLink',
  passkey: 'actSignedInPasskey',
  email_verification: 'actSignedInVerification',
  password_reset: 'actSignedInReset',
  invitation: 'actSignedInInvitation',
};

/** Actions that are failures: marked as such in words, not only in colour. */
const FAILURES = new Set(['auth.sign_in_failed', 'auth.mfa_failed']);

/** The detail that names what an action was about: a passkey's or token's name, a contact's email. */
const subjectOf = (event: ActivityEvent): string | undefined => {
  const { name, email } = event.details;
  if (event.action.startsWith('contact.')) return typeof email === 'string' ? email : undefined;
  if (/^(token\.|security\.passkey_)/.test(event.action)) return typeof name === 'string' ? name : undefined;
  return undefined;
};

/**
 * The active account's security timeline, newest first and grouped by day: sign-ins (and how), failed attempts,
 * two-step verification, passkey, password and email changes, profile updates, API tokens and contacts; each with
 * who did it, the device, the place and the time. "Load more" pages back.
 *
 * Only the account owner may see it; anyone else gets a short explanation instead.
 *
 * @summary The account's security timeline (owner only).
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr page-size - How many entries each request asks for (default 25).
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart intro - The explanation under the heading.
 * @csspart credit - The "IP Geolocation by DB-IP" attribution of the places shown.
 * @csspart day - The heading of a day.
 * @csspart list - The entries of one day.
 * @csspart entry - One entry.
 * @csspart sentence - What happened.
 * @csspart meta - Who, device, place and time.
 * @csspart badge - "Failed" on failed attempts.
 * @csspart more - The "Load more" button.
 * @csspart button - Buttons.
 * @csspart empty - Shown when there is no activity.
 * @csspart not-allowed - Shown to someone who is not the owner.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the timeline could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-activity-width=48rem] - Maximum width.
 * @cssproperty --portal-activity-padding - Padding inside the box.
 * @cssproperty --portal-activity-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-activity-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-activity')
export class PortalActivity extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles, placesCreditStyles];

  /** How many entries each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private entries?: ActivityEvent[];
  @state() private nextCursor: string | null = null;

  readonly #config = new ConfigController(this);

  readonly #load = this.loadTask(
    'activity',
    () => [this.pageSize],
    (client, session, [limit]) =>
      session.account.role === 'owner' ? client.account.activity({ limit }) : Promise.resolve(initialState),
    (page) => {
      this.entries = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <h2 part="title">${this.t('activityTitle')}</h2>
      ${this.renderSession(() =>
        this.isOwner
          ? html`<p part="intro" class="intro">${this.t('activityIntro')}</p>
              ${this.renderTask(this.#load, this.entries, (entries) => this.#renderEntries(entries))}`
          : html`<p part="not-allowed" class="not-allowed">${this.t('activityOwnerOnly')}</p>`,
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderEntries(entries: ActivityEvent[]): TemplateResult {
    if (!entries.length) return html`<p part="empty" class="empty">${this.t('noActivity')}</p>`;
    const days: { day: string; at: string; entries: ActivityEvent[] }[] = [];
    for (const entry of entries) {
      const day = localDay(entry.at);
      const last = days.at(-1);
      if (last?.day === day) last.entries.push(entry);
      else days.push({ day, at: entry.at, entries: [entry] });
    }
    const lang = this.resolvedLocale;
    return html`${days.map(
      ({ day, at, entries: list }) =>
        html`<section class="day" aria-labelledby=${`day-${day}`}>
            <h3 part="day" id=${`day-${day}`}>${dayHeading(lang, at)}</h3>
            <ul part="list" class="entries">
              ${list.map((entry) => this.#renderEntry(entry))}
            </ul>
          </section>`,
    )}
      ${loadMoreButton(this.nextCursor, this.busy, this.t('loadMore'), this.#loadMore)}
      ${placesCredit}`;
  }

  #renderEntry(entry: ActivityEvent): TemplateResult {
    const lang = this.resolvedLocale;
    const failed = FAILURES.has(entry.action);
    const meta = [this.#actor(entry), entry.device, this.#place(entry.place)].filter(Boolean);
    return html`<li part="entry" class="entry ${failed ? 'failed' : ''}" id=${entry.id} tabindex="-1">
      <p part="sentence" class="sentence">
        ${this.#sentence(entry)} ${failed ? badge(this.t('activityFailed'), 'bad') : nothing}
      </p>
      <p part="meta" class="meta">
        ${meta.join(' · ')}${meta.length ? ' · ' : ''}<time datetime=${entry.at}>${formatTime(lang, entry.at)}</time>
      </p>
    </li>`;
  }

  #sentence(entry: ActivityEvent): TemplateResult | string {
    const known = ACTIONS[entry.action];
    if (!known) return html`${this.t('actOther')}: <code>${entry.action}</code>`;
    const method = entry.details.method;
    const key =
      entry.action === 'auth.signed_in' && typeof method === 'string'
        ? (SIGN_IN_METHODS[method] ?? known)
        : known;
    const subject = subjectOf(entry);
    const action = this.t(key);
    return subject ? this.t('actWithSubject', { action, subject }) : action;
  }

  #actor(entry: ActivityEvent): string {
    const { type, label } = entry.actor;
    switch (type) {
      case 'token':
        return this.t('actorToken', { name: label ?? '' });
      case 'staff':
        return this.#config.state.config?.businessName || this.t('actorStaff');
      case 'system':
        return this.t('actorSystem');
      default:
        return label ?? this.t('actorSomeone');
    }
  }

  /** A country code as its name, `LAN` as "Local network", anything else as the server wrote it. */
  #place(place: string | null): string | null {
    if (!place) return null;
    if (place === 'LAN') return this.t('localNetwork');
    return /^[A-Z]{2}$/.test(place) ? regionName(this.resolvedLocale, place) : place;
  }

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const shown = this.entries?.length ?? 0;
    const ok = await this.attempt('activityMore', [], async (client) => {
      const page = await client.account.activity({ limit: this.pageSize, cursor });
      this.entries = [...(this.entries ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users continue where the new entries start.
    const first = this.entries?.[shown];
    if (ok && first) void this.focusPart(`[id="${first.id}"]`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-activity': PortalActivity;
  }
}
