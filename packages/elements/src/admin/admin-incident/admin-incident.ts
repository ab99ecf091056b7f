import type {
  AdminStatusComponent,
  ComponentStatus,
  Incident,
  IncidentEdit,
  IncidentImpact,
  IncidentStatus,
} from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  componentChecks,
  componentStatusOptions,
  IMPACTS,
  impactKey,
  incidentBadge,
  incidentStatusKey,
  isClosed,
  kindKey,
  statusesOfKind,
} from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { badge } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { markdownError } from '../lib/markdown-editor.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles, recordHeadStyles } from '../lib/styles.js';
import { browserTimeZone, formatInZone, isoToZoned, readWindow, timeZoneName } from '../lib/zoned-time.js';
import styles from './admin-incident.styles.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const MESSAGE_MAX = 20_000;

interface Loaded {
  incident: Incident;
  components: AdminStatusComponent[];
}

/**
 * One incident or maintenance window (`#/status/<id>`): its kind, status, impact, components and times, and its
 * updates, newest first (status, message as clients read it, time). Admin and support staff post an update (the
 * status limited to those of its kind: investigating, identified, monitoring, resolved for an incident;
 * scheduled, in progress, completed for maintenance; a message; optionally the status its components are put
 * in), change its title, impact, components (and a maintenance window's times), and delete it after confirming.
 * Billing staff read only.
 *
 * @summary One incident or maintenance: timeline, updates, edit, delete.
 *
 * @attr incident-id - The incident's id.
 * @attr time-zone - The IANA time zone times are typed and shown in; else the browser's.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the incident's title).
 * @csspart details - Kind, impact, components and times.
 * @csspart post - The "Post update" form.
 * @csspart edit - The edit form.
 * @csspart timeline - The updates, newest first.
 * @csspart update - One update.
 * @csspart delete - The "Delete" button.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status label.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the incident loads.
 * @csspart load-error - Shown when the incident could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-incident')
export class PortalAdminIncident extends AdminElement {
  static override styles = [
    hostStyles,
    formStyles,
    adminStyles,
    richTextStyles,
    recordHeadStyles,
    contentStyles,
    styles,
  ];

  /** The incident's id. */
  @property({ attribute: 'incident-id' }) incidentId = '';

  /** The IANA time zone times are typed and shown in. */
  @property({ attribute: 'time-zone' }) timeZone = browserTimeZone();

  /** The time now, in milliseconds (for the time zone's name). */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private loaded?: Loaded;
  @state() private editing = false;

  readonly #load = this.loadTask(
    'adminIncident',
    () => [this.incidentId],
    async (admin, [id]) => {
      const [incident, components] = await Promise.all([
        admin.status.incident(id),
        admin.status.components(),
      ]);
      return { incident, components } satisfies Loaded;
    },
    (loaded) => {
      this.loaded = loaded;
      this.#resetPost(loaded.incident);
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.get('incidentId') !== undefined && this.loaded?.incident.id !== this.incidentId) {
      this.loaded = undefined;
      this.editing = false;
    }
  }

  protected override render() {
    const i = this.loaded?.incident;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('status')}>${this.t('backToStatus')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${i?.title ?? this.t('incidentTitle')}</h1>
        ${
          i
            ? html`<span class="badges">
                ${badge(this.t(kindKey(i.kind)), 'neutral')} ${incidentBadge(this.t, i.status)}
              </span>`
            : nothing
        }
      </div>
      ${this.can(routes.addIncidentUpdate) ? nothing : html`<p class="intro">${this.t('contentReadOnly')}</p>`}
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.loaded, (l) => [
        this.#renderDetails(l),
        this.editing ? this.#renderEdit(l) : nothing,
        this.can(routes.addIncidentUpdate) ? this.#renderPost(l.incident) : nothing,
        this.#renderTimeline(l.incident),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #when(iso: string | null) {
    return iso ? formatInZone(this.resolvedLocale, iso, this.timeZone) : '';
  }

  #renderDetails(l: Loaded) {
    const i = l.incident;
    const maintenance = i.kind === 'maintenance';
    const canEdit = this.can(routes.editIncident);
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <div class="page-header">
        <h2 id="details-title" tabindex="-1">${this.t('incidentDetails')}</h2>
        <div class="actions">
          ${
            canEdit && !this.editing
              ? html`<button class="secondary small" type="button" @click=${this.#startEdit}>${this.t('contentEdit')}</button>`
              : nothing
          }
          ${
            this.can(routes.deleteIncident)
              ? html`<button part="button delete" class="secondary danger small" type="button" ?disabled=${this.busy} @click=${this.#remove}>
                  ${this.t('contentDelete')}
                </button>`
              : nothing
          }
        </div>
      </div>
      <dl>
        <dt>${this.t('incidentImpact')}</dt>
        <dd>${this.t(impactKey(i.impact))}</dd>
        <dt>${this.t('incidentComponents')}</dt>
        <dd>${i.components.map((c) => c.name).join(', ') || this.t('noAffectedComponents')}</dd>
        <dt>${this.t(maintenance ? 'windowStart' : 'incidentStarted')}</dt>
        <dd>${this.#when(i.startsAt)}</dd>
        ${maintenance ? html`<dt>${this.t('windowEnd')}</dt><dd>${this.#when(i.endsAt) || '—'}</dd>` : nothing}
        <dt>${this.t(maintenance ? 'maintenanceCompletedAt' : 'incidentResolvedAt')}</dt>
        <dd>${this.#when(i.resolvedAt) || this.t('contentNotYet')}</dd>
      </dl>
    </section>`;
  }

  #renderEdit(l: Loaded) {
    const maintenance = l.incident.kind === 'maintenance';
    const zoneHint = this.t('contentTimesInZone', {
      zone: timeZoneName(this.resolvedLocale, this.timeZone, this.now()),
    });
    return html`<form part="edit form" class="card" novalidate aria-labelledby="edit-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveEdit}>
      <h2 id="edit-title">${this.t('editIncident')}</h2>
      ${this.textInput('editTitle', this.t('incidentTitle'), { required: true, maxlength: 200 })}
      ${this.selectInput(
        'editImpact',
        this.t('incidentImpact'),
        IMPACTS.map((i) => ({ value: i, label: this.t(impactKey(i)) })),
      )}
      ${
        maintenance
          ? html`<div class="grid-2">
              ${this.textInput('editStartsAt', this.t('windowStart'), { type: 'datetime-local', required: true, hint: zoneHint })}
              ${this.textInput('editEndsAt', this.t('windowEnd'), { type: 'datetime-local', required: true, hint: zoneHint })}
            </div>`
          : nothing
      }
      <fieldset>
        <legend>${this.t('affectedComponents')}</legend>
        <div class="checks">
          ${componentChecks(l.components, (id) => this.values[`component.${id}`] === 'on', this.onInput)}
        </div>
      </fieldset>
      <div class="actions">
        ${submitButton(this.t('saveChanges'), this.busy)}
        <button class="secondary" type="button" @click=${this.#cancelEdit}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderPost(i: Incident) {
    const statuses = statusesOfKind(i.kind);
    const closing = isClosed((this.values.status ?? i.status) as IncidentStatus);
    return html`<form part="post form" class="card" novalidate aria-labelledby="post-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#post}>
      <h2 id="post-title" tabindex="-1">${this.t('postUpdate')}</h2>
      <div class="grid-2">
        ${this.selectInput(
          'status',
          this.t('status'),
          statuses.map((s) => ({ value: s, label: this.t(incidentStatusKey(s)) })),
        )}
        ${this.selectInput(
          'componentStatus',
          this.t('setComponentsTo'),
          [
            { value: '', label: this.t(closing ? 'componentsBackToNormal' : 'leaveComponents') },
            ...componentStatusOptions(this.t),
          ],
          { hint: i.components.length ? undefined : this.t('noAffectedComponents') },
        )}
      </div>
      ${this.markdownInput('message', this.t('updateMessage'), { maxlength: MESSAGE_MAX, rows: 6 })}
      <div class="actions">${submitButton(this.t('postUpdate'), this.busy)}</div>
    </form>`;
  }

  #renderTimeline(i: Incident) {
    return html`<section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">${this.t('incidentUpdates')}</h2>
      ${
        i.updates.length
          ? html`<ol part="timeline" class="timeline">
              ${i.updates.map(
                (u) => html`<li part="update" class="update">
                  <div class="update-head">
                    ${incidentBadge(this.t, u.status)}
                    <time datetime=${u.createdAt}>${this.#when(u.createdAt)}</time>
                  </div>
                  <div class="rich">${richText(u.html)}</div>
                </li>`,
              )}
            </ol>`
          : html`<p part="empty" class="empty">${this.t('noUpdates')}</p>`
      }
    </section>`;
  }

  #resetPost(i: Incident) {
    const statuses = statusesOfKind(i.kind);
    // The next step is the likely one: the status after the current, else the current (an update to it).
    const next = statuses[Math.min(statuses.indexOf(i.status) + 1, statuses.length - 1)] ?? i.status;
    this.values = {
      ...this.values,
      status: isClosed(i.status) ? i.status : next,
      message: '',
      componentStatus: '',
    };
  }

  #startEdit = () => {
    const l = this.loaded;
    if (!l) return;
    const i = l.incident;
    const checks = Object.fromEntries(
      l.components.map((c) => [`component.${c.id}`, i.components.some((x) => x.id === c.id) ? 'on' : '']),
    );
    this.values = {
      ...this.values,
      ...checks,
      editTitle: i.title,
      editImpact: i.impact,
      editStartsAt: isoToZoned(i.startsAt, this.timeZone),
      editEndsAt: isoToZoned(i.endsAt, this.timeZone),
    };
    this.fieldErrors = {};
    this.editing = true;
    void this.focusField('editTitle');
  };

  #cancelEdit = () => {
    this.editing = false;
    this.fieldErrors = {};
    void this.focusPart('#details-title');
  };

  #saveEdit = async (event: SubmitEvent) => {
    event.preventDefault();
    const l = this.loaded;
    if (!l) return;
    const i = l.incident;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('editTitle')) errors.editTitle = this.t('errorRequired');
    const input: IncidentEdit = {};
    if (v('editTitle') !== i.title) input.title = v('editTitle');
    if (v('editImpact') !== i.impact) input.impact = v('editImpact') as IncidentImpact;
    const ids = l.components.filter((c) => this.values[`component.${c.id}`] === 'on').map((c) => c.id);
    const before = i.components.map((c) => c.id);
    if (ids.length !== before.length || ids.some((id) => !before.includes(id))) input.componentIds = ids;
    if (i.kind === 'maintenance') {
      const {
        startsAt: start,
        endsAt: end,
        startError,
        endError,
      } = readWindow(v('editStartsAt'), v('editEndsAt'), this.timeZone);
      if (startError) errors.editStartsAt = this.t(startError);
      if (endError) errors.editEndsAt = this.t(endError);
      if (start && Date.parse(start) !== Date.parse(i.startsAt)) input.startsAt = start;
      if (end && (!i.endsAt || Date.parse(end) !== Date.parse(i.endsAt))) input.endsAt = end;
    }
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      this.#cancelEdit();
      return;
    }
    const fieldOf = (path: string) =>
      (
        ({
          title: 'editTitle',
          impact: 'editImpact',
          startsAt: 'editStartsAt',
          endsAt: 'editEndsAt',
        }) as Record<string, string>
      )[path];
    const saved = await this.#act('adminEditIncident', fieldOf, (admin) =>
      admin.status.editIncident(i.id, input),
    );
    if (!saved) return;
    this.editing = false;
    this.notice = this.t('incidentSavedNotice', { title: saved.title });
    void this.focusPart('#details-title');
  };

  #post = async (event: SubmitEvent) => {
    event.preventDefault();
    const i = this.loaded?.incident;
    if (!i) return;
    const status = (this.values.status ?? i.status) as IncidentStatus;
    const message = this.values.message ?? '';
    const errors: Record<string, string> = {};
    if (!statusesOfKind(i.kind).includes(status)) errors.status = this.t('incidentErrorStatusOfKind');
    const messageError = markdownError(
      this.t,
      this.resolvedLocale,
      message,
      MESSAGE_MAX,
      'contentErrorWriteMessage',
    );
    if (messageError) errors.message = messageError;
    if (!this.showFieldErrors(errors)) return;
    const componentStatus = this.values.componentStatus as ComponentStatus | '';
    const saved = await this.#act(
      'adminPostIncidentUpdate',
      ['status', 'message', 'componentStatus'],
      (admin) =>
        admin.status.addUpdate(i.id, { status, message, ...(componentStatus ? { componentStatus } : {}) }),
    );
    if (!saved) return;
    this.#resetPost(saved);
    this.notice = this.t('updatePostedNotice', { status: this.t(incidentStatusKey(saved.status)) });
    void this.focusPart('#post-title');
  };

  /** Runs one change; shows the incident it answers with (its components' statuses may have changed too). */
  async #act(
    action: string,
    fields: readonly string[] | ((path: string) => string | undefined),
    work: (admin: NonNullable<typeof this.admin>) => Promise<Incident>,
  ): Promise<Incident | undefined> {
    const saved = await this.attemptResult(action, fields, work);
    // Another incident was opened meanwhile: what this one answered is not for its page.
    if (!saved || saved.id !== this.incidentId) return undefined;
    if (this.loaded) this.loaded = { ...this.loaded, incident: saved };
    return saved;
  }

  #remove = async () => {
    const i = this.loaded?.incident;
    if (!i) return;
    const ok = await this.confirmAction({
      title: this.t('deleteIncidentTitle', { title: i.title }),
      body: this.t('deleteIncidentBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteIncident', [], (admin) => admin.status.deleteIncident(i.id));
    if (!done) return;
    location.hash = hashOf('status');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-incident': PortalAdminIncident;
  }
}
