// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { URL_SETTLE_MS } from '../../src/app/UrlTracker';
import { encodeScenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';

beforeEach(() => {
  vi.useFakeTimers();
  window.scrollTo = () => undefined;
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.history.replaceState(null, '', '#');
});

/** Lets the chunks loaded on demand (the presets, the gallery) arrive, as a browser would. */
const settle = async () => {
  await act(async () => {
    await vi.dynamicImportSettled();
  });
  act(() => {
    vi.advanceTimersByTime(100);
  });
};
const open = async (hash: string) => {
  window.history.replaceState(null, '', hash);
  render(<App />);
  await settle();
};
const navigate = async (hash: string) => {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await settle();
};
const problemBox = () => document.querySelector('.app-problem-box');

describe('<App> routes', () => {
  it('opens a preset from #/lab/<id>, with its title and line', async () => {
    await open('#/lab/lww-clock-skew');
    expect(screen.getByRole('heading', { name: 'Clock skew: the older write wins' })).toBeTruthy();
    expect(screen.getByText(/Frankfurt accepted eu:1: title set "older"/)).toBeTruthy();
    expect(problemBox()).toBeNull();
  });

  it('opens the default lab with a polite, dismissable message for an unknown preset', async () => {
    await open('#/lab/no-such-scene');
    expect(problemBox()?.textContent).toMatch(/That link did not open. There is no scene “no-such-scene”/);
    expect(problemBox()?.closest('[aria-live="polite"]')).not.toBeNull();
    expect(document.querySelectorAll('g.node')).toHaveLength(3);
    expect(window.location.hash).toBe('#/lab');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(problemBox()).toBeNull();
  });

  it('says what was wrong with a truncated shared link', async () => {
    await open('#/lab?s=mll1.AAAA');
    expect(problemBox()?.textContent).toMatch(/shared link could not be read/);
    expect(problemBox()?.querySelectorAll('li').length).toBeGreaterThan(0);
  });

  it('shows the gallery, keeps the lab’s run behind it, and opens a card’s scene undoably', async () => {
    await open('#/lab');
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    await navigate('#/gallery');
    expect(screen.getByRole('heading', { name: 'Gallery', level: 1 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Gallery' }).getAttribute('aria-current')).toBe('page');
    await navigate('#/lab/merge-cart');
    expect(screen.queryByRole('heading', { name: 'Gallery' })).toBeNull();
    expect(screen.getByText(/the previous run was replaced/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByText(/title set "mine"/)).toBeTruthy();
  });

  it('keeps the address bar on the run once it rests after a change', async () => {
    await open('#/lab');
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    expect(window.location.hash).toBe('#/lab');
    act(() => {
      vi.advanceTimersByTime(URL_SETTLE_MS);
    });
    // The link encoder loads on first use (it is not part of the lab's first load).
    await vi.waitFor(() => {
      expect(window.location.hash).toMatch(/^#\/lab\?s=mll1\./);
    });
    // Off to the gallery and Back to that address: the same run stays, nothing is replaced.
    const own = window.location.hash;
    await navigate('#/gallery');
    await navigate(own);
    expect(screen.queryByText(/the previous run was replaced/)).toBeNull();
    expect(screen.getByText(/title set "x"/)).toBeTruthy();
  });

  it('opens a shared link once: Back to it later keeps the run it opened (one Undo returns the earlier run)', async () => {
    const skew = presetById('lww-clock-skew');
    if (!skew) throw new Error('preset missing');
    const link = `#/lab?s=${encodeScenario({ ...skew, title: 'Shared skew' })}`;
    await open('#/lab');
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'before' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    await navigate(link);
    expect(screen.getByRole('heading', { name: 'Shared skew' })).toBeTruthy();
    await navigate('#/gallery');
    await navigate(link);
    expect(screen.getByRole('heading', { name: 'Shared skew' })).toBeTruthy();
    // Opened once, so one Undo is back at the run before the link.
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByText(/title set "before"/)).toBeTruthy();
  });
});
