// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import { datacenters } from '../fixtures/datacenters';
import { openClusterSettings } from '../support/cluster';

const config: SimulationConfig = {
  seed: 1,
  nodes: datacenters({}, 2),
  latencyMs: 100,
  keys: { title: 'register', likes: 'counter' },
};

afterEach(cleanup);

function write(lab: HTMLElement, leader: string, value: string) {
  const form = within(lab).getByRole('form', { name: 'Write' });
  fireEvent.change(within(form).getByRole('combobox', { name: 'Leader' }), { target: { value: leader } });
  fireEvent.change(within(form).getByRole('textbox', { name: 'Value' }), { target: { value } });
  fireEvent.click(within(form).getByRole('button', { name: 'Write' }));
}

/** Cut the link, write on both sides, heal, and deliver both messages, all through the UI. */
function conflictThroughTheUi() {
  const lab = document.body;
  const toggleLink = () => {
    act(() => {
      lab.querySelector('g.link')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
  };
  toggleLink();
  write(lab, 'eu', 'A');
  write(lab, 'us', 'B');
  toggleLink();
  fireEvent.click(screen.getByRole('button', { name: 'Next delivery' }));
  fireEvent.click(screen.getByRole('button', { name: 'Next delivery' }));
}

describe('<MultiLeaderLab>', () => {
  it('keeps two labs on one page apart: a write in one never shows in the other', () => {
    render(
      <>
        <div data-testid="one">
          <MultiLeaderLab config={config} />
        </div>
        <div data-testid="two">
          <MultiLeaderLab config={config} />
        </div>
      </>,
    );
    const one = screen.getByTestId('one');
    const two = screen.getByTestId('two');
    write(one, 'eu', 'only here');
    expect(within(one).getByText(/Frankfurt accepted eu:1: title set "only here"/)).toBeTruthy();
    expect(within(two).queryByText(/accepted/)).toBeNull();
  });

  it('shows a refused write as an alert in words', () => {
    render(<MultiLeaderLab config={config} />);
    const lab = document.body;
    act(() => {
      lab.querySelectorAll<SVGGElement>('g.node')[0]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Crash' }));
    write(lab, 'eu', 'x');
    expect(screen.getByRole('alert').textContent).toMatch(
      /Frankfurt has crashed: it accepts no writes until it recovers/,
    );
  });

  it('steps to the next delivery and counts a lost write after a conflict', () => {
    render(<MultiLeaderLab config={config} />);
    conflictThroughTheUi();
    expect(screen.getByText('Lost writes:').textContent).toMatch(/1/);
    expect(screen.getByText(/title: converged/)).toBeTruthy();
  });

  it('switches strategy and re-runs the same history', () => {
    render(<MultiLeaderLab config={config} />);
    const picker = screen.getByRole('combobox', { name: 'Conflict resolution' });
    fireEvent.change(picker, { target: { value: 'merge' } });
    expect((picker as HTMLSelectElement).value).toBe('merge');
  });
});

describe('<MultiLeaderLab> cluster controls', () => {
  it('adds leaders, switches topology and starts a new run, keeping the strategy', async () => {
    render(<MultiLeaderLab config={config} />);
    await openClusterSettings();
    fireEvent.change(screen.getByRole('combobox', { name: 'Conflict resolution' }), { target: { value: 'merge' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Leaders' }), { target: { value: '5' } });
    expect(document.querySelectorAll('g.node')).toHaveLength(5);
    expect(document.querySelectorAll('g.link')).toHaveLength(10);
    fireEvent.change(screen.getByRole('combobox', { name: 'Topology' }), { target: { value: 'star' } });
    expect(document.querySelectorAll('g.link')).toHaveLength(4);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Conflict resolution' }).value).toBe('merge');
    fireEvent.change(screen.getByRole('combobox', { name: 'Leaders' }), { target: { value: '2' } });
    expect(document.querySelectorAll('g.node')).toHaveLength(2);
  });

  it('refuses OT on a ring of three in words, and keeps the current run', async () => {
    render(<MultiLeaderLab config={{ ...config, nodes: [...config.nodes, { id: 'ap', label: 'Tokyo' }] }} />);
    await openClusterSettings();
    fireEvent.change(screen.getByRole('combobox', { name: 'Topology' }), { target: { value: 'ring' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Conflict resolution' }), { target: { value: 'ot' } });
    expect(screen.getByRole('alert').textContent).toMatch(/needs a central server/);
    expect(document.querySelectorAll('g.node')).toHaveLength(3);
  });
});

describe('<MultiLeaderLab> lost-writes count', () => {
  it('is counted afresh when a strategy re-runs the history', () => {
    render(<MultiLeaderLab config={config} />);
    conflictThroughTheUi();
    expect(screen.getByText('Lost writes:').textContent).toMatch(/1/);
    fireEvent.change(screen.getByRole('combobox', { name: 'Conflict resolution' }), { target: { value: 'merge' } });
    expect(screen.getByText('Lost writes:').textContent).toMatch(/0/);
  });
});

describe('<MultiLeaderLab onReady>', () => {
  it('hands over the actions once, even under StrictMode’s double effects', () => {
    const calls: unknown[] = [];
    render(
      <StrictMode>
        <MultiLeaderLab config={config} onReady={(actions) => calls.push(actions)} />
      </StrictMode>,
    );
    expect(calls).toHaveLength(1);
  });
});

describe('<MultiLeaderLab> with a scenario the model refuses', () => {
  it('says why in words instead of breaking the page', () => {
    render(
      <MultiLeaderLab
        config={{ ...config, strategy: { kind: 'ot' }, nodes: [...config.nodes, { id: 'ap' }] }}
        title="Broken lab"
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Broken lab cannot start this scenario/);
    expect(alert.textContent).toMatch(/three or more leaders|star|hub/i);
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
  });

  it('names a bad field of the scenario', () => {
    render(<MultiLeaderLab config={{ ...config, nodes: [] }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/nodes/i);
  });
});

describe('<MultiLeaderLab> links panel', () => {
  it('cuts and heals a link and sets its own latency, said in the log', () => {
    render(<MultiLeaderLab config={config} />);
    fireEvent.click(screen.getByText(/^Links:/));
    const links = screen.getByRole('region', { name: 'Links' });
    fireEvent.click(within(links).getByRole('button', { name: 'Cut Frankfurt–Virginia' }));
    expect(within(links).getByText('Frankfurt–Virginia: cut')).toBeTruthy();
    expect(screen.getByText(/Link Frankfurt–Virginia cut/)).toBeTruthy();
    fireEvent.click(within(links).getByRole('button', { name: 'Heal Frankfurt–Virginia' }));
    const slider = within(links).getByRole('slider', { name: 'Latency of Frankfurt–Virginia, ms' });
    // Dragging shows each value at once, and sends only the one it rests on: one command, one line.
    fireEvent.change(slider, { target: { value: '2000' } });
    fireEvent.change(slider, { target: { value: '3000' } });
    expect(within(links).getByText(/Latency 3000 ms/)).toBeTruthy();
    expect(screen.queryByText(/latency set to/)).toBeNull();
    fireEvent.blur(slider);
    expect(screen.getByText(/Link Frankfurt–Virginia latency set to 3000 ms/)).toBeTruthy();
    expect(screen.queryByText(/latency set to 2000/)).toBeNull();
  });
});

describe('<MultiLeaderLab> twice on one page', () => {
  it('gives each ring its own arrowhead id, and titled labs distinct landmark names', () => {
    const ring = {
      ...config,
      nodes: [...config.nodes, { id: 'ap', label: 'Tokyo' }],
      topology: { kind: 'ring' } as const,
    };
    render(
      <>
        <MultiLeaderLab config={ring} title="First" />
        <MultiLeaderLab config={ring} title="Second" />
      </>,
    );
    const markers = [...document.querySelectorAll('marker')].map((m) => m.id);
    expect(markers).toHaveLength(2);
    expect(new Set(markers).size).toBe(2);
    for (const id of markers) expect(document.querySelectorAll(`[marker-end="url(#${id})"]`).length).toBe(3);
    expect(screen.getAllByRole('region', { name: /^Event log/ }).map((r) => r.getAttribute('aria-label'))).toEqual([
      'Event log — First',
      'Event log — Second',
    ]);
  });
});
