// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS, SettledSlider } from '../../src/view/SettledSlider';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('<SettledSlider>', () => {
  it('shows each value as it moves and commits once, when it has rested', () => {
    vi.useFakeTimers();
    const commits: number[] = [];
    render(
      <SettledSlider
        value={0}
        min={0}
        max={1000}
        step={50}
        label={(v) => `Latency ${String(v)} ms`}
        onCommit={(v) => commits.push(v)}
      />,
    );
    const slider = screen.getByRole('slider', { name: /Latency/ });
    fireEvent.change(slider, { target: { value: '100' } });
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS - 1);
    });
    fireEvent.change(slider, { target: { value: '150' } });
    expect(screen.getByText('Latency 150 ms')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS - 1);
    });
    expect(commits).toEqual([]);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(commits).toEqual([150]);
    // Let go with nothing pending: nothing more is sent.
    fireEvent.pointerUp(slider);
    expect(commits).toEqual([150]);
  });
});

describe('<SettledSlider> when it goes away', () => {
  it('sends a value still settling when it unmounts, to the commit it was set with', () => {
    vi.useFakeTimers();
    const commits: string[] = [];
    const { rerender, unmount } = render(
      <SettledSlider
        value={0}
        min={0}
        max={1000}
        step={50}
        label={() => 'L'}
        onCommit={(v) => commits.push(`a ${String(v)}`)}
      />,
    );
    fireEvent.change(screen.getByRole('slider'), { target: { value: '200' } });
    rerender(
      <SettledSlider
        value={0}
        min={0}
        max={1000}
        step={50}
        label={() => 'L'}
        onCommit={(v) => commits.push(`b ${String(v)}`)}
      />,
    );
    unmount();
    expect(commits).toEqual(['a 200']);
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS);
    });
    expect(commits).toEqual(['a 200']);
  });
});
