// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';
import { COMPARED_STRATEGIES } from '../../src/scenario/compare';
import type { LabActions } from '../../src/store/labStore';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Replaying a history under five strategies takes a few seconds on a loaded machine. */
const WAIT = { timeout: 10_000 };

function preset(id: string): Scenario {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

describe('Compare strategies', () => {
  it('opens a region named "Compare strategies" with a row per strategy, its values and lost writes', async () => {
    render(<MultiLeaderLab scenario={preset('lww-clock-skew')} />);
    expect(screen.queryByRole('region', { name: 'Compare strategies' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    expect(within(region).getByRole('status').textContent).toMatch(/Comparing…/);
    await waitFor(() => {
      expect(within(region).getAllByRole('row')).toHaveLength(1 + COMPARED_STRATEGIES.length);
    }, WAIT);
    await waitFor(() => {
      expect(within(region).getByRole('status').textContent).not.toMatch(/Comparing/);
    }, WAIT);
    const table = within(region).getByRole('table', { name: /writes each strategy lost/ });
    const rowOf = (label: string) => within(table).getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
    const physical = rowOf('Last write wins (physical clock)');
    expect(physical.textContent).toContain('"older"');
    expect(physical.textContent).toContain('Virginia writes title = "newer": clock skew');
    expect(rowOf('Merge values').textContent).toContain('"newer/older"');
    expect(rowOf('Merge values').textContent).toContain('None');
    expect(rowOf('Custom on read (siblings)').textContent).toMatch(/\+1 sibling kept/);
    // The lost-write count column: 1, 1, 0, 0, 0.
    const counts = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.mll-compare-count')?.textContent);
    expect(counts).toEqual(['1', '1', '0', '0', '0']);
    fireEvent.click(within(region).getByRole('button', { name: 'Close comparison' }));
    expect(screen.queryByRole('region', { name: 'Compare strategies' })).toBeNull();
  });

  it('computes one strategy per slice, so the page can repaint in between', async () => {
    vi.useFakeTimers();
    render(<MultiLeaderLab scenario={preset('trade-offs')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    expect(within(region).queryByRole('table')).toBeNull();
    // The comparer loads on the first comparison (its own chunk).
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    expect(within(region).queryByRole('table')).toBeNull();
    act(() => {
      vi.advanceTimersToNextTimer();
    });
    expect(within(region).getAllByRole('row')).toHaveLength(2);
    expect(within(region).getByRole('status').textContent).toBe('Comparing… (1 of 5)');
    // The lab's own timers (its animation loop) run too: step until the comparison is done.
    for (let i = 0; i < 100 && within(region).getAllByRole('row').length < 6; i++) {
      act(() => {
        vi.advanceTimersToNextTimer();
      });
    }
    expect(within(region).getAllByRole('row')).toHaveLength(6);
    expect(within(region).getByRole('status').textContent).toMatch(/replayed under 5 strategies/);
  });

  it('says when the history has moved on since the comparison', async () => {
    let lab: LabActions | undefined;
    render(
      <MultiLeaderLab
        scenario={preset('lww-clock-skew')}
        onReady={(a) => {
          lab = a;
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
    const status = within(screen.getByRole('region', { name: 'Compare strategies' })).getByRole('status');
    await waitFor(() => {
      expect(status.textContent).toMatch(/replayed under 5 strategies/);
    }, WAIT);
    act(() => {
      lab?.write('ap', 'title', { type: 'set', value: 'later' });
    });
    expect(status.textContent).toMatch(/history has changed/);
  });

  it('is hidden when the controls say so', () => {
    render(<MultiLeaderLab scenario={preset('lww-clock-skew')} controls={{ compare: false }} />);
    expect(screen.queryByRole('button', { name: 'Compare strategies' })).toBeNull();
  });
});

describe('Compare strategies on a long history', () => {
  it('lists ten lost writes per strategy and counts the rest by reason', async () => {
    const scenario = preset('lww-clock-skew');
    // Fifteen rounds, each a concurrent write on Frankfurt and Virginia: one of each pair is
    // lost (a write on one leader after its own earlier one is an overwrite, never a loss).
    const commands = Array.from({ length: 30 }, (_, i) => ({
      at: 3000 + Math.floor(i / 2) * 3000,
      type: 'write' as const,
      node: i % 2 === 0 ? 'eu' : 'us',
      key: 'title',
      op: { type: 'set' as const, value: `v${String(i)}` },
    }));
    render(
      <MultiLeaderLab
        scenario={{ ...scenario, commands: [...scenario.commands, ...commands], at: undefined }}
        controls={{ spacetime: false }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    await waitFor(() => {
      expect(within(region).getByRole('status').textContent).toMatch(/replayed under 5 strategies/);
    }, WAIT);
    const physical = within(region).getByRole('rowheader', { name: 'Last write wins (physical clock)' }).closest('tr');
    const lost = Number(physical?.querySelector('.mll-compare-count')?.textContent);
    expect(lost).toBeGreaterThan(10);
    expect(physical?.querySelectorAll('details')).toHaveLength(10);
    expect(physical?.textContent).toContain(`and ${String(lost - 10)} more (`);
  });
});
