import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../src/app/routes';

describe('parseRoute', () => {
  it('reads the landing page, the free lab, a preset, a shared run and the gallery', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(formatRoute({ page: 'home' })).toBe('#/');
    expect(parseRoute('#/lab')).toEqual({ page: 'lab' });
    expect(parseRoute('#/lab/')).toEqual({ page: 'lab' });
    expect(parseRoute('#/lab/lww-clock-skew')).toEqual({ page: 'lab', preset: 'lww-clock-skew' });
    expect(parseRoute('#/lab?s=AbC-_1')).toEqual({ page: 'lab', shared: 'AbC-_1' });
    expect(parseRoute('#/gallery')).toEqual({ page: 'gallery' });
    expect(parseRoute('#/gallery/')).toEqual({ page: 'gallery' });
  });

  it('keeps a shared run’s text as it was, percent-decoded by a chat tool or not', () => {
    expect(parseRoute('#/lab?s=a%2Bb')).toEqual({ page: 'lab', shared: 'a+b' });
    expect(parseRoute('#/lab?s=a+b')).toEqual({ page: 'lab', shared: 'a+b' });
    expect(parseRoute('#/lab?x=1&s=q')).toEqual({ page: 'lab', shared: 'q' });
  });

  it('turns what it cannot read into the default lab and a sentence', () => {
    const problem = (hash: string) => {
      const r = parseRoute(hash);
      expect(r.page).toBe('lab');
      return 'problem' in r ? r.problem : '';
    };
    expect(problem('#/lab?s=')).toMatch(/empty/);
    expect(parseRoute('#/labs')).toEqual({ page: 'lab', problem: 'The app has no page “/labs”.' });
    expect(problem('#/lab/%E0%A4%A')).toMatch(/cannot read/);
    expect(problem('#/lab/a b')).toMatch(/“a b”/);
    const long = parseRoute(`#/${'x'.repeat(500)}`);
    expect('problem' in long && long.problem.length).toBeLessThan(80);
  });

  it('never throws, whatever the hash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (hash) => {
        const route = parseRoute(hash);
        expect(['home', 'lab', 'gallery', 'lessons', 'lesson']).toContain(route.page);
      }),
    );
  });
});

describe('lesson routes', () => {
  it('reads a lesson, its 1-based step, and a teacher’s address', () => {
    expect(parseRoute('#/lessons')).toEqual({ page: 'lessons' });
    expect(parseRoute('#/lesson/topologies/2')).toEqual({ page: 'lesson', lesson: 'topologies', step: 2 });
    expect(parseRoute('#/lesson/topologies')).toEqual({ page: 'lesson', lesson: 'topologies' });
    expect(parseRoute('#/lesson?src=https%3A%2F%2Fex.org%2Fa.json&step=3')).toEqual({
      page: 'lesson',
      src: 'https://ex.org/a.json',
      step: 3,
    });
  });

  it('opens the lab with a problem for a step or lesson it cannot read', () => {
    for (const hash of [
      '#/lesson/topologies/0',
      '#/lesson/topologies/x',
      '#/lesson/a b/1',
      '#/lesson?src=',
      '#/lesson?src=a&step=-1',
    ]) {
      const route = parseRoute(hash);
      expect(route.page).toBe('lab');
      expect('problem' in route && route.problem.length).toBeGreaterThan(10);
    }
  });
});

describe('formatRoute', () => {
  it('writes the hash each route is read from', () => {
    const routes: Route[] = [
      { page: 'lab' },
      { page: 'gallery' },
      { page: 'lab', preset: 'ot-two-editors' },
      { page: 'lab', shared: 'N4Ig-_x' },
      { page: 'lessons' },
      { page: 'lesson', lesson: 'topologies' },
      { page: 'lesson', lesson: 'topologies', step: 3 },
      { page: 'lesson', src: 'https://example.org/my lesson.json?x=1&y=2' },
      { page: 'lesson', src: 'https://example.org/l.json', step: 2 },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ page: 'lab', shared: 'abc' })).toBe('#/lab?s=abc');
  });

  it('round-trips any URL-safe shared text and any preset id', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/), (text) => {
        expect(parseRoute(formatRoute({ page: 'lab', shared: text }))).toEqual({ page: 'lab', shared: text });
        if (text.length <= 64)
          expect(parseRoute(formatRoute({ page: 'lab', preset: text }))).toEqual({ page: 'lab', preset: text });
      }),
    );
  });
});
