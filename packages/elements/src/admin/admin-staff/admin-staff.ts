import type { StaffMember, StaffRole, StaffUpdateInput } from '@portico/sdk/admin';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { customElement, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { badge } from '../lib/form.js';
import { roleKey } from '../lib/labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-staff.styles.js';

addAdminMessages('en', en.common, en.staff);
addAdminMessages('es', es.common, es.staff);

const ROLES: readonly StaffRole[] = ['admin', 'billing', 'support'];

/**
 * The staff list (admin role): who they are, their role (changed in place), whether they use TOTP, and whether they
 * are still invited or disabled. Invite a staff member by email; disable or re-enable one (the server refuses to
 * leave the business without an active admin, and the console says so); reset a lost authenticator.
 *
 * @summary Staff: invite, change role, disable/enable, reset TOTP.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "Invite staff member" button.
 * @csspart form - The invitation form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The staff table.
 * @csspart badge - A status label.
 * @csspart dialog - The confirmation dialog.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-staff')
export class PortalAdminStaff extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  @state() private members?: StaffMember[];
  @state() private inviting = false;

  readonly #load = this.loadTask(
    'adminStaff',
    () => [],
    (admin) => admin.staff.list(),
    (members) => {
      this.members = members;
    },
  );

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('staffTitle')}</h1>
        <button
          part="button new"
          class="primary"
          type="button"
          aria-expanded=${this.inviting ? 'true' : 'false'}
          aria-controls="invite-staff"
          @click=${this.#toggleInvite}
        >
          ${this.t('inviteStaff')}
        </button>
      </div>
      ${this.renderMessages()} ${this.inviting ? this.#renderInvite() : nothing}
      ${this.renderTask(this.#load, this.members, (members) => this.#renderTable(members))}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderInvite() {
    return html`<section class="card" id="invite-staff" aria-labelledby="invite-staff-title">
      <h2 id="invite-staff-title">${this.t('inviteStaff')}</h2>
      <p class="intro">${this.t('inviteStaffIntro')}</p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#invite}>
        <div class="grid-2">
          ${this.textInput('email', this.t('email'), { type: 'email', required: true })}
          ${this.textInput('name', this.t('personName'), { required: true })}
          ${this.selectInput(
            'role',
            this.t('role'),
            [
              { value: '', label: this.t('chooseRole') },
              ...ROLES.map((role) => ({ value: role, label: this.t(roleKey(role)) })),
            ],
            { required: true, hint: this.t('staffRolesHint') },
          )}
        </div>
        <div class="actions">
          ${submitButton(this.t('sendInvitationAction'), this.busy)}
          <button class="secondary" type="button" @click=${this.#toggleInvite}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderTable(members: StaffMember[]) {
    if (!members.length) return html`<p part="empty" class="empty">${this.t('noStaff')}</p>`;
    const me = this.staffSession?.staff.id;
    const lang = this.resolvedLocale;
    return dataTable({
      label: this.t('staffTitle'),
      caption: this.t('staffTitle'),
      columns: [
        this.t('name'),
        this.t('email'),
        this.t('role'),
        this.t('totp'),
        this.t('status'),
        this.t('lastSignIn'),
        this.t('actions'),
      ],
      rows: members.map(
        (m) => html`<tr>
          <td>${m.name} ${m.id === me ? html`<span class="you">${this.t('you')}</span>` : nothing}</td>
          <td>${m.email}</td>
          <td>
            <select
              aria-label=${this.t('roleFor', { name: m.name })}
              .value=${live(m.role)}
              ?disabled=${this.busy}
              @change=${(e: Event) => this.#update(m, { role: (e.target as HTMLSelectElement).value as StaffRole })}
            >
              ${ROLES.map((role) => html`<option value=${role} ?selected=${role === m.role}>${this.t(roleKey(role))}</option>`)}
            </select>
          </td>
          <td>${m.totpEnabled ? badge(this.t('totpOn'), 'good') : badge(this.t('totpOff'), 'neutral')}</td>
          <td>
            ${
              m.disabled
                ? badge(this.t('statusDisabled'), 'bad')
                : m.invited
                  ? badge(this.t('statusInvited'), 'warn')
                  : badge(this.t('statusActive'), 'good')
            }
          </td>
          <td>${formatDateTime(lang, m.lastSignInAt) || '—'}</td>
          ${rowActions(
            m.disabled
              ? rowButton({
                  text: this.t('enable'),
                  ariaLabel: this.t('enableName', { name: m.name }),
                  disabled: this.busy,
                  onClick: () => this.#update(m, { disabled: false }),
                })
              : rowButton({
                  text: this.t('disable'),
                  ariaLabel: this.t('disableName', { name: m.name }),
                  disabled: this.busy,
                  onClick: () => this.#disable(m),
                }),
            m.totpEnabled
              ? rowButton({
                  text: this.t('resetTotp'),
                  ariaLabel: this.t('resetTotpName', { name: m.name }),
                  disabled: this.busy,
                  onClick: () => this.#resetTotp(m),
                })
              : nothing,
          )}
        </tr>`,
      ),
    });
  }

  #replace(member: StaffMember) {
    this.members = this.members?.map((m) => (m.id === member.id ? member : m));
  }

  async #update(member: StaffMember, input: StaffUpdateInput) {
    let updated: StaffMember | undefined;
    await this.attempt('adminUpdateStaff', [], async (admin) => {
      updated = await admin.staff.update(member.id, input);
    });
    if (!updated) {
      // Puts the role drop-down back to the role the member still has.
      this.requestUpdate();
      return;
    }
    this.#replace(updated);
    this.notice =
      input.role !== undefined
        ? this.t('roleChanged', { name: updated.name, role: this.t(roleKey(updated.role)) })
        : this.t(updated.disabled ? 'staffDisabled' : 'staffEnabled', { name: updated.name });
  }

  async #disable(member: StaffMember) {
    const confirmed = await this.confirmAction({
      title: this.t('disableStaffTitle', { name: member.name }),
      body: this.t('disableStaffBody'),
      confirm: this.t('disable'),
      danger: true,
    });
    if (confirmed) await this.#update(member, { disabled: true });
  }

  async #resetTotp(member: StaffMember) {
    const confirmed = await this.confirmAction({
      title: this.t('resetTotpTitle', { name: member.name }),
      body: this.t('resetTotpBody'),
      confirm: this.t('resetTotp'),
      danger: true,
    });
    if (!confirmed) return;
    let updated: StaffMember | undefined;
    await this.attempt('adminResetTotp', [], async (admin) => {
      updated = await admin.staff.resetTotp(member.id);
    });
    if (!updated) return;
    this.#replace(updated);
    this.notice = this.t('totpReset', { name: updated.name });
  }

  #toggleInvite = () => {
    this.inviting = !this.inviting;
    this.fieldErrors = {};
    if (this.inviting) void this.focusField('email');
    else void this.focusPart('[part~="new"]');
  };

  #invite = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: adminChecks.email, name: adminChecks.required, role: adminChecks.required }))
      return;
    const input = {
      email: this.values.email?.trim() ?? '',
      name: this.values.name?.trim() ?? '',
      role: this.values.role as StaffRole,
    };
    let created: StaffMember | undefined;
    await this.attempt('adminInviteStaff', ['email', 'name', 'role'], async (admin) => {
      created = await admin.staff.create(input);
    });
    if (!created) return;
    this.members = [...(this.members ?? []), created];
    this.values = {};
    this.inviting = false;
    this.notice = this.t('staffInvited', { email: created.email });
    void this.focusPart('[part~="new"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-staff': PortalAdminStaff;
  }
}
