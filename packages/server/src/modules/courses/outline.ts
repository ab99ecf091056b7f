import type { CourseModule, CourseProgress } from '@portico/sdk/contract';
import type { LessonHead, ModuleRow } from './store.js';

const DAY_MS = 86_400_000;

/** When a lesson opens for an account whose access began at `accessSince` (null: at once). */
export function opensAt(accessSince: string, dripDays: number): string | null {
  if (dripDays <= 0) return null;
  return new Date(Date.parse(accessSince) + dripDays * DAY_MS).toISOString();
}

/** A published lesson in its place in the outline, as one person sees it. */
export interface OutlineLesson {
  lesson: LessonHead;
  moduleTitle: string;
  opensAt: string | null;
  available: boolean;
  completedAt: string | null;
}

/** A course's outline for one person: its modules in order, every lesson in reading order, and progress. */
export interface Outline {
  modules: { module: ModuleRow; lessons: OutlineLesson[] }[];
  /** Every lesson in reading order (module by module). */
  lessons: OutlineLesson[];
  progress: CourseProgress;
}

type Ordered = { position: number; created_at: string; id: string };
/** The outline's order: position, then creation, then id (stable whatever the positions are). */
export const byPosition = (a: Ordered, b: Ordered) =>
  a.position - b.position ||
  (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds a course's outline for one person from its modules and its published lessons: a module without a
 * published lesson is left out, drip decides what is open at `now`, and progress counts only the lessons shown.
 */
export function buildOutline(
  modules: readonly ModuleRow[],
  lessons: readonly LessonHead[],
  completed: ReadonlyMap<string, string>,
  accessSince: string,
  now: Date,
): Outline {
  const outline: Outline['modules'] = [];
  for (const module of [...modules].sort(byPosition)) {
    const own = lessons
      .filter((l) => l.module_id === module.id && l.status === 'published')
      .sort(byPosition)
      .map((lesson): OutlineLesson => {
        const opens = opensAt(accessSince, lesson.drip_days);
        return {
          lesson,
          moduleTitle: module.title,
          opensAt: opens,
          available: opens === null || Date.parse(opens) <= now.getTime(),
          completedAt: completed.get(lesson.id) ?? null,
        };
      });
    if (own.length) outline.push({ module, lessons: own });
  }
  const flat = outline.flatMap((m) => m.lessons);
  const done = flat.filter((l) => l.completedAt !== null).length;
  return {
    modules: outline,
    lessons: flat,
    progress: {
      completed: done,
      total: flat.length,
      percent: flat.length ? Math.floor((done * 100) / flat.length) : 0,
      nextLessonId: flat.find((l) => l.available && l.completedAt === null)?.lesson.id ?? null,
    },
  };
}

/** The outline's modules as the client's course shows them. */
export function outlineModules(outline: Outline, fileCounts: ReadonlyMap<string, number>): CourseModule[] {
  return outline.modules.map(({ module, lessons }) => ({
    id: module.id,
    title: module.title,
    lessons: lessons.map((l) => ({
      id: l.lesson.id,
      title: l.lesson.title,
      hasVideo: l.lesson.video_url !== null,
      fileCount: fileCounts.get(l.lesson.id) ?? 0,
      completed: l.completedAt !== null,
      available: l.available,
      opensAt: l.opensAt,
    })),
  }));
}
