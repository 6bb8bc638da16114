// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { PROGRESS_KEY } from '../../src/lessons/progress';

beforeEach(() => {
  window.scrollTo = () => undefined;
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '#');
});

/** Open the app at `hash` and let its lazily loaded lesson pages arrive. */
async function open(hash: string) {
  window.history.replaceState(null, '', hash);
  render(<App />);
  await act(async () => {
    await import('../../src/app/LessonPages');
  });
}

async function openFile(text: string) {
  const input = document.querySelector<HTMLInputElement>('.app-lessons input[type=file]');
  if (!input) throw new Error('no file input');
  const file = new File([text], 'my-lesson.json', { type: 'application/json' });
  act(() => {
    fireEvent.change(input, { target: { files: [file] } });
  });
  await waitFor(() => {
    expect(
      document.querySelector('.app-problem-box') ?? (window.location.hash === '#/lesson/mine/1' || null),
    ).toBeTruthy();
  });
}

describe('the course menu', () => {
  it('lists every lesson with its minutes, steps and progress, and says when a save was reset', async () => {
    localStorage.setItem(PROGRESS_KEY, '{broken');
    await open('#/lessons');
    expect(screen.getByRole('heading', { level: 1, name: 'Lessons' })).toBeTruthy();
    const cards = screen.getAllByRole('article');
    expect(cards.length).toBe(7);
    expect(cards[0]?.textContent).toMatch(/\d min · \d steps · Not started/);
    expect(screen.getByText(/saved lesson progress could not be read, so it was reset/)).toBeTruthy();
  });

  it('“Open lesson…” lists a broken file’s problems by step and path, in words', async () => {
    await open('#/lessons');
    const broken = {
      id: 'mine',
      title: 'Mine',
      summary: 'x',
      minutes: 2,
      steps: [{ id: 'a', title: 'A', concepts: ['lww'], text: 'x', scenario: 'nope' }],
    };
    await openFile(JSON.stringify(broken));
    const box = screen.getByRole('group', { name: /This lesson did not open/ });
    expect(within(box).getByText(/my-lesson\.json has 1 problem/)).toBeTruthy();
    expect(box.textContent).toMatch(/Step 1, at scenario \(steps\[0\]\.scenario\): there is no preset "nope"/);
  });

  it('“Open lesson…” opens a valid file at its first step, its text kept as text', async () => {
    await open('#/lessons');
    const mine = {
      id: 'mine',
      title: 'Mine',
      summary: 'x',
      minutes: 2,
      steps: [{ id: 'a', title: 'First step', concepts: ['lww'], text: '<b>not bold</b>', scenario: 'lww-clock-skew' }],
    };
    await openFile(JSON.stringify(mine));
    await act(async () => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(window.location.hash).toBe('#/lesson/mine/1');
    expect(screen.getByRole('heading', { level: 2, name: 'First step' })).toBeTruthy();
    expect(screen.getByText('<b>not bold</b>')).toBeTruthy();
    expect(document.querySelector('.lesson-text b')).toBeNull();
  });

  it('an unknown lesson id says so, with the way back', async () => {
    await open('#/lesson/no-such-lesson/1');
    expect(screen.getByRole('heading', { name: 'No such lesson' })).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Lessons' })).toBeTruthy();
  });
});
