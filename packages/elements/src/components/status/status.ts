import { initialState, Task, TaskStatus } from '@lit/task';
import type {
  ComponentStatus,
  Incident,
  IncidentImpact,
  IncidentStatus,
  StatusComponent,
  StatusDay,
  StatusPage,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { followInPageLink, plural } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { formatList } from '../../lib/format.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { isSectionOff, SectionHider } from '../../lib/public-section.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './status.styles.js';

addMessages('en', en.account, contentEn.statusPage);
addMessages('es', es.account, contentEs.statusPage);

/** A component's state in words. */
export const COMPONENT_STATUS_KEYS: Record<ComponentStatus, MessageKey> = {
  operational: 'stOperational',
  maintenance: 'stMaintenance',
  degraded: 'stDegraded',
  partial_outage: 'stPartial',
  major_outage: 'stMajor',
};

/** The whole service's state (the worst component's) in words. */
const OVERALL_KEYS: Record<ComponentStatus, MessageKey> = {
  operational: 'stOverallOperational',
  maintenance: 'stOverallMaintenance',
  degraded: 'stOverallDegraded',
  partial_outage: 'stOverallPartial',
  major_outage: 'stOverallMajor',
};

/** A shape beside the colour, so the state never rests on colour alone. */
const ICONS: Record<ComponentStatus, string> = {
  operational: '✓',
  maintenance: '⚙',
  degraded: '!',
  partial_outage: '◐',
  major_outage: '✕',
};

const INCIDENT_STATUS_KEYS: Record<IncidentStatus, MessageKey> = {
  investigating: 'stInvestigating',
  identified: 'stIdentified',
  monitoring: 'stMonitoring',
  resolved: 'stResolved',
  scheduled: 'stScheduled',
  in_progress: 'stInProgress',
  completed: 'stCompleted',
};

const IMPACT_KEYS: Record<IncidentImpact, MessageKey> = {
  none: 'stImpactNone',
  minor: 'stImpactMinor',
  major: 'stImpactMajor',
  critical: 'stImpactCritical',
};

/** Polling more often than this would only load the server. */
const MIN_REFRESH_SECONDS = 10;

/**
 * The status page, public: a banner with the overall state (in words, with a symbol and a colour), the components
 * by group, each with its state, its uptime over 90 days and a bar per day of those 90 days (the day's worst
 * state and incidents), the incidents going on with their timestamped updates, the maintenance scheduled (its
 * window in the visitor's time zone, or `time-zone`), the incidents of the last 7 days, and "Past incidents" on
 * demand.
 *
 * The day bars are one stop of the Tab key per component: the arrow keys (and Home, End) move between the days,
 * each of which a screen reader reads as "12 Nov 2026: Partial outage, 1 incident"; hovering or focusing a bar
 * shows the same words under the row.
 *
 * With `refresh`, the page loads again every `refresh` seconds (at least 10) while the page is visible. When the
 * business hides its status page (the API answers 404), the element hides itself.
 *
 * @summary The status page: components, 90-day history, incidents and maintenance.
 *
 * @attr refresh - Seconds between reloads (at least 10); no reloads when unset.
 * @attr time-zone - An IANA time zone for times (`Europe/Madrid`); else the visitor's.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart overall - The overall state's banner.
 * @csspart icon - A state's symbol.
 * @csspart components - The components' section.
 * @csspart group - A group of components.
 * @csspart group-title - A group's heading.
 * @csspart component - A component's row.
 * @csspart component-status - A component's state.
 * @csspart uptime - A component's uptime.
 * @csspart bars - A component's 90 day bars.
 * @csspart bar - One day's bar.
 * @csspart day - The words of the day hovered or focused.
 * @csspart incidents - A section of incidents (current, maintenance, recent, past).
 * @csspart incident - One incident or maintenance.
 * @csspart impact - An incident's impact.
 * @csspart window - A maintenance's planned window.
 * @csspart updates - An incident's updates.
 * @csspart update - One update.
 * @csspart content - An update's text.
 * @csspart more - "Show past incidents" and "Older incidents" (also `button`).
 * @csspart button - Buttons.
 * @csspart empty - No components, or no past incidents.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the page could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 *
 * @cssproperty [--portal-status-width=64rem] - Maximum width.
 * @cssproperty --portal-status-padding - Padding inside the box.
 * @cssproperty --portal-status-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-status-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-status-operational - Colour of "operational"; falls back to `--portal-color-success`.
 * @cssproperty --portal-status-maintenance - Colour of "maintenance"; falls back to `--portal-color-primary`.
 * @cssproperty --portal-status-degraded - Colour of "degraded"; falls back to `--portal-color-warning`.
 * @cssproperty --portal-status-partial - Colour of "partial outage".
 * @cssproperty --portal-status-major - Colour of "major outage"; falls back to `--portal-color-danger`.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-status')
export class PortalStatus extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, styles];

  /** Seconds between reloads; none when unset. */
  @property({ type: Number }) refresh?: number;

  /** The IANA time zone times are shown in; the visitor's when unset. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** The page as last loaded (kept while a reload runs). */
  @state() private page?: StatusPage;
  /** Past incidents loaded so far; undefined until asked for. */
  @state() private past?: Incident[];
  @state() private pastCursor: string | null = null;

  readonly #hider = new SectionHider(this);
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #load = new Task(this, {
    args: () => [this.client] as const,
    task: async ([client]) => {
      if (!client) return initialState;
      const page = await client.status.get();
      this.page = page;
      return page;
    },
    onComplete: () => this.#hider.hide(false),
    onError: (error) => {
      if (isSectionOff(error)) this.#hider.hide(true);
      else this.emit(new PortalErrorEvent({ action: 'status', error }));
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: the first update schedules the reloads otherwise.
    if (this.hasUpdated) this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('refresh')) this.#schedule();
  }

  #schedule() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    const seconds = Number(this.refresh);
    if (!Number.isFinite(seconds) || seconds <= 0) return;
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'hidden' || this.#load.status === TaskStatus.PENDING) return;
      void this.#load.run();
    }, Math.max(seconds, MIN_REFRESH_SECONDS) * 1000);
  }

  protected override render() {
    const content = this.#renderContent();
    // A hidden section renders nothing at all.
    return html`<div part="base" class="base" lang=${this.textLang} @click=${this.#onClick}>
      ${content} ${content === nothing ? nothing : this.renderMessages()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const task = this.#load;
    if (task.status === TaskStatus.ERROR) {
      if (isSectionOff(task.error)) return nothing;
      // A failed reload keeps the page shown; only a first load shows the error.
      if (!this.page) return accountLoadError(task.error, () => void task.run(), this.t);
    }
    const page = this.page;
    if (!page) return this.renderLoading();
    return html`<h2 part="title" class="title">${this.t('stTitle')}</h2>
      <div part="overall" class="overall s-${page.overall}" data-status=${page.overall}>
        ${this.#icon(page.overall)}
        <p>${this.t(OVERALL_KEYS[page.overall])}</p>
      </div>
      ${this.#incidents('stActive', 'active', page.active, 'full')}
      ${this.#incidents('stUpcoming', 'upcoming', page.upcoming, 'full')} ${this.#renderComponents(page.components)}
      ${this.#incidents('stRecent', 'recent', page.recent, 'compact')} ${this.#renderPast()}`;
  }

  #icon(status: ComponentStatus): TemplateResult {
    return html`<span part="icon" class="icon s-${status}" aria-hidden="true">${ICONS[status]}</span>`;
  }

  #renderComponents(components: StatusComponent[]): TemplateResult {
    const groups = new Map<string | null, StatusComponent[]>();
    for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    const named = [...groups].some(([name]) => name !== null);
    return html`<section part="components" class="components" aria-labelledby="components-title">
      <h3 id="components-title">${this.t('stComponents')}</h3>
      <p id="bars-hint" class="sr-only">${this.t('stHistoryHint')}</p>
      ${
        !components.length
          ? html`<p part="empty" class="empty">${this.t('stNoComponents')}</p>`
          : [...groups].map(([name, list], index) =>
              named
                ? html`<section part="group" class="group" aria-labelledby=${`group-${index}`}>
                    <h4 part="group-title" id=${`group-${index}`}>${name ?? this.t('stOtherComponents')}</h4>
                    <ul class="rows" role="list">${list.map((c) => this.#renderComponent(c))}</ul>
                  </section>`
                : html`<ul class="rows" role="list">${list.map((c) => this.#renderComponent(c))}</ul>`,
            )
      }
    </section>`;
  }

  #renderComponent(component: StatusComponent): TemplateResult {
    const lang = this.resolvedLocale;
    const uptime = new Intl.NumberFormat(lang, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(component.uptime / 100);
    const last = component.days.length - 1;
    return html`<li part="component" class="component" data-component=${component.id}>
      <div class="component-head">
        <div>
          <p class="component-name">${component.name}</p>
          ${component.description ? html`<p class="muted">${component.description}</p>` : nothing}
        </div>
        <p part="component-status" class="component-status s-${component.status}" data-status=${component.status}>
          ${this.#icon(component.status)} ${this.t(COMPONENT_STATUS_KEYS[component.status])}
        </p>
      </div>
      ${
        component.days.length
          ? html`<div
                part="bars"
                class="bars"
                role="group"
                aria-label=${this.t('stHistory', { name: component.name })}
                aria-describedby="bars-hint"
                @keydown=${this.#onBarsKey}
                @focusin=${this.#onBarShown}
                @mouseover=${this.#onBarShown}
                @mouseleave=${this.#onBarsLeft}
                @focusout=${this.#onBarsLeft}
              >
                ${component.days.map(
                  (day, i) =>
                    html`<span
                      part="bar"
                      class="bar s-${day.status}"
                      role="img"
                      tabindex=${i === last ? '0' : '-1'}
                      data-status=${day.status}
                      aria-label=${this.#dayLabel(day)}
                    ></span>`,
                )}
              </div>
              <div class="bars-legend" aria-hidden="true">
                <span>${this.t('stDaysAgo')}</span>
                <span part="day" class="day-tip"></span>
                <span>${this.t('stToday')}</span>
              </div>`
          : nothing
      }
      <p part="uptime" class="muted uptime">${this.t('stUptime', { percent: uptime })}</p>
    </li>`;
  }

  /** "12 Nov 2026: Partial outage, 1 incident". */
  #dayLabel(day: StatusDay): string {
    const lang = this.resolvedLocale;
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${day.date}T00:00:00Z`),
    );
    const incidents = day.incidents
      ? plural(this.t, lang, day.incidents, 'stIncidentsOne', 'stIncidentsOther')
      : this.t('stNoIncidentsDay');
    return this.t('stDay', { date, status: this.t(COMPONENT_STATUS_KEYS[day.status]), incidents });
  }

  /** Arrow keys, Home and End move between the days; one Tab stop per component. */
  #onBarsKey = (event: KeyboardEvent) => {
    const bars = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.bar')];
    const from = bars.indexOf(event.target as HTMLElement);
    if (from < 0) return;
    const to =
      event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? Math.max(0, from - 1)
        : event.key === 'ArrowRight' || event.key === 'ArrowDown'
          ? Math.min(bars.length - 1, from + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? bars.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    bars[from]!.tabIndex = -1;
    bars[to]!.tabIndex = 0;
    bars[to]!.focus();
  };

  /** Shows the words of the bar hovered or focused under the row (the bar's name says them to screen readers). */
  #onBarShown = (event: Event) => {
    const bar = (event.target as HTMLElement).closest<HTMLElement>('.bar');
    const tip = (event.currentTarget as HTMLElement).nextElementSibling?.querySelector('.day-tip');
    if (bar && tip) tip.textContent = bar.getAttribute('aria-label');
  };

  #onBarsLeft = (event: Event) => {
    const tip = (event.currentTarget as HTMLElement).nextElementSibling?.querySelector('.day-tip');
    if (tip) tip.textContent = '';
  };

  #incidents(
    title: MessageKey,
    id: string,
    incidents: readonly Incident[],
    style: 'full' | 'compact',
  ): TemplateResult | typeof nothing {
    if (!incidents.length) return nothing;
    return html`<section part="incidents" class="incidents ${id}" aria-labelledby=${`${id}-title`}>
      <h3 id=${`${id}-title`}>${this.t(title)}</h3>
      <ul class="incident-list" role="list">
        ${incidents.map((incident) => html`<li>${this.#renderIncident(incident, style)}</li>`)}
      </ul>
    </section>`;
  }

  #renderIncident(incident: Incident, style: 'full' | 'compact'): TemplateResult {
    const lang = this.resolvedLocale;
    const titleId = `incident-${incident.id}`;
    const maintenance = incident.kind === 'maintenance';
    const updates = html`<ol part="updates" class="updates" aria-label=${this.t('stUpdatesOf', { title: incident.title })}>
      ${incident.updates.map(
        (update) => html`<li part="update" class="update">
          <p class="update-head">
            <strong>${this.t(INCIDENT_STATUS_KEYS[update.status])}</strong>
            <time class="muted" datetime=${update.createdAt}>${this.#time(update.createdAt)}</time>
          </p>
          <div part="content" class="rich">${richText(update.html)}</div>
        </li>`,
      )}
    </ol>`;
    return html`<article
      part="incident"
      class="incident impact-${incident.impact} ${incident.kind}"
      aria-labelledby=${titleId}
      data-incident=${incident.id}
    >
      <div class="incident-head">
        <h4 id=${titleId} tabindex="-1">${incident.title}</h4>
        <span class="badges">
          <span part="badge" class="badge neutral">${this.t(INCIDENT_STATUS_KEYS[incident.status])}</span>
          ${
            maintenance
              ? nothing
              : html`<span part="badge impact" class="badge ${incident.impact === 'none' ? 'neutral' : incident.impact === 'minor' ? 'warn' : 'bad'}"
                  >${this.t(IMPACT_KEYS[incident.impact])}</span
                >`
          }
        </span>
      </div>
      ${
        maintenance
          ? html`<p part="window" class="window">
              ${this.t('stWindow', { window: this.#window(incident.startsAt, incident.endsAt) })}
            </p>`
          : html`<p class="muted">${this.t('stStarted', { time: this.#time(incident.startsAt) })}</p>`
      }
      ${
        incident.resolvedAt
          ? html`<p class="muted">${this.t('stResolvedAt', { time: this.#time(incident.resolvedAt) })}</p>`
          : nothing
      }
      ${
        incident.components.length
          ? html`<p class="muted">
              ${this.t('stAffects', {
                components: formatList(
                  lang,
                  incident.components.map((c) => c.name),
                ),
              })}
            </p>`
          : nothing
      }
      ${
        !incident.updates.length
          ? nothing
          : style === 'full'
            ? updates
            : html`<details class="updates-toggle">
                <summary>${this.t('stUpdates')}</summary>
                ${updates}
              </details>`
      }
    </article>`;
  }

  /** Ids of the incidents shown in the current, maintenance and recent sections. */
  #shownAbove(): Set<string> {
    const page = this.page;
    return new Set(page ? [...page.active, ...page.upcoming, ...page.recent].map((i) => i.id) : []);
  }

  #renderPast(): TemplateResult {
    const above = this.#shownAbove();
    const past = this.past?.filter((i) => !above.has(i.id));
    return html`<section part="incidents" class="incidents past" aria-labelledby="past-title">
      <h3 id="past-title">${this.t('stPast')}</h3>
      ${
        past === undefined
          ? html`<div class="actions">
              <button part="button more" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#loadPast}>
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('stShowPast')}
              </button>
            </div>`
          : html`${
              past.length
                ? html`<ul class="incident-list" role="list">
                    ${past.map((incident) => html`<li>${this.#renderIncident(incident, 'compact')}</li>`)}
                  </ul>`
                : this.pastCursor
                  ? nothing
                  : html`<p part="empty" class="empty">${this.t('stNoPast')}</p>`
            }
            ${loadMoreButton(this.pastCursor, this.busy, this.t('stMorePast'), this.#loadPast)}`
      }
    </section>`;
  }

  #loadPast = async () => {
    const cursor = this.pastCursor;
    let added: Incident[] = [];
    const ok = await this.attempt('statusIncidents', [], async (client) => {
      const page = await client.status.incidents({ limit: 10, ...(cursor ? { cursor } : {}) });
      added = page.items;
      this.past = [...(this.past ?? []), ...page.items];
      this.pastCursor = page.nextCursor;
    });
    // Keyboard users continue at the first incident the list did not show yet.
    const above = this.#shownAbove();
    const first = added.find((i) => !above.has(i.id));
    if (ok && first) void this.focusPart(`.past [data-incident="${first.id}"] h4`);
  };

  #formatOptions(): Intl.DateTimeFormatOptions {
    return {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(this.#zone ? { timeZone: this.#zone } : {}),
    };
  }

  /** The `time-zone` attribute, when the browser knows it. */
  get #zone(): string | undefined {
    if (!this.timeZone) return undefined;
    try {
      new Intl.DateTimeFormat('en', { timeZone: this.timeZone });
      return this.timeZone;
    } catch {
      return undefined;
    }
  }

  #time(iso: string): string {
    return new Intl.DateTimeFormat(this.resolvedLocale, this.#formatOptions()).format(new Date(iso));
  }

  /** A maintenance window, e.g. "Tue, 12 Nov 2026, 02:00 – 04:00 CET". */
  #window(start: string, end: string | null): string {
    const format = new Intl.DateTimeFormat(this.resolvedLocale, this.#formatOptions());
    return end ? format.formatRange(new Date(start), new Date(end)) : format.format(new Date(start));
  }

  #onClick = (event: MouseEvent) => followInPageLink(event, this.renderRoot as ShadowRoot);
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-status': PortalStatus;
  }
}
