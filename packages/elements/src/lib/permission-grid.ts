import type { AccountArea, Permission } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Translate } from './form.js';
import type { MessageKey } from './localize.js';

/** The areas of an account, in the order the grid shows them. */
export const AREAS: readonly AccountArea[] = ['profile', 'billing', 'services', 'domains', 'support', 'apps'];

const AREA_KEYS: Record<AccountArea, MessageKey> = {
  profile: 'areaProfile',
  billing: 'areaBilling',
  services: 'areaServices',
  domains: 'areaDomains',
  support: 'areaSupport',
  apps: 'areaApps',
};

const read = (area: AccountArea) => `${area}:read` as Permission;
const write = (area: AccountArea) => `${area}:write` as Permission;

/** Each area at its highest level in `held`: `write`, `read` or nothing (`write` implies `read`). */
export function levelOf(held: Iterable<Permission>, area: AccountArea): 'write' | 'read' | undefined {
  const set = new Set(held);
  return set.has(write(area)) ? 'write' : set.has(read(area)) ? 'read' : undefined;
}

/** The fewest permissions that say the same: `area:write` alone rather than with `area:read`. */
export function minimalPermissions(held: Iterable<Permission>): Permission[] {
  const set = [...held];
  return AREAS.flatMap((area) => {
    const level = levelOf(set, area);
    return level === 'write' ? [write(area)] : level === 'read' ? [read(area)] : [];
  });
}

/** "Billing (Change), Services (View)", "Everything" or "No access". */
export function permissionSummary(held: readonly Permission[], t: Translate): string {
  const levels = AREAS.map((area) => [area, levelOf(held, area)] as const).filter(([, level]) => level);
  if (!levels.length) return t('accessNone');
  if (levels.length === AREAS.length && levels.every(([, level]) => level === 'write'))
    return t('accessEverything');
  return levels
    .map(([area, level]) =>
      t('accessSummaryItem', {
        area: t(AREA_KEYS[area]),
        access: t(level === 'write' ? 'accessChange' : 'accessView'),
      }),
    )
    .join(', ');
}

export interface PermissionGridOptions {
  /** Names the group; field errors for it (`scopes`, `permissions`) show below it. */
  name: string;
  legend: string;
  /** What is ticked. */
  value: readonly Permission[];
  /** Which permissions may be ticked (e.g. only those the person holds); all when omitted. */
  available?: (permission: Permission) => boolean;
  /** Shows `value` without letting it change (a role's preset). */
  readonly?: boolean;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  t: Translate;
  /** The new set, already minimal. */
  onChange?: (value: Permission[]) => void;
}

/**
 * A grid of checkboxes, areas by "View" and "Change". Ticking "Change" shows "View" ticked too (it is included)
 * and locks it; unticking "Change" leaves "View" ticked. Areas with nothing available are left out.
 */
export function permissionGrid(o: PermissionGridOptions): TemplateResult {
  const available = o.available ?? (() => true);
  const areas = AREAS.filter((area) => available(read(area)) || available(write(area)));
  const hintId = `${o.name}-hint`;
  const errorId = o.error ? `${o.name}-error` : '';
  const set = (area: AccountArea, level: 'read' | 'write', on: boolean) => {
    const next = new Set(o.value);
    if (level === 'write') {
      next.delete(write(area));
      next.add(read(area));
      if (on) next.add(write(area));
    } else {
      next.delete(write(area));
      next.delete(read(area));
      if (on) next.add(read(area));
    }
    o.onChange?.(minimalPermissions(next));
  };
  const box = (area: AccountArea, level: 'read' | 'write') => {
    const current = levelOf(o.value, area);
    const checked = level === 'read' ? current !== undefined : current === 'write';
    const locked =
      o.readonly ||
      !available(level === 'read' ? read(area) : write(area)) ||
      (level === 'read' && current === 'write');
    const access = o.t(level === 'read' ? 'accessView' : 'accessChange');
    return html`<td>
      <input
        part="checkbox"
        type="checkbox"
        id=${`${o.name}-${area}-${level}`}
        name=${o.name}
        value=${`${area}:${level}`}
        aria-label=${o.t('accessCell', { area: o.t(AREA_KEYS[area]), access })}
        .checked=${live(checked)}
        ?disabled=${locked}
        @change=${(event: Event) => set(area, level, (event.target as HTMLInputElement).checked)}
      />
    </td>`;
  };
  return html`<fieldset
    part="permissions"
    class="permissions"
    aria-describedby=${[errorId, hintId].filter(Boolean).join(' ')}
  >
    <legend part="label">
      ${o.legend}${o.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}
    </legend>
    <table part="permission-grid">
      <thead>
        <tr>
          <th scope="col"><span class="sr-only">${o.t('accessArea')}</span></th>
          <th scope="col">${o.t('accessView')}</th>
          <th scope="col">${o.t('accessChange')}</th>
        </tr>
      </thead>
      <tbody>
        ${areas.map(
          (area) =>
            html`<tr>
              <th scope="row">${o.t(AREA_KEYS[area])}</th>
              ${box(area, 'read')}${box(area, 'write')}
            </tr>`,
        )}
      </tbody>
    </table>
    <p part="hint" class="hint" id=${hintId}>${o.hint ? `${o.hint} ` : ''}${o.t('changeIncludesView')}</p>
    ${o.error ? html`<p part="error field-error" class="field-error" id=${errorId}>${o.error}</p>` : nothing}
  </fieldset>`;
}
