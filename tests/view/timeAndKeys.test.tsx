// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore, PAUSED_WRITE_STEP_MS } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { LeaderPanel } from '../../src/view/LeaderPanel';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import { PlaybackControls } from '../../src/view/PlaybackControls';
import { SETTLE_MS } from '../../src/view/SettledSlider';
import { SpaceTimeView } from '../../src/view/spacetime/SpaceTimeView';
import { TieNotice } from '../../src/view/TieNotice';
import { WriteForm } from '../../src/view/WriteForm';
import { openClusterSettings } from '../support/cluster';

const config: SimulationConfig = {
  seed: 1,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
  ],
  latencyMs: 100,
  keys: { title: 'register' },
};

afterEach(cleanup);

function renderWith(store: LabStore, ui: React.ReactNode) {
  return render(<LabContext.Provider value={store}>{ui}</LabContext.Provider>);
}

const writes = (store: LabStore) =>
  store
    .getState()
    .sim.history()
    .filter((e) => e.type === 'write');
const titleAt = (store: LabStore, node: string) =>
  store.getState().snapshot.nodes.find((n) => n.id === node)?.keys.title?.value;

describe('one notion of "this leader"', () => {
  it('writes at the leader selected elsewhere, and the form says so', () => {
    const store = createLabStore(config);
    renderWith(
      store,
      <>
        <WriteForm />
        <LeaderPanel />
      </>,
    );
    expect(screen.getByText(/Writing at/).textContent).toBe('Writing at Frankfurt');
    // The graph selects through the store's `select`: a node selected there is the write target.
    act(() => {
      store.getState().actions.select({ kind: 'node', id: 'us' });
    });
    expect(screen.getByText(/Writing at/).textContent).toBe('Writing at Virginia');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Leader' }).value).toBe('us');
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    expect(writes(store).map((e) => e.node)).toEqual(['us']);
    // Selecting a link keeps the leader to write at.
    act(() => {
      store.getState().actions.select({ kind: 'link', id: 'eu-us' });
    });
    expect(screen.getByText(/Writing at/).textContent).toBe('Writing at Virginia');
  });

  it('writes at the leader whose lane name was clicked in the space-time diagram', async () => {
    const store = createLabStore(config);
    const { container } = renderWith(
      store,
      <>
        <WriteForm />
        <SpaceTimeView />
      </>,
    );
    const lane = (id: string) => {
      const g = [...container.querySelectorAll<SVGGElement>('.mll-spacetime g.lane')].find(
        (x) => (x as SVGGElement & { __data__?: { id: string } }).__data__?.id === id,
      );
      const text = g?.querySelector('text');
      if (!g || !text) throw new Error(`no lane ${id}`);
      return { g, text };
    };
    fireEvent.click(lane('us').text);
    expect(screen.getByText(/Writing at/).textContent).toBe('Writing at Virginia');
    expect(store.getState().selected).toEqual({ kind: 'node', id: 'us' });
    // The selected lane is marked, and the mark follows a selection made elsewhere.
    await waitFor(() => {
      expect(lane('us').g.classList.contains('selected')).toBe(true);
    });
    act(() => {
      store.getState().actions.selectLeader('eu');
    });
    expect(lane('eu').g.classList.contains('selected')).toBe(true);
    expect(lane('us').g.classList.contains('selected')).toBe(false);
  });

  it('selects the leader chosen in the form, and the leader list sets the form', () => {
    const store = createLabStore(config);
    renderWith(
      store,
      <>
        <WriteForm />
        <LeaderPanel />
      </>,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Leader' }), { target: { value: 'us' } });
    expect(store.getState().selected).toEqual({ kind: 'node', id: 'us' });
    expect(screen.getByRole('heading', { name: /Virginia/ })).toBeTruthy();
    act(() => {
      store.getState().actions.select(null);
    });
    fireEvent.click(within(screen.getByRole('group', { name: 'Leaders' })).getByRole('button', { name: /Frankfurt/ }));
    expect(store.getState().leader).toBe('eu');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Leader' }).value).toBe('eu');
  });
});

describe('time that helps', () => {
  it('gives two writes made while paused different timestamps', () => {
    const store = createLabStore(config);
    const { actions } = store.getState();
    actions.write('eu', 'title', { type: 'set', value: 'A' });
    actions.write('us', 'title', { type: 'set', value: 'B' });
    const [a, b] = writes(store);
    expect(a?.at).toBe(0);
    expect(b?.at).toBe(PAUSED_WRITE_STEP_MS);
    expect(b?.stamp.physical).toBeGreaterThan(a?.stamp.physical ?? Infinity);
    store.getState().actions.step();
    store.getState().actions.step();
    // The later write wins by time, not by a tie rule.
    expect(titleAt(store, 'eu')).toBe('B');
  });

  it('announces a real tie (equal timestamps, through clock skew) with the rule and both ids', () => {
    const store = createLabStore(config);
    renderWith(store, <TieNotice />);
    act(() => {
      store.getState().actions.run((sim) => {
        sim.write('eu', 'title', { type: 'set', value: 'A' });
        sim.advance(50);
        sim.setClockSkew('us', -50);
        sim.write('us', 'title', { type: 'set', value: 'B' });
        sim.runUntilQuiescent();
      });
    });
    const text = document.querySelector('.mll-tie')?.textContent ?? '';
    expect(text).toMatch(/A tie on title/);
    expect(text).toMatch(/Frankfurt \(id eu\)/);
    expect(text).toMatch(/Virginia \(id us\)/);
    expect(text).toMatch(/"higher-node-id"/);
    expect(document.querySelector('.mll-tie')?.getAttribute('aria-live')).toBe('polite');
    act(() => {
      store.getState().actions.reset();
    });
    expect(document.querySelector('.mll-tie')?.textContent).toBe('');
  });

  it('steps back with Previous, and the timeline’s arrows go from event to event', () => {
    const store = createLabStore(config);
    renderWith(store, <PlaybackControls />);
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'A' });
    });
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    const delivery = store.getState().snapshot.time;
    expect(delivery).toBeGreaterThanOrEqual(100);
    expect(titleAt(store, 'us')).toBe('A');
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    expect(store.getState().snapshot.time).toBe(0);
    expect(titleAt(store, 'us')).toBeNull();
    // The recorded future is still there: forward again, then back with the button.
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(store.getState().snapshot.time).toBe(delivery);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(store.getState().snapshot.time).toBe(0);
    expect(store.getState().undoDepth).toBe(0);
  });
});

