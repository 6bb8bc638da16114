import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Announcer } from '../src/view/Announcer';
import { ClusterControls } from '../src/view/ClusterControls';
import { ConvergencePanel } from '../src/view/ConvergencePanel';
import { EventLog } from '../src/view/EventLog';
import { LeaderPanel } from '../src/view/LeaderPanel';
import { LinkPanel } from '../src/view/LinkPanel';
import { PlaybackControls } from '../src/view/PlaybackControls';
import { StrategyPicker } from '../src/view/StrategyPicker';
import { TopologyGraph } from '../src/view/TopologyGraph';
import { conflict, partitionedTitles, threeDatacenters, withLab } from './support/withLab';

/**
 * The lab's controls and panels, each in its main states. Every play function checks what a
 * learner sees or hears (a screen reader's live region), never the store behind it.
 */
const meta = { title: 'Components/Controls' } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

// ClusterControls

export const ClusterDefault: Story = {
  render: () => (
    <>
      <ClusterControls />
      <TopologyGraph />
    </>
  ),
  decorators: [withLab()],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByRole<HTMLSelectElement>('combobox', { name: 'Leaders' }).value).toBe('3');
    await expect(ui.getByRole<HTMLSelectElement>('combobox', { name: 'Topology' }).value).toBe('all-to-all');
    await expect(ui.getByText('Latency 1200 ms')).toBeTruthy();
    await expect(ui.getByRole('group', { name: /^Topology: 3 leaders, all-to-all topology/ })).toBeTruthy();
  },
};

export const ClusterRingOfFive: Story = {
  render: () => (
    <>
      <ClusterControls />
      <TopologyGraph />
    </>
  ),
  decorators: [withLab()],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Leaders' }), '5');
    await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Topology' }), 'ring');
    await expect(ui.getByRole('group', { name: /^Topology: 5 leaders, ring topology/ })).toBeTruthy();
    await expect(canvasElement.querySelectorAll('g.node')).toHaveLength(5);
    await expect(canvasElement.querySelectorAll('g.link')).toHaveLength(5);
    const leaders = [...canvasElement.querySelectorAll('g.node')].map((g) => g.getAttribute('aria-label') ?? '');
    await expect(leaders.filter((l) => /^(São Paulo|Sydney) \(/.test(l))).toHaveLength(2);
  },
};

// StrategyPicker

export const StrategyLwwWithOptions: Story = {
  render: () => <StrategyPicker />,
  decorators: [withLab({ ...threeDatacenters, strategy: { kind: 'lww', clock: 'hlc', tieBreak: 'larger-value' } })],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByRole<HTMLSelectElement>('combobox', { name: 'Conflict resolution' }).value).toBe('lww');
    await expect(ui.getByRole('combobox', { name: 'Clock' })).toHaveDisplayValue('hybrid logical clock');
    await expect(ui.getByRole('combobox', { name: 'On a tie' })).toHaveDisplayValue('larger value wins (Cassandra)');
    await expect(ui.queryByRole('combobox', { name: 'Sets' })).toBeNull();
  },
};

export const StrategyCrdtWithOptions: Story = {
  render: () => <StrategyPicker />,
  decorators: [withLab({ ...threeDatacenters, strategy: { kind: 'crdt', set: '2p-set' } })],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByRole('combobox', { name: 'Conflict resolution' })).toHaveDisplayValue('CRDTs');
    await expect(ui.getByRole('combobox', { name: 'Sets' })).toHaveDisplayValue('removed for good (2P-set)');
    await expect(ui.getByRole('combobox', { name: 'Registers' })).toHaveDisplayValue(
      'keep every concurrent value (MV)',
    );
    await expect(ui.queryByRole('combobox', { name: 'Clock' })).toBeNull();
  },
};

/** The same partition replayed under another strategy: last write wins lost a write, merging keeps both. */
export const StrategySwitchReRunsTheHistory: Story = {
  render: () => (
    <>
      <StrategyPicker />
      <ConvergencePanel />
      <EventLog />
    </>
  ),
  decorators: [withLab(threeDatacenters, conflict)],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const lost = () => ui.getByText(/Lost writes:/).textContent;
    await expect(lost()).toBe('Lost writes: 1');
    await expect(ui.getAllByText(/Discarded: eu:1/).length).toBeGreaterThan(0);
    await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Conflict resolution' }), 'merge');
    await expect(lost()).toBe('Lost writes: 0');
    await expect(ui.queryByText(/Discarded:/)).toBeNull();
    await expect(ui.getAllByText(/"from Frankfurt\/from Virginia"/).length).toBeGreaterThan(0);
    await expect(ui.getByText(/title: converged/)).toBeTruthy();
  },
};

// Announcer

