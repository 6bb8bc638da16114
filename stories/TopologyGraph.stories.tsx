import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { TopologyGraph } from '../src/view/TopologyGraph';
import { threeDatacenters, withLab } from './support/withLab';

const meta = {
  title: 'Components/Topology graph',
  component: TopologyGraph,
} satisfies Meta<typeof TopologyGraph>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AllToAll: Story = {
  decorators: [withLab()],
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('g.node')).toHaveLength(3);
    await expect(canvasElement.querySelectorAll('g.link')).toHaveLength(3);
  },
};

export const MessagesInFlight: Story = {
  decorators: [
    withLab(threeDatacenters, (sim) => {
      sim.write('eu', 'title', { type: 'set', value: 'Hello' });
      sim.advance(600);
    }),
  ],
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector<HTMLCanvasElement>('canvas.mll-messages')?.dataset.messages).toBe('2');
  },
};

export const CutLink: Story = {
  decorators: [
    withLab(threeDatacenters, (sim) => {
      sim.cutLink('eu', 'us');
      sim.write('eu', 'title', { type: 'set', value: 'Held' });
    }),
  ],
  play: async ({ canvasElement }) => {
    const cut = canvasElement.querySelector('g.link.cut');
    await expect(cut?.getAttribute('aria-label')).toMatch(/Link Frankfurt–Virginia, cut/);
    await expect(canvasElement.querySelector<HTMLCanvasElement>('canvas.mll-messages')?.dataset.held).toBe('1');
  },
};

export const RingWithCrashedLeader: Story = {
  decorators: [
    withLab({ ...threeDatacenters, topology: { kind: 'ring' } }, (sim) => {
      sim.crashNode('us');
    }),
  ],
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('g.node.crashed')?.getAttribute('aria-label')).toMatch(
      /^Virginia \(us[^)]*\): leader, crashed/,
    );
  },
};

export const StarWithConflict: Story = {
  decorators: [
    withLab(
      { ...threeDatacenters, topology: { kind: 'star', hub: 'eu' }, strategy: { kind: 'custom', on: 'read' } },
      (sim) => {
        sim.cutLink('eu', 'us');
        sim.write('us', 'title', { type: 'set', value: 'B' });
        sim.write('ap', 'title', { type: 'set', value: 'C' });
        sim.healLink('eu', 'us');
        sim.runUntilQuiescent();
      },
    ),
  ],
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('g.info .badge[visibility="visible"]').length).toBeGreaterThan(0);
  },
};
