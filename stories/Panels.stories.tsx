import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { EventLog } from '../src/view/EventLog';
import { LeaderPanel } from '../src/view/LeaderPanel';
import { PlaybackControls } from '../src/view/PlaybackControls';
import { SpaceTimeDiagram } from '../src/view/SpaceTimeDiagram';
import { WriteForm } from '../src/view/WriteForm';
import { conflict, threeDatacenters, withLab } from './support/withLab';

const meta = { title: 'Components/Panels' } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const EventLogWithConflict: Story = {
  render: () => <EventLog />,
  decorators: [withLab(threeDatacenters, conflict)],
  play: async ({ canvasElement }) => {
    const log = within(canvasElement);
    await expect(log.getByText(/Lost writes:/).textContent).toMatch(/1/);
    await expect(canvasElement.querySelectorAll('.mll-event.conflict').length).toBeGreaterThan(0);
    await expect(log.getAllByText(/Discarded: eu:1/).length).toBeGreaterThan(0);
  },
};

export const SpaceTimeOfAPartition: Story = {
  render: () => <SpaceTimeDiagram />,
  decorators: [withLab(threeDatacenters, conflict)],
  play: async ({ canvasElement }) => {
    // The diagram loads after first paint (its d3 axis and zoom stay out of the initial JS).
    await waitFor(() => expect(canvasElement.querySelectorAll('.lane')).toHaveLength(3), { timeout: 5000 });
    await expect(canvasElement.querySelectorAll('.mark.conflict').length).toBeGreaterThan(0);
  },
};

export const SpaceTimeZoomAndPan: Story = {
  render: () => <SpaceTimeDiagram />,
  decorators: [withLab(threeDatacenters, conflict)],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.lane')).toHaveLength(3), { timeout: 5000 });
    const svg = canvasElement.querySelector('.mll-spacetime svg') as SVGSVGElement;
    const reset = ui.getByRole('button', { name: 'Reset zoom' });
    // The time axis's labels: what window is shown.
    const label = () => Array.from(svg.querySelectorAll('.tick text'), (t) => t.textContent).join(' ');
    const box = svg.getBoundingClientRect();
    const wheel = (init: WheelEventInit) => {
      const e = new WheelEvent('wheel', {
        bubbles: true,
        cancelable: true,
        clientX: box.x + 50,
        clientY: box.y + 100,
        ...init,
      });
      svg.dispatchEvent(e);
      return e.defaultPrevented;
    };
    // The page keeps a plain wheel while the diagram is not focused.
    await expect(wheel({ deltaY: -100 })).toBe(false);
    await waitFor(() => expect(reset).toBeDisabled());
    // Ctrl + wheel zooms in: a shorter window, and the reset button wakes up.
    const before = label();
    await expect(wheel({ deltaY: -100, ctrlKey: true })).toBe(true);
    await waitFor(() => expect(reset).toBeEnabled());
    await waitFor(() => expect(label()).not.toBe(before));
    await userEvent.click(reset);
    await waitFor(() => expect(reset).toBeDisabled());
    await waitFor(() => expect(label()).toBe(before));
    // A drag pans (this history is shorter than the window, so the times shown stay put), and
    // is no click on what it started over.
    svg.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: box.x + 50, clientY: box.y + 200 }));
    window.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: box.x + 50, clientY: box.y + 100 }));
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: box.x + 50, clientY: box.y + 100 }));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    svg.dispatchEvent(click);
    await expect(click.defaultPrevented).toBe(true);
    await waitFor(() => expect(reset).toBeEnabled());
    // The keyboard: 0 resets, + zooms in, and a focused diagram takes the plain wheel.
    svg.focus();
    await userEvent.keyboard('0');
    await waitFor(() => expect(reset).toBeDisabled());
    await userEvent.keyboard('+');
    await waitFor(() => expect(reset).toBeEnabled());
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(reset).toBeDisabled());
    await expect(wheel({ deltaY: -100 })).toBe(true);
    await waitFor(() => expect(reset).toBeEnabled());
  },
};

export const LeaderWithSiblings: Story = {
  render: () => <LeaderPanel />,
  decorators: [
    withLab({ ...threeDatacenters, strategy: { kind: 'custom', on: 'read' } }, (sim) => {
      conflict(sim);
    }),
  ],
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Select a leader/)).toBeTruthy();
  },
};

export const SelectedLeaderWithSiblings: Story = {
  render: () => <LeaderPanel />,
  decorators: [
    withLab({ ...threeDatacenters, strategy: { kind: 'custom', on: 'read' } }, conflict, (actions) => {
      actions.select({ kind: 'node', id: 'ap' });
    }),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByRole('heading', { name: /Tokyo/ })).toBeTruthy();
    await expect(ui.getByText(/\+ siblings/)).toBeTruthy();
    await userEvent.click(ui.getAllByRole('button', { name: /^Keep/ })[0] as HTMLElement);
    await expect(ui.queryByText(/\+ siblings/)).toBeNull();
  },
};

export const CrashedLeader: Story = {
  render: () => <LeaderPanel />,
  decorators: [
    withLab(
      threeDatacenters,
      (sim) => {
        sim.crashNode('us');
      },
      (actions) => {
        actions.select({ kind: 'node', id: 'us' });
      },
    ),
  ],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByRole('button', { name: 'Recover' })).toBeTruthy();
    await expect(ui.getByRole<HTMLButtonElement>('button', { name: 'Disconnect' }).disabled).toBe(true);
  },
};

export const Playback: Story = {
  render: () => <PlaybackControls />,
  decorators: [withLab(threeDatacenters, (sim) => sim.write('eu', 'likes', { type: 'increment', by: 1 }))],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.click(ui.getByRole('button', { name: 'Next delivery' }));
    await expect(ui.getByText(/t = \d+ ms/).textContent).not.toBe('t = 0 ms');
    await userEvent.click(ui.getByRole('button', { name: 'Play' }));
    await expect(ui.getByRole('button', { name: 'Pause' })).toBeTruthy();
  },
};

export const WriteARegister: Story = {
  render: () => <WriteForm />,
  decorators: [withLab()],
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.type(ui.getByRole('textbox', { name: 'Value' }), 'Hello');
    await userEvent.click(ui.getByRole('button', { name: 'Write' }));
    await expect(ui.getByRole<HTMLInputElement>('textbox', { name: 'Value' }).value).toBe('Hello');
  },
};
