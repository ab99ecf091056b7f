import type { CourseAccess, CourseStatus } from '@portico/sdk/admin';
import type { TemplateResult } from 'lit';
import { badge } from './form.js';
import type { AdminTranslate } from './localize.js';

/** A course's or lesson's status as a badge: green when published, grey for a draft. */
export const courseStatusBadge = (t: AdminTranslate, status: CourseStatus): TemplateResult =>
  status === 'published' ? badge(t('crsPublished'), 'good') : badge(t('crsDraft'), 'neutral');

/** Draft and published, as drop-down options. */
export const courseStatusOptions = (t: AdminTranslate) => [
  { value: 'draft', label: t('crsDraft') },
  { value: 'published', label: t('crsPublished') },
];

/** Who may open a course, in one word. */
export const courseAccessName = (t: AdminTranslate, access: CourseAccess): string =>
  t(access === 'everyone' ? 'crsAccessEveryone' : 'crsAccessGranted');

/** The course hash (`#/courses/<id>`), or a lesson's in it (`#/courses/<id>?lesson=<lessonId>`). */
export function courseHash(courseId: string, lessonId?: string): string {
  const base = `#/courses/${encodeURIComponent(courseId)}`;
  return lessonId ? `${base}?${new URLSearchParams({ lesson: lessonId })}` : base;
}

/** The lesson a course hash opens (`?lesson=`), when the hash is this course's; else `''`. */
export function lessonOfHash(hash: string, courseId: string): string {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first, id] = path.split('/');
  let decoded: string;
  try {
    decoded = decodeURIComponent(id ?? '');
  } catch {
    return '';
  }
  if (first !== 'courses' || decoded !== courseId) return '';
  return new URLSearchParams(search).get('lesson') ?? '';
}

/** A whole number of days from 0 to 3650, or undefined when `text` is not one. */
export function dripDaysOf(text: string | undefined): number | undefined {
  const s = (text ?? '').trim();
  if (!/^\d{1,4}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 3650 ? n : undefined;
}
