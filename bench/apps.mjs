// Apps case: (k) what an app's access check costs, and whether a busy community stays fast. Against one Portico
// server (production mode, a SQLite file) with the courses and communities apps on: the session read of (a) as the
// same-run floor of an authenticated request, a course outline (app guard + course access + outline + progress),
// and the first page of a group of 20,000 posts (app guard + group visibility + membership + a page by the index).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectStatus } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const requireFromServer = createRequire(path.join(path.resolve(here, '..'), 'packages/server/package.json'));

/** The apps' settings row the server reads at start: courses and communities on, open to everyone. */
export function enableApps(dbFile) {
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(dbFile);
  const apps = {
    affiliates: { enabled: false, access: 'everyone', href: null },
    courses: { enabled: true, access: 'everyone', href: null },
    communities: { enabled: true, access: 'everyone', href: null },
  };
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES ('apps', ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(JSON.stringify(apps), new Date().toISOString());
  db.close();
}

/** A published course of 5 modules × 8 lessons, and an open group with `posts` posts by the demo user. */
function seedContent(dbFile, email, posts) {
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(dbFile);
  db.pragma('busy_timeout = 10000');
  const user = db
    .prepare(
      'SELECT u.id, m.account_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = ?',
    )
    .get(email);
  const now = Date.now();
  const at = (ms) => new Date(ms).toISOString();
  const id = (prefix, n) => `${prefix}_bench${String(n).padStart(21, '0')}`;
  const started = performance.now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO courses (id, slug, title, summary, description, status, access, position, created_at, updated_at)
       VALUES (?, 'bench-course', 'Bench course', '', 'A course.', 'published', 'everyone', 0, ?, ?)`,
    ).run(id('crs', 0), at(now), at(now));
    let lesson = 0;
    for (let m = 0; m < 5; m++) {
      db.prepare(
        'INSERT INTO course_modules (id, course_id, title, position, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(id('mod', m), id('crs', 0), `Module ${m + 1}`, m, at(now));
      for (let l = 0; l < 8; l++, lesson++) {
        db.prepare(
          `INSERT INTO course_lessons (id, course_id, module_id, title, body, video_url, drip_days, status, position,
             created_at, updated_at) VALUES (?, ?, ?, ?, 'Read **this**.', NULL, ?, 'published', ?, ?, ?)`,
        ).run(
          id('lsn', lesson),
          id('crs', 0),
          id('mod', m),
          `Lesson ${lesson + 1}`,
          l % 4,
          l,
          at(now),
          at(now),
        );
      }
    }
    db.prepare(
      `INSERT INTO community_groups (id, slug, name, description, join_policy, position, member_count, post_count,
         last_activity_at, created_at, updated_at) VALUES (?, 'bench-group', 'Bench group', '', 'open', 0, 1, ?, ?, ?, ?)`,
    ).run(id('grp', 0), posts, at(now), at(now), at(now));
    db.prepare(
      `INSERT INTO community_members (group_id, user_id, account_id, status, notify_replies, created_at, joined_at)
       VALUES (?, ?, ?, 'member', 1, ?, ?)`,
    ).run(id('grp', 0), user.id, user.account_id, at(now), at(now));
    const add = db.prepare(
      `INSERT INTO community_posts (id, group_id, user_id, account_id, title, body, status, pinned, like_count,
         comment_count, last_activity_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'visible', ?, 0, 0, ?, ?)`,
    );
    for (let p = 0; p < posts; p++) {
      const when = at(now - (posts - p) * 60_000);
      add.run(
        id('pst', p),
        id('grp', 0),
        user.id,
        user.account_id,
        `Post ${p + 1}`,
        `Body of post ${p + 1}.`,
        p % 5000 === 0 ? 1 : 0,
        when,
        when,
      );
    }
  })();
  db.close();
  return { courseId: id('crs', 0), groupId: id('grp', 0), seconds: (performance.now() - started) / 1000 };
}

export async function caseApps({ startPortico, load, log, login, demoEmail, connections, posts = 20_000 }) {
  const portico = await startPortico('production', {}, enableApps);
  try {
    const token = await login(portico.url);
    const seeded = seedContent(portico.dbFile, demoEmail, posts);
    log(`(k) seeded a 40-lesson course and ${posts} posts in ${seeded.seconds.toFixed(1)} s`);
    const headers = { authorization: `Bearer ${token}` };
    const paths = {
      session: '/api/v1/auth/session',
      course: `/api/v1/courses/${seeded.courseId}`,
      posts: `/api/v1/communities/groups/${seeded.groupId}/posts?limit=20`,
    };
    for (const [what, p] of Object.entries(paths)) {
      const r = await fetch(`${portico.url}${p}`, { headers });
      await expectStatus(r, 200, `GET ${p}`);
      const body = await r.json();
      if (what === 'posts' && body.items.length !== 20)
        throw new Error(`posts page has ${body.items.length} items`);
      if (what === 'course' && body.lessonCount !== 40)
        throw new Error(`course has ${body.lessonCount} lessons`);
    }
    const out = { postCount: posts, seedSeconds: seeded.seconds };
    for (const [what, p] of Object.entries(paths)) {
      log(`(k) GET ${p}, ${connections} connections`);
      out[what] = await load({
        url: portico.url,
        connections,
        headers,
        requests: [{ method: 'GET', path: p }],
      });
    }
    out.courseRatio = out.course.requestsPerSecond / out.session.requestsPerSecond;
    out.postsRatio = out.posts.requestsPerSecond / out.session.requestsPerSecond;
    return out;
  } finally {
    await portico.stop();
  }
}
