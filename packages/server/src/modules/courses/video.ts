import type { LessonVideo } from '@portico/sdk/contract';

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);
const VIDEO_FILE = /\.(mp4|webm|ogg)$/i;

/** The video id of a YouTube page (`watch?v=`, `youtu.be/`, `/embed/`, `/shorts/`, `/live/`), when well formed. */
function youtubeId(url: URL): string | null {
  let id: string | null | undefined = null;
  if (url.hostname === 'youtu.be') id = url.pathname.split('/')[1];
  else if (YOUTUBE_HOSTS.has(url.hostname)) {
    if (url.pathname === '/watch') id = url.searchParams.get('v');
    else id = /^\/(?:embed|shorts|live|v)\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

/** The numeric id of a Vimeo page (`vimeo.com/123`, `player.vimeo.com/video/123`). */
function vimeoId(url: URL): string | null {
  if (!VIMEO_HOSTS.has(url.hostname)) return null;
  const path = url.hostname === 'player.vimeo.com' ? /^\/video\/(\d{1,20})\/?$/ : /^\/(\d{1,20})\/?$/;
  return path.exec(url.pathname)?.[1] ?? null;
}

/**
 * How a lesson's video URL is shown. Only YouTube (through its no-cookie host) and Vimeo are ever embedded, with
 * a player URL built here from a validated id, never the URL staff typed; a `.mp4`, `.webm` or `.ogg` file is
 * played by the browser; anything else is a plain link.
 */
export function lessonVideo(raw: string | null): LessonVideo | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: raw, kind: 'link', embedUrl: null };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { url: raw, kind: 'link', embedUrl: null };
  const youtube = youtubeId(url);
  if (youtube) {
    return { url: raw, kind: 'youtube', embedUrl: `https://www.youtube-nocookie.com/embed/${youtube}` };
  }
  const vimeo = vimeoId(url);
  if (vimeo) return { url: raw, kind: 'vimeo', embedUrl: `https://player.vimeo.com/video/${vimeo}` };
  if (VIDEO_FILE.test(url.pathname)) return { url: raw, kind: 'file', embedUrl: null };
  return { url: raw, kind: 'link', embedUrl: null };
}