/** One sentence per change, within about a second; the story shortens the settling time. */
export const AnnouncerSaysAConflict: Story = {
  render: () => (
    <>
      <Announcer settleMs={150} />
      <PlaybackControls />
      <EventLog />
    </>
  ),
  decorators: [withLab(threeDatacenters, partitionedTitles)],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const status = ui.getByRole('status');
    await expect(status.getAttribute('aria-live')).toBe('polite');
    // Deliver one message at a time until a leader sees both writes.
    for (let i = 0; i < 6 && !canvasElement.querySelector('.mll-event.conflict'); i++) {
      await userEvent.click(ui.getByRole('button', { name: 'Next delivery' }));
    }
    await expect(canvasElement.querySelector('.mll-event.conflict')).not.toBeNull();
    await waitFor(() =>
      expect(status.textContent).toMatch(
        /(Frankfurt|Virginia|Tokyo) took .* for title; .* was lost to|Conflict on title at/,
      ),
    );
  },
};

// ConvergencePanel

export const ConvergenceConverged: Story = {
  render: () => <ConvergencePanel />,
  decorators: [withLab(threeDatacenters, conflict)],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '✓ title: converged',
      '✓ cart: converged',
      '✓ likes: converged',
    ]);
  },
};

export const ConvergenceDiverged: Story = {
  render: () => <ConvergencePanel />,
  decorators: [
    withLab(threeDatacenters, (sim) => {
      sim.cutLink('eu', 'us');
      sim.cutLink('eu', 'ap');
      sim.write('eu', 'cart', { type: 'add', item: 'milk' });
      sim.runUntilQuiescent();
    }),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByText(/cart: diverged/).textContent).toBe('≠ cart: diverged');
    await expect(ui.getByText(/title: converged/)).toBeTruthy();
  },
};

// PlaybackControls

/** A write half-way to the other leaders, the clock stopped: a learner can step or scrub from here. */
export const PlaybackPausedMidRun: Story = {
  render: () => (
    <>
      <PlaybackControls />
      <TopologyGraph />
    </>
  ),
  decorators: [
    withLab(threeDatacenters, (sim) => {
      sim.write('eu', 'title', { type: 'set', value: 'Hello' });
      sim.advance(600);
    }),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const play = ui.getByRole('button', { name: 'Play' });
    await expect(play.getAttribute('aria-pressed')).toBe('false');
    await expect(ui.getByText('t = 600 ms')).toBeTruthy();
    await expect(ui.getByRole('slider')).toHaveAttribute('aria-valuetext', expect.stringMatching(/^600 ms of \d/));
    await expect(ui.getByRole('button', { name: 'Next delivery' })).toBeEnabled();
    await expect(ui.getByRole('group', { name: /2 messages in flight/ })).toBeTruthy();
  },
};

// LeaderPanel

export const LeaderKeepsASibling: Story = {
  render: () => <LeaderPanel />,
  decorators: [
    withLab({ ...threeDatacenters, strategy: { kind: 'custom', on: 'read' } }, conflict, (actions) => {
      actions.select({ kind: 'node', id: 'ap' });
    }),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const keep = ui.getAllByRole('button', { name: /^Keep/ });
    await expect(keep.map((b) => b.textContent)).toEqual(['Keep "from Frankfurt"', 'Keep "from Virginia"']);
    // Keep the sibling, not the winner shown.
    await userEvent.click(ui.getByRole('button', { name: 'Keep "from Virginia"' }));
    await expect(ui.getByRole('rowheader', { name: 'title' }).nextElementSibling?.textContent).toBe('"from Virginia"');
  },
};

export const LeaderInternalStateOfACrdtSet: Story = {
  render: () => <LeaderPanel />,
  decorators: [
    withLab(
      { ...threeDatacenters, strategy: { kind: 'crdt' } },
      (sim) => {
        sim.write('eu', 'cart', { type: 'add', item: 'milk' });
        sim.write('eu', 'cart', { type: 'add', item: 'eggs' });
        sim.write('eu', 'cart', { type: 'remove', item: 'milk' });
        sim.runUntilQuiescent();
      },
      (actions) => {
        actions.select({ kind: 'node', id: 'us' });
      },
    ),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.click(ui.getByText('Internal state of cart'));
    await expect(ui.getByText('Metadata: 2 tags, 1 tombstone.')).toBeTruthy();
    await expect(ui.getByRole('region', { name: 'Internal state of cart as JSON' }).textContent).toContain('"eggs"');
  },
};

// LinkPanel

/** The list of links, opened: a cut link reads "cut" (struck through), and each has its own latency. */
export const LinksOneCutOneSlow: Story = {
  render: () => <LinkPanel />,
  decorators: [
    withLab(threeDatacenters, (sim) => {
      sim.cutLink('eu', 'us');
      sim.setLinkLatency('eu', 'ap', 4000);
    }),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.click(ui.getByText(/^Links:/));
    const links = ui.getByRole('region', { name: 'Links' });
    await expect(within(links).getByText('Frankfurt–Virginia: cut')).toBeTruthy();
    await expect(within(links).getByRole('slider', { name: 'Latency of Frankfurt–Tokyo, ms' })).toHaveValue('4000');
    await userEvent.click(within(links).getByRole('button', { name: 'Heal Frankfurt–Virginia' }));
    await waitFor(() => expect(within(links).getByText('Frankfurt–Virginia: up')).toBeTruthy());
  },
};
