/**
 * The app's hash routes, parsed and formatted as plain data (nothing here touches the page):
 * `#/` (the landing page), `#/lab` (the free lab), `#/lab/<presetId>`, `#/lab?s=<encoded scenario>`, `#/gallery`,
 * `#/lessons` (the course), `#/lesson/<lessonId>/<step>` (1-based) and `#/lesson?src=<url>` (a teacher's lesson).
 * Hash routes never reach a server, so a static host serves every one of them.
 */
export type Route =
  /** The landing page: the course, the free lab and the gallery, for someone who has just arrived. */
  | { readonly page: 'home' }
  | { readonly page: 'gallery' }
  /** The course menu, and "Open lesson…" for a teacher's file. */
  | { readonly page: 'lessons' }
  /** A lesson by id (the course's, or one opened from a file), at a step (1-based; absent: where the learner left off). */
  | { readonly page: 'lesson'; readonly lesson: string; readonly step?: number }
  /** A teacher's lesson fetched from an address (CORS), at a step. */
  | { readonly page: 'lesson'; readonly src: string; readonly step?: number }
  | { readonly page: 'lab'; readonly preset: string }
  | { readonly page: 'lab'; readonly shared: string }
  | { readonly page: 'lab' }
  /** A link the app cannot read: the default lab opens, with `problem` said politely. */
  | { readonly page: 'lab'; readonly problem: string };

const PRESET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The route a location hash names. Never throws: whatever it cannot read becomes the default
 * lab with a `problem` in words.
 *
 * @example parseRoute('#/lab/lww-clock-skew') // { page: 'lab', preset: 'lww-clock-skew' }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryAt = raw.indexOf('?');
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)).replace(/\/+$/, '');
  const query = queryAt === -1 ? '' : raw.slice(queryAt + 1);
  if (path === '' || path === '/' || path === '/lab') {
    if (query === '') return path === '/lab' ? { page: 'lab' } : { page: 'home' };
    const params = new URLSearchParams(query);
    const shared = params.get('s');
    // URLSearchParams turns '+' into a space; an encoding that is URL-safe has none, so put it back.
    if (shared !== null && shared !== '') return { page: 'lab', shared: shared.replace(/ /g, '+') };
    if (shared === '') return { page: 'lab', problem: 'The shared link holds no run (its “s=” part is empty).' };
    return { page: 'lab' };
  }
  if (path === '/gallery') return { page: 'gallery' };
  if (path === '/lessons') return { page: 'lessons' };
  if (path === '/lesson' || path.startsWith('/lesson/')) return parseLessonRoute(path, query);
  if (path.startsWith('/lab/')) {
    let id: string;
    try {
      id = decodeURIComponent(path.slice('/lab/'.length));
    } catch {
      return { page: 'lab', problem: 'The link names a scene in a form the app cannot read.' };
    }
    if (PRESET_ID.test(id)) return { page: 'lab', preset: id };
    return { page: 'lab', problem: `The link names a scene the app cannot read (“${clip(id)}”).` };
  }
  return { page: 'lab', problem: `The app has no page “${clip(path)}”.` };
}

/**
 * The hash for a route (what links and history.replaceState use).
 *
 * @example formatRoute({ page: 'lab', shared: 'abc' }) // '#/lab?s=abc'
 */
export function formatRoute(route: Route): string {
  if (route.page === 'home') return '#/';
  if (route.page === 'gallery') return '#/gallery';
  if (route.page === 'lessons') return '#/lessons';
  if (route.page === 'lesson') {
    const step = route.step !== undefined ? String(route.step) : null;
    if ('src' in route) return `#/lesson?src=${encodeURIComponent(route.src)}${step ? `&step=${step}` : ''}`;
    return `#/lesson/${encodeURIComponent(route.lesson)}${step ? `/${step}` : ''}`;
  }
  if ('preset' in route) return `#/lab/${encodeURIComponent(route.preset)}`;
  if ('shared' in route) return `#/lab?s=${encodeURIComponent(route.shared)}`;
  return '#/lab';
}

const STEP = /^[1-9][0-9]{0,2}$/;

/** `/lesson/<id>[/<n>]` or `/lesson?src=<url>[&step=<n>]`. */
function parseLessonRoute(path: string, query: string): Route {
  if (path === '/lesson') {
    const params = new URLSearchParams(query);
    const src = params.get('src');
    if (!src) return { page: 'lab', problem: 'The lesson link names no lesson (its “src=” part is missing).' };
    const step = params.get('step');
    if (step !== null && !STEP.test(step))
      return { page: 'lab', problem: `The lesson link names no step “${clip(step)}”.` };
    return { page: 'lesson', src, ...(step !== null ? { step: Number(step) } : {}) };
  }
  const parts = path.slice('/lesson/'.length).split('/');
  let id: string;
  try {
    id = decodeURIComponent(parts[0] ?? '');
  } catch {
    return { page: 'lab', problem: 'The link names a lesson in a form the app cannot read.' };
  }
  if (!PRESET_ID.test(id) || parts.length > 2) {
    return { page: 'lab', problem: `The link names a lesson the app cannot read (“${clip(id)}”).` };
  }
  const step = parts[1];
  if (step === undefined) return { page: 'lesson', lesson: id };
  if (!STEP.test(step)) return { page: 'lab', problem: `The link names no step “${clip(step)}” of a lesson.` };
  return { page: 'lesson', lesson: id, step: Number(step) };
}

/** Part of what a reader typed or pasted, short enough to quote in a sentence. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