describe('nothing lost by accident', () => {
  const finished = () => {
    render(<MultiLeaderLab config={config} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next delivery' }));
  };
  const notice = () => document.querySelector('.mll-notice')?.textContent ?? '';
  const log = () => screen.getByRole('log').textContent;

  it('one arrow key on the latency slider says the run restarted and offers it back', async () => {
    finished();
    await openClusterSettings();
    vi.useFakeTimers();
    try {
      const slider = screen.getByRole('slider', { name: /^Latency \d+ ms/ });
      fireEvent.change(slider, { target: { value: '200' } });
      act(() => {
        vi.advanceTimersByTime(SETTLE_MS + 10);
      });
      expect(notice()).toMatch(/Cluster changed/);
      expect(log()).not.toMatch(/Frankfurt/);
      fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
      expect(notice()).toMatch(/previous run is back/);
      expect(log()).toMatch(/Frankfurt/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writing after scrubbing back says the recorded future went, and Undo brings it back', () => {
    finished();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    expect(notice()).toMatch(/replaced the recorded future/);
    const slider = () => screen.getByRole('slider', { name: /^t = / }).getAttribute('aria-valuetext');
    expect(slider()).toBe(`${String(PAUSED_WRITE_STEP_MS)} ms of ${String(PAUSED_WRITE_STEP_MS)} ms`);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(slider()).toBe('0 ms of 100 ms');
  });

  it('a strategy switch keeps every command and the recorded future (nothing to undo)', () => {
    finished();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    const before = screen.getByRole('slider', { name: /^t = / }).getAttribute('aria-valuetext');
    fireEvent.change(screen.getByRole('combobox', { name: 'Conflict resolution' }), { target: { value: 'merge' } });
    expect(screen.getByRole('slider', { name: /^t = / }).getAttribute('aria-valuetext')).toBe(before);
    expect(notice()).toBe('');
  });

  it('Reset says so and can be undone', () => {
    finished();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(notice()).toMatch(/reset/);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(log()).toMatch(/Frankfurt/);

    // Undo left the reset run: a mistaken Undo is itself undone with Redo (or Ctrl+Shift+Z).
    fireEvent.click(screen.getByRole('button', { name: 'Redo' }));
    expect(log()).not.toMatch(/Frankfurt/);
    expect(notice()).toMatch(/undone run is back/);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Reset' }), { key: 'z', ctrlKey: true });
    expect(log()).toMatch(/Frankfurt/);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Reset' }), { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(log()).not.toMatch(/Frankfurt/);
    // A new change forgets what could be redone.
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.queryByRole('button', { name: 'Redo' })).toBeNull();
  });
});

describe('keyboard', () => {
  it('Space plays and pauses, but not in a text field; digits select a leader; X cuts its links', () => {
    render(<MultiLeaderLab config={config} />);
    const play = screen.getByRole('button', { name: 'Play' });
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(play.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(screen.getByRole('log'), { key: ' ' });
    expect(play.getAttribute('aria-pressed')).toBe('false');
    const field = screen.getByRole('textbox', { name: 'Value' });
    fireEvent.keyDown(field, { key: ' ' });
    expect(play.getAttribute('aria-pressed')).toBe('false');
    fireEvent.keyDown(document.body, { key: '2' });
    expect(screen.getByText(/Writing at/).textContent).toBe('Writing at Virginia');
    fireEvent.keyDown(document.body, { key: 'x' });
    expect(screen.getByRole('button', { name: /Heal/ })).toBeTruthy();
    fireEvent.change(field, { target: { value: 'old' } });
    fireEvent.keyDown(document.body, { key: 'w' });
    expect(document.activeElement).toBe(field);
    // Selected, so typing replaces the last value.
    expect([(field as HTMLInputElement).selectionStart, (field as HTMLInputElement).selectionEnd]).toEqual([0, 3]);
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(document.activeElement).not.toBe(field);
  });

  it('leaves the page’s keys alone while the lab is hidden (another page shows)', () => {
    render(
      <div hidden>
        <MultiLeaderLab config={config} />
      </div>,
    );
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    document.body.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(false);
    expect(document.querySelector('.mll-playback button')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('arrows in the lab step from event to event', () => {
    render(<MultiLeaderLab config={config} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    const log = screen.getByRole('log');
    fireEvent.keyDown(log, { key: 'ArrowRight' });
    expect(screen.getByText(/^t = /).textContent).toBe('t = 100 ms');
    fireEvent.keyDown(log, { key: 'ArrowLeft' });
    expect(screen.getByText(/^t = /).textContent).toBe('t = 0 ms');
  });

  it('leaves the arrows to a focused region that scrolls sideways (a wide table), not the timeline', () => {
    render(<MultiLeaderLab config={config} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    const log = screen.getByRole('log');
    // jsdom lays nothing out: give the log the sizes of a region wider than its box. Unmarked,
    // it keeps stepping through time (the event log overflows by a pixel or two in a browser).
    Object.defineProperty(log, 'scrollWidth', { configurable: true, value: 600 });
    Object.defineProperty(log, 'clientWidth', { configurable: true, value: 300 });
    fireEvent.keyDown(log, { key: 'ArrowRight' });
    expect(screen.getByText(/^t = /).textContent).toBe('t = 100 ms');
    // Marked as a sideways-scrolling region (as the comparison table is), it keeps its arrows.
    log.dataset.arrows = 'scroll';
    fireEvent.keyDown(log, { key: 'ArrowRight' });
    expect(screen.getByText(/^t = /).textContent).toBe('t = 100 ms');
  });

  it('? opens a modal list of the shortcuts that keeps focus inside and closes on Escape', async () => {
    render(<MultiLeaderLab config={config} />);
    const opener = screen.getByRole('button', { name: 'Keys (?)' });
    opener.focus();
    fireEvent.keyDown(opener, { key: '?' });
    // The dialog's module loads on first opening.
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText('Space')).toBeTruthy();
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    // Space in the dialog does not start time behind it.
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('the event log is a log region', () => {
    render(<MultiLeaderLab config={config} />);
    const log = screen.getByRole('log', { name: 'Events, newest first' });
    expect(log.tabIndex).toBe(0);
    expect(within(log).getByRole('list')).toBeTruthy();
  });
});
