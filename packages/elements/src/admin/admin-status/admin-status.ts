import type {
  AdminStatusComponent,
  ComponentStatus,
  Incident,
  IncidentImpact,
  IncidentInput,
  IncidentKind,
  StatusComponentInput,
} from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  componentBadge,
  componentChecks,
  componentStatusKey,
  componentStatusOptions,
  IMPACTS,
  impactKey,
  incidentBadge,
  kindKey,
  positionOf,
} from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { selectField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { markdownError } from '../lib/markdown-editor.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import { browserTimeZone, formatInZone, readWindow, timeZoneName } from '../lib/zoned-time.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const COMPONENT_FIELDS = ['name', 'description', 'group', 'position', 'status'];
const MESSAGE_MAX = 20_000;
/** How many open incidents and maintenance windows the page lists at once (more would be an emergency). */
const OPEN_LIMIT = 100;

/** What the editor is open on. */
type Editing = { kind: 'component'; component?: AdminStatusComponent } | { kind: IncidentKind };

/**
 * The status page for staff (`#/status`): its components in order (name, description, group, order) with their
 * current status, which admin and support staff change in place with the five statuses in words; they add, edit
 * and delete components. Below, incidents and maintenance, open ones first, filtered by kind; "New incident"
 * (title, impact, affected components, what status to put them in, first message) and "Schedule maintenance"
 * (window start and end in the staff member's time zone, components, message) open them, and each links to its
 * page (`#/status/<id>`) with its updates. Billing staff read only.
 *
 * @summary Status page: components, incidents and maintenance.
 *
 * @attr page-size - How many closed incidents each request asks for (default 25).
 * @attr time-zone - The IANA time zone times are typed and shown in; else the browser's.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart components - The components section.
 * @csspart incidents - The incidents section.
 * @csspart new-incident - The "New incident" button.
 * @csspart new-maintenance - The "Schedule maintenance" button.
 * @csspart form - The component, incident or maintenance form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The components and incidents tables.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no components or incidents.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while a list loads.
 * @csspart load-error - Shown when a list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-status')
export class PortalAdminStatus extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, contentStyles];

  /** How many closed incidents each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** The IANA time zone times are typed and shown in. */
  @property({ attribute: 'time-zone' }) timeZone = browserTimeZone();

  /** The time now, in milliseconds (for the time zone's name). */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private components?: AdminStatusComponent[];
  @state() private editing?: Editing;
  @state() private kind: '' | IncidentKind = '';

  readonly #components = this.loadTask(
    'adminStatusComponents',
    () => [],
    (admin) => admin.status.components(),
    (components) => {
      this.components = components;
    },
  );

  readonly #open = this.loadTask(
    'adminOpenIncidents',
    () => [this.kind],
    (admin, [kind]) => admin.status.incidents({ open: 'true', kind: kind || undefined, limit: OPEN_LIMIT }),
  );

  readonly #past = this.pagedList({
    action: 'adminPastIncidents',
    args: () => [this.kind, this.pageSize],
    fetch: (admin, [kind, limit], page) =>
      admin.status.incidents({ open: 'false', kind: kind || undefined, limit, ...page }),
    focus: 'a',
  });

  protected override render() {
    const canWrite = this.can(routes.createIncident);
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('statusTitle')}</h1>
      <p class="intro">${canWrite ? this.t('statusIntro') : this.t('contentReadOnly')}</p>
      ${this.renderMessages()} ${this.#renderComponents()} ${this.#renderIncidents()} ${this.renderConfirm()}
    </div>`;
  }

  #renderComponents() {
    const canWrite = this.can(routes.createStatusComponent);
    const e = this.editing;
    return html`<section part="components" class="card" aria-labelledby="components-title">
      <div class="page-header">
        <h2 id="components-title" tabindex="-1">${this.t('statusComponents')}</h2>
        ${
          canWrite && e?.kind !== 'component'
            ? html`<button class="secondary" type="button" @click=${() => this.#edit({ kind: 'component' })}>
                ${this.t('addComponent')}
              </button>`
            : nothing
        }
      </div>
      ${e?.kind === 'component' ? this.#renderComponentEditor(e.component) : nothing}
      ${this.renderTask(this.#components, this.components, (c) => this.#renderComponentTable(c))}
    </section>`;
  }

  #renderComponentTable(components: AdminStatusComponent[]) {
    if (!components.length) return html`<p part="empty" class="empty">${this.t('noComponents')}</p>`;
    const canWrite = this.can(routes.updateStatusComponent);
    return dataTable({
      label: this.t('statusComponentsTable'),
      caption: this.t('statusComponentsTable'),
      columns: [
        this.t('name'),
        this.t('componentGroup'),
        { label: this.t('contentPosition'), numeric: true },
        this.t('componentStatus'),
        ...(canWrite ? [this.t('actions')] : []),
      ],
      rows: components.map(
        (c) => html`<tr>
          <th scope="row">${c.name}${c.description ? html` <span class="muted block">${c.description}</span>` : nothing}</th>
          <td>${c.group ?? html`<span class="muted">—</span>`}</td>
          <td class="num">${c.position}</td>
          <td>
            ${
              canWrite
                ? html`<select
                    name=${`status.${c.id}`}
                    aria-label=${this.t('componentStatusOf', { name: c.name })}
                    .value=${live(c.status)}
                    ?disabled=${this.busy}
                    @change=${(e: Event) => this.#setStatus(c, (e.target as HTMLSelectElement).value as ComponentStatus)}
                  >
                    ${componentStatusOptions(this.t).map(
                      (o) =>
                        html`<option value=${o.value} ?selected=${o.value === c.status}>${o.label}</option>`,
                    )}
                  </select>`
                : componentBadge(this.t, c.status)
            }
          </td>
          ${
            canWrite
              ? rowActions(
                  rowButton({
                    part: 'edit',
                    text: this.t('contentEdit'),
                    ariaLabel: this.t('contentEditName', { name: c.name }),
                    disabled: this.busy,
                    onClick: () => this.#edit({ kind: 'component', component: c }),
                  }),
                  rowButton({
                    part: 'remove',
                    text: this.t('contentDelete'),
                    ariaLabel: this.t('contentDeleteName', { name: c.name }),
                    danger: true,
                    disabled: this.busy,
                    onClick: () => this.#removeComponent(c),
                  }),
                )
              : nothing
          }
        </tr>`,
      ),
    });
  }

  #renderComponentEditor(c?: AdminStatusComponent) {
    return html`<form part="form" class="card" novalidate aria-labelledby="component-editor-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveComponent}>
      <h3 id="component-editor-title">${c ? this.t('contentEditName', { name: c.name }) : this.t('newComponent')}</h3>
      <div class="grid-2">
        ${this.textInput('name', this.t('name'), { required: true, maxlength: 120 })}
        ${this.textInput('group', this.t('componentGroup'), { maxlength: 80, hint: this.t('componentGroupHint') })}
        ${this.textInput('position', this.t('contentPosition'), { inputmode: 'numeric', hint: this.t('contentPositionHint') })}
        ${this.selectInput('status', this.t('componentStatus'), componentStatusOptions(this.t))}
      </div>
      ${this.textInput('description', this.t('contentDescription'), { maxlength: 500 })}
      <div class="actions">
        ${submitButton(c ? this.t('saveChanges') : this.t('addComponent'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderIncidents() {
    const canWrite = this.can(routes.createIncident);
    const e = this.editing;
    const opening = e?.kind === 'incident' || e?.kind === 'maintenance';
    return html`<section part="incidents" class="card" aria-labelledby="incidents-title">
      <div class="page-header">
        <h2 id="incidents-title" tabindex="-1">${this.t('incidentsTitle')}</h2>
        ${
          canWrite && !opening
            ? html`<div class="actions">
                <button part="button new-incident" class="primary" type="button" @click=${() => this.#edit({ kind: 'incident' })}>
                  ${this.t('newIncident')}
                </button>
                <button part="button new-maintenance" class="secondary" type="button" @click=${() => this.#edit({ kind: 'maintenance' })}>
                  ${this.t('scheduleMaintenance')}
                </button>
              </div>`
            : nothing
        }
      </div>
      ${opening ? this.#renderIncidentForm(e.kind as IncidentKind) : nothing}
      <form class="search" role="search" aria-label=${this.t('incidentsTitle')} @submit=${(ev: Event) => ev.preventDefault()}>
        ${selectField({
          name: 'kind',
          label: this.t('incidentKind'),
          value: this.kind,
          options: [
            { value: '', label: this.t('allKinds') },
            { value: 'incident', label: this.t('kindIncidents') },
            { value: 'maintenance', label: this.t('kindMaintenance') },
          ],
          onChange: (ev) => {
            this.kind = (ev.target as HTMLSelectElement).value as '' | IncidentKind;
          },
        })}
      </form>
      <h3>${this.t('openIncidents')}</h3>
      ${this.renderTask(this.#open, this.#open.value?.items, (items) =>
        items.length
          ? this.#renderIncidentTable(items, this.t('openIncidents'))
          : html`<p part="empty" class="empty">${this.t('noOpenIncidents')}</p>`,
      )}
      <h3>${this.t('pastIncidents')}</h3>
      ${this.renderTask(this.#past.task, this.#past.items, (items) =>
        items.length
          ? html`${this.#renderIncidentTable(items, this.t('pastIncidents'), this.#past.pending)}
            ${this.renderMore(this.#past)}`
          : html`<p part="empty" class="empty">${this.t('noPastIncidents')}</p>`,
      )}
    </section>`;
  }

  #renderIncidentTable(items: Incident[], label: string, busy?: boolean) {
    const lang = this.resolvedLocale;
    const when = (iso: string | null) => (iso ? formatInZone(lang, iso, this.timeZone) : '');
    return dataTable({
      label,
      caption: label,
      ...(busy === undefined ? {} : { busy }),
      columns: [
        this.t('incidentTitle'),
        this.t('incidentKind'),
        this.t('status'),
        this.t('incidentImpact'),
        this.t('incidentComponents'),
        this.t('incidentWhen'),
      ],
      rows: items.map(
        (i) => html`<tr>
          <td><a href=${hashOf('incident', i.id)}>${i.title}</a></td>
          <td>${this.t(kindKey(i.kind))}</td>
          <td>${incidentBadge(this.t, i.status)}</td>
          <td>${this.t(impactKey(i.impact))}</td>
          <td>${i.components.map((c) => c.name).join(', ') || html`<span class="muted">—</span>`}</td>
          <td>${i.endsAt ? this.t('windowFromTo', { start: when(i.startsAt), end: when(i.endsAt) }) : when(i.startsAt)}</td>
        </tr>`,
      ),
    });
  }

  #renderIncidentForm(kind: IncidentKind) {
    const components = this.components ?? [];
    const maintenance = kind === 'maintenance';
    const zoneHint = this.t('contentTimesInZone', {
      zone: timeZoneName(this.resolvedLocale, this.timeZone, this.now()),
    });
    const groupError = this.fieldErrors.componentIds;
    return html`<form part="form" class="card" novalidate aria-labelledby="incident-form-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#createIncident}>
      <h3 id="incident-form-title">${this.t(maintenance ? 'scheduleMaintenance' : 'newIncident')}</h3>
      ${this.textInput('title', this.t('incidentTitle'), { required: true, maxlength: 200 })}
      <div class="grid-2">
        ${this.selectInput(
          'impact',
          this.t('incidentImpact'),
          IMPACTS.map((i) => ({ value: i, label: this.t(impactKey(i)) })),
        )}
        ${
          maintenance
            ? nothing
            : this.selectInput('componentStatus', this.t('setComponentsTo'), [
                { value: '', label: this.t('followImpact') },
                ...componentStatusOptions(this.t),
              ])
        }
      </div>
      ${
        maintenance
          ? html`<div class="grid-2">
              ${this.textInput('startsAt', this.t('windowStart'), { type: 'datetime-local', required: true, hint: zoneHint })}
              ${this.textInput('endsAt', this.t('windowEnd'), { type: 'datetime-local', required: true, hint: zoneHint })}
            </div>`
          : nothing
      }
      <fieldset aria-describedby=${groupError ? 'components-error' : nothing}>
        <legend>${this.t('affectedComponents')}</legend>
        ${
          components.length
            ? html`<div class="checks">
                ${componentChecks(components, (id) => this.values[`component.${id}`] === 'on', this.onInput)}
              </div>`
            : html`<p class="muted">${this.t('noComponents')}</p>`
        }
        ${groupError ? html`<p class="field-error" id="components-error">${groupError}</p>` : nothing}
      </fieldset>
      ${this.markdownInput('message', this.t(maintenance ? 'maintenanceMessage' : 'firstMessage'), { maxlength: MESSAGE_MAX, rows: 6 })}
      <div class="actions">
        ${submitButton(this.t(maintenance ? 'scheduleMaintenance' : 'openIncident'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #edit(editing: Editing) {
    this.editing = editing;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (editing.kind === 'component') {
      const c = editing.component;
      this.values = {
        name: c?.name ?? '',
        description: c?.description ?? '',
        group: c?.group ?? '',
        position: c ? String(c.position) : '',
        status: c?.status ?? 'operational',
      };
      void this.focusField('name');
      return;
    }
    this.values = {
      title: '',
      message: '',
      impact: editing.kind === 'maintenance' ? 'none' : 'minor',
      componentStatus: '',
      startsAt: '',
      endsAt: '',
    };
    void this.focusField('title');
  }

  #close = () => {
    const kind = this.editing?.kind;
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusPart(kind === 'component' ? '#components-title' : '#incidents-title');
  };

  #saveComponent = async (event: SubmitEvent) => {
    event.preventDefault();
    const e = this.editing;
    if (e?.kind !== 'component') return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('name')) errors.name = this.t('errorRequired');
    const position = positionOf(v('position'));
    if (position === undefined) errors.position = this.t('contentErrorPosition');
    if (!this.showFieldErrors(errors)) return;
    const input: StatusComponentInput = {
      name: v('name'),
      description: v('description'),
      group: v('group') || null,
      status: (v('status') || 'operational') as ComponentStatus,
      ...(position !== null && position !== undefined ? { position } : {}),
    };
    const c = e.component;
    const saved = await this.attemptResult(
      c ? 'adminUpdateStatusComponent' : 'adminCreateStatusComponent',
      COMPONENT_FIELDS,
      (admin) => (c ? admin.status.updateComponent(c.id, input) : admin.status.createComponent(input)),
    );
    if (!saved) return;
    this.editing = undefined;
    this.notice = this.t(c ? 'componentSaved' : 'componentAdded', { name: saved.name });
    await this.#components.run();
    void this.focusPart('#components-title');
  };

  async #setStatus(c: AdminStatusComponent, status: ComponentStatus) {
    const done = await this.attemptResult('adminUpdateStatusComponent', [], (admin) =>
      admin.status.updateComponent(c.id, { status }),
    );
    const list = this.components ?? [];
    // The select is disabled while the change is sent, which drops focus: give it back.
    void this.focusField(`status.${c.id}`);
    if (!done) {
      // The select shows the choice: put it back to what the server still has.
      this.components = [...list];
      return;
    }
    this.components = list.map((x) => (x.id === done.id ? done : x));
    this.notice = this.t('componentStatusNotice', {
      name: done.name,
      status: this.t(componentStatusKey(done.status)),
    });
  }

  async #removeComponent(c: AdminStatusComponent) {
    const ok = await this.confirmAction({
      title: this.t('deleteComponentTitle', { name: c.name }),
      body: this.t('deleteComponentBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteStatusComponent', [], (admin) =>
      admin.status.deleteComponent(c.id),
    );
    if (!done) return;
    if (this.editing?.kind === 'component' && this.editing.component?.id === c.id) this.editing = undefined;
    this.notice = this.t('componentDeleted', { name: c.name });
    await this.#components.run();
    void this.focusPart('#components-title');
  }

  #createIncident = async (event: SubmitEvent) => {
    event.preventDefault();
    const e = this.editing;
    if (e?.kind !== 'incident' && e?.kind !== 'maintenance') return;
    const maintenance = e.kind === 'maintenance';
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('title')) errors.title = this.t('errorRequired');
    const { startsAt, endsAt, startError, endError } = maintenance
      ? readWindow(v('startsAt'), v('endsAt'), this.timeZone)
      : {};
    if (startError) errors.startsAt = this.t(startError);
    if (endError) errors.endsAt = this.t(endError);
    const message = this.values.message ?? '';
    const messageError = markdownError(
      this.t,
      this.resolvedLocale,
      message,
      MESSAGE_MAX,
      'contentErrorWriteMessage',
    );
    if (messageError) errors.message = messageError;
    if (!this.showFieldErrors(errors)) return;
    const componentIds = (this.components ?? [])
      .filter((c) => this.values[`component.${c.id}`] === 'on')
      .map((c) => c.id);
    const input: IncidentInput = {
      kind: e.kind,
      title: v('title'),
      impact: (v('impact') || 'minor') as IncidentImpact,
      message,
      componentIds,
      ...(v('componentStatus') ? { componentStatus: v('componentStatus') as ComponentStatus } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : {}),
    };
    const fieldOf = (path: string) =>
      path.startsWith('componentIds')
        ? 'componentIds'
        : ['title', 'impact', 'message', 'componentStatus', 'startsAt', 'endsAt'].includes(path)
          ? path
          : undefined;
    const created = await this.attemptResult(
      maintenance ? 'adminScheduleMaintenance' : 'adminCreateIncident',
      fieldOf,
      (admin) => admin.status.createIncident(input),
    );
    if (!created) return;
    this.editing = undefined;
    this.notice = this.t(maintenance ? 'maintenanceScheduledNotice' : 'incidentOpenedNotice', {
      title: created.title,
    });
    location.hash = hashOf('incident', created.id);
    await Promise.all([this.#open.run(), this.#components.run()]);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-status': PortalAdminStatus;
  }
}
