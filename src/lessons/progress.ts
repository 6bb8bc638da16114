/**
 * Lesson progress kept in localStorage, per lesson: the step the learner was on, the steps
 * done, whether the lesson was finished. Versioned; a save this code cannot read (corrupt, from
 * another version) is reset with a message, never a crash; without storage (a sandboxed
 * iframe, storage disabled) everything still works and `notice` says progress is not kept.
 */
export const PROGRESS_KEY = 'mll-lesson-progress';
export const PROGRESS_VERSION = 1;

export interface LessonProgress {
  /** The step index (0-based) the learner was last on. */
  readonly step: number;
  /** Ids of the steps done (a task performed, a prediction answered, a reading step passed). */
  readonly done: readonly string[];
  readonly completed: boolean;
}

export interface ProgressStore {
  /** False when nothing can be kept (no storage): say so to the learner. */
  readonly available: boolean;
  /** Said once to the learner: a reset save, or storage that is unavailable; null when all is well. */
  readonly notice: string | null;
  get(lessonId: string): LessonProgress | null;
  set(lessonId: string, progress: LessonProgress): void;
  /** Forget one lesson's progress ("Start again"). */
  clear(lessonId: string): void;
}

interface Saved {
  readonly version: typeof PROGRESS_VERSION;
  readonly lessons: Record<string, LessonProgress>;
}

/** The browser's localStorage, or null where reading it throws (sandboxed iframes, privacy settings). */
export function browserStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    const probe = `${PROGRESS_KEY}-probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/**
 * The progress of every lesson, read once from `storage` and written back on each change.
 *
 * @example const progress = createProgressStore(browserStorage()); progress.set('why', { step: 2, done: ['a'], completed: false });
 */
export function createProgressStore(storage: Storage | null): ProgressStore {
  if (!storage) {
    const memory = new Map<string, LessonProgress>();
    return {
      available: false,
      notice: 'Your progress will not be kept: this page cannot use the browser’s storage.',
      get: (id) => memory.get(id) ?? null,
      set: (id, p) => {
        memory.set(id, p);
      },
      clear: (id) => {
        memory.delete(id);
      },
    };
  }
  const { saved, notice } = read(storage);
  const write = () => {
    try {
      storage.setItem(PROGRESS_KEY, JSON.stringify(saved));
    } catch {
      // Storage full or revoked mid-session: progress stays in memory for this visit.
    }
  };
  return {
    available: true,
    notice,
    get: (id) => (Object.hasOwn(saved.lessons, id) ? (saved.lessons[id] ?? null) : null),
    set: (id, p) => {
      saved.lessons[id] = { step: p.step, done: [...p.done], completed: p.completed };
      write();
    },
    clear: (id) => {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a record keyed by lesson id
      delete saved.lessons[id];
      write();
    },
  };
}

function read(storage: Storage): { saved: Saved; notice: string | null } {
  const fresh = (): Saved => ({ version: PROGRESS_VERSION, lessons: Object.create(null) as Record<string, never> });
  let text: string | null;
  try {
    text = storage.getItem(PROGRESS_KEY);
  } catch {
    text = null;
  }
  if (text === null) return { saved: fresh(), notice: null };
  const reset = (why: string) => {
    try {
      storage.removeItem(PROGRESS_KEY);
    } catch {
      // Nothing more to do: the fresh record is written on the next change.
    }
    return { saved: fresh(), notice: `Your saved lesson progress ${why}, so it was reset.` };
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return reset('could not be read');
  }
  if (typeof data !== 'object' || data === null || !('version' in data)) return reset('could not be read');
  if (data.version !== PROGRESS_VERSION) return reset('came from another version of the lab');
  if (!('lessons' in data) || typeof data.lessons !== 'object' || data.lessons === null) {
    return reset('could not be read');
  }
  const saved = fresh();
  for (const [id, p] of Object.entries(data.lessons)) {
    if (!isProgress(p)) return reset('could not be read');
    saved.lessons[id] = { step: p.step, done: [...p.done], completed: p.completed };
  }
  return { saved, notice: null };
}

function isProgress(p: unknown): p is LessonProgress {
  if (typeof p !== 'object' || p === null) return false;
  const r = p as Record<string, unknown>;
  return (
    typeof r.step === 'number' &&
    Number.isSafeInteger(r.step) &&
    r.step >= 0 &&
    Array.isArray(r.done) &&
    r.done.every((d) => typeof d === 'string') &&
    typeof r.completed === 'boolean'
  );
}
