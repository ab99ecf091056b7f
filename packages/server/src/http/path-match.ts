/**
 * A test for request paths against route paths such as `/api/admin/v1/courses/:courseId/lessons/:lessonId/files`:
 * each `:param` stands for one non-empty segment.
 */
export function pathMatcher(paths: Iterable<string>): (path: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const path of paths) {
    if (!path.includes(':')) exact.add(path);
    else {
      const source = path
        .split('/')
        .map((segment) =>
          segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      patterns.push(new RegExp(`^${source}$`));
    }
  }
  return (path) => exact.has(path) || patterns.some((pattern) => pattern.test(path));
}
