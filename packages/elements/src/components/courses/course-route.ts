// What <portal-courses> and <portal-course> share: the hash routes of a course and its lessons, and the progress bar.
import type { CourseProgress } from '@portico/sdk';
import { css, html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Translate } from '../../lib/form.js';

/** A course (by id or slug), and maybe one of its lessons, as the page's hash names them. */
export interface CourseRoute {
  course: string;
  lessonId?: string;
}

/** `#course/<idOrSlug>` and `#course/<idOrSlug>/lesson/<lessonId>`. */
const COURSE_HASH = /^#course\/([^/?#]+)(?:\/lesson\/([^/?#]+))?\/?$/;

/** The hash of the list of courses, where "All courses" goes back to. */
export const COURSES_HASH = '#courses';

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part) || undefined;
  } catch {
    return undefined;
  }
};

/** The course route in `hash`; undefined for any other hash (another element's, an in-page anchor). */
export function parseCourseHash(hash: string): CourseRoute | undefined {
  const match = COURSE_HASH.exec(hash);
  if (!match) return undefined;
  const course = decode(match[1]!);
  if (!course) return undefined;
  if (match[2] === undefined) return { course };
  const lessonId = decode(match[2]);
  return lessonId ? { course, lessonId } : undefined;
}

/** The hash of a course, or of one of its lessons. */
export const courseHash = (course: string, lessonId?: string): string =>
  `#course/${encodeURIComponent(course)}${lessonId ? `/lesson/${encodeURIComponent(lessonId)}` : ''}`;

/**
 * The course's progress bar: `role="progressbar"` with the lessons done as its value and "3 of 8 lessons" as its
 * text (shown beside the bar too), named after `title`.
 */
export function progressBar(
  t: Translate,
  lang: string,
  progress: CourseProgress,
  title: string,
): TemplateResult {
  const { completed, total } = progress;
  const one = new Intl.PluralRules(lang).select(total) === 'one';
  const words = t(one ? 'crsProgressOne' : 'crsProgressOther', { completed, total });
  const share = total > 0 ? Math.min(100, Math.max(0, (completed / total) * 100)) : 0;
  return html`<div class="progress-row">
    <div
      part="progress"
      class="progress"
      role="progressbar"
      aria-label=${t('crsProgressIn', { title })}
      aria-valuemin="0"
      aria-valuemax=${Math.max(total, 1)}
      aria-valuenow=${total > 0 ? completed : 0}
      aria-valuetext=${words}
    >
      <div class="progress-fill" style=${styleMap({ width: `${share}%` })}></div>
    </div>
    <span part="progress-text" class="progress-text" aria-hidden="true">${words}</span>
  </div>`;
}

export const progressStyles = css`
  .progress-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .progress {
    flex: 1 1 8rem;
    height: 0.5rem;
    border-radius: 999px;
    background: var(--portal-progress-track, var(--_surface-raised));
    box-shadow: inset 0 0 0 1px var(--_border);
    overflow: hidden;
  }
  .progress-fill {
    height: 100%;
    border-radius: inherit;
    background: var(--portal-progress-color, var(--_primary));
    transition: width 0.2s ease;
  }
  @media (prefers-reduced-motion: reduce) {
    .progress-fill {
      transition: none;
    }
  }
  .progress-text {
    color: var(--_muted);
    font-size: 0.875em;
    white-space: nowrap;
  }
`;
