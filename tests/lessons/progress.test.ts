import { describe, expect, it } from 'vitest';
import { createProgressStore, PROGRESS_KEY, PROGRESS_VERSION } from '../../src/lessons/progress';

/** A Storage kept in a Map, as the browser's behaves; `failWrites` makes setItem throw (quota, revoked). */
function memoryStorage(initial: Record<string, string> = {}, failWrites = false): Storage {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    clear: () => {
      map.clear();
    },
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => {
      map.delete(k);
    },
    setItem: (k, v) => {
      if (failWrites) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
  };
}

describe('lesson progress', () => {
  it('is saved per lesson and read back by a later visit', () => {
    const storage = memoryStorage();
    const first = createProgressStore(storage);
    expect(first.available).toBe(true);
    expect(first.notice).toBeNull();
    expect(first.get('topologies')).toBeNull();
    first.set('topologies', { step: 2, done: ['all-to-all', 'ring-loop'], completed: false });
    first.set('choosing', { step: 0, done: [], completed: true });
    const again = createProgressStore(storage);
    expect(again.get('topologies')).toEqual({ step: 2, done: ['all-to-all', 'ring-loop'], completed: false });
    expect(again.get('choosing')?.completed).toBe(true);
    again.clear('topologies');
    expect(createProgressStore(storage).get('topologies')).toBeNull();
    expect(JSON.parse(storage.getItem(PROGRESS_KEY) ?? '{}')).toMatchObject({ version: PROGRESS_VERSION });
  });

  it('resets a corrupt or outdated save with a message, never a crash', () => {
    const cases: [string, RegExp][] = [
      ['{not json', /could not be read/],
      ['null', /could not be read/],
      [JSON.stringify({ version: 0, lessons: {} }), /another version/],
      [
        JSON.stringify({ version: PROGRESS_VERSION, lessons: { a: { step: -1, done: [], completed: false } } }),
        /could not be read/,
      ],
      [
        JSON.stringify({ version: PROGRESS_VERSION, lessons: { a: { step: 1, done: [3], completed: false } } }),
        /could not be read/,
      ],
      [JSON.stringify({ version: PROGRESS_VERSION }), /could not be read/],
    ];
    for (const [text, message] of cases) {
      const storage = memoryStorage({ [PROGRESS_KEY]: text });
      const progress = createProgressStore(storage);
      expect(progress.notice).toMatch(message);
      expect(progress.notice).toMatch(/reset/);
      expect(progress.get('a')).toBeNull();
      expect(storage.getItem(PROGRESS_KEY)).toBeNull();
      progress.set('a', { step: 1, done: [], completed: false });
      expect(createProgressStore(storage).get('a')?.step).toBe(1);
    }
  });

  it('a lesson id such as __proto__ is only a key', () => {
    const storage = memoryStorage();
    createProgressStore(storage).set('__proto__', { step: 1, done: [], completed: false });
    const again = createProgressStore(storage);
    expect(again.get('__proto__')?.step).toBe(1);
    expect(again.get('toString')).toBeNull();
  });

  it('without storage, still keeps progress for the visit and says it will not be kept', () => {
    const progress = createProgressStore(null);
    expect(progress.available).toBe(false);
    expect(progress.notice).toMatch(/will not be kept/);
    progress.set('a', { step: 3, done: ['x'], completed: false });
    expect(progress.get('a')?.step).toBe(3);
  });

  it('a storage that refuses writes loses nothing in this visit', () => {
    const progress = createProgressStore(memoryStorage({}, true));
    progress.set('a', { step: 2, done: [], completed: false });
    expect(progress.get('a')?.step).toBe(2);
  });
});
