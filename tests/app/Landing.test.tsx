// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';

beforeEach(() => {
  vi.useFakeTimers();
  window.scrollTo = () => undefined;
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.history.replaceState(null, '', '#');
});

const open = (hash: string) => {
  window.history.replaceState(null, '', hash);
  render(<App />);
  act(() => {
    vi.advanceTimersByTime(100);
  });
};
const navigate = (hash: string) => {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
};
const hint = () => screen.queryByRole('complementary', { name: 'Getting started' });
const write = (value: string) => {
  fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Write' }));
};

describe('landing page', () => {
  it('greets a newcomer at #/ with the course, the free lab and the gallery', async () => {
    for (const hash of ['#/', '#']) {
      open(hash);
      // The course's line loads after first paint.
      await act(async () => {
        await import('../../src/app/CourseTeaser');
      });
      expect(screen.getByRole('heading', { level: 1, name: /Learn multi-leader replication/ })).toBeTruthy();
      const ways = screen.getByRole('heading', { name: 'Lessons' }).closest('ul') as HTMLElement;
      expect(within(ways).getByRole('link', { name: 'Lessons' }).getAttribute('href')).toBe('#/lessons');
      expect(
        within(ways)
          .getByRole('link', { name: /Start with/ })
          .getAttribute('href'),
      ).toBe('#/lesson/why-several-leaders/1');
      expect(within(ways).getByRole('link', { name: 'Free lab' }).getAttribute('href')).toBe('#/lab');
      expect(within(ways).getByRole('link', { name: 'Scenario gallery' }).getAttribute('href')).toBe('#/gallery');
      // The lab waits behind it, hidden, with the brand link marked as the page shown.
      expect(screen.getByRole('link', { name: 'Multi-Leader Lab' }).getAttribute('aria-current')).toBe('page');
      expect(screen.queryByRole('form', { name: /write/i })).toBeNull();
      cleanup();
    }
  });

  it('goes to the lab from the landing page', () => {
    open('#/');
    navigate('#/lab');
    expect(screen.queryByRole('heading', { level: 1, name: /Learn multi-leader/ })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Value' })).toBeTruthy();
  });
});

describe('first-run hint', () => {
  it('says what to do first, and goes for good after the first write (a reset does not bring it back)', () => {
    open('#/lab');
    expect(hint()?.textContent).toMatch(/Write a value on a leader to begin/);
    write('hello');
    expect(hint()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(hint()).toBeNull();
  });

  it('can be dismissed without writing', () => {
    open('#/lab');
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(hint()).toBeNull();
  });

  it('is not shown over a scene that already has writes', () => {
    open('#/lab/lww-clock-skew');
    expect(hint()).toBeNull();
  });
});

describe('phone bar', () => {
  it('plays and pauses, and takes the reader to the write form', () => {
    open('#/lab');
    const bar = screen.getByRole('group', { name: 'Quick controls' });
    const play = within(bar).getByRole('button', { name: 'Play' });
    fireEvent.click(play);
    expect(within(bar).getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    const scrolled = vi.fn();
    const form = document.querySelector<HTMLFormElement>('form.mll-write');
    if (!form) throw new Error('no write form');
    form.scrollIntoView = scrolled;
    fireEvent.click(within(bar).getByRole('button', { name: 'Write…' }));
    expect(scrolled).toHaveBeenCalled();
    expect(form.contains(document.activeElement)).toBe(true);
  });

  it('shows only on narrow screens, fixed at the bottom, with room left under the content', () => {
    const css = readFileSync('src/app/app-shell.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(css).toMatch(/\.app-phonebar\s*\{\s*display:\s*none;\s*\}/);
    const phone = css.slice(css.indexOf('@media (max-width: 40rem)'));
    expect(phone).toMatch(/\.app-phonebar\s*\{[^}]*display:\s*flex;[^}]*position:\s*fixed;[^}]*bottom:\s*0;/);
    expect(phone).toMatch(/\.app main\s*\{[^}]*padding-bottom:\s*4\.5rem;/);
  });
});
