import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MultiLeaderLab } from '../src/view/MultiLeaderLab';
import { threeDatacenters } from './support/withLab';

const meta = {
  title: 'Lab/Multi-Leader Lab',
  component: MultiLeaderLab,
  args: { config: { ...threeDatacenters, latencyMs: { base: 300, jitter: 50 } } },
} satisfies Meta<typeof MultiLeaderLab>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** Cut a link, write on both sides, heal, and watch last write wins discard one write. */
export const ConflictAfterAPartition: Story = {
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const link = canvasElement.querySelector<SVGGElement>('g.link');
    if (!link) throw new Error('no link drawn');
    await userEvent.click(link);
    await userEvent.type(ui.getByRole('textbox', { name: 'Value' }), 'from Frankfurt');
    await userEvent.click(ui.getByRole('button', { name: 'Write' }));
    await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Leader' }), 'us');
    await userEvent.clear(ui.getByRole('textbox', { name: 'Value' }));
    await userEvent.type(ui.getByRole('textbox', { name: 'Value' }), 'from Virginia');
    await userEvent.click(ui.getByRole('button', { name: 'Write' }));
    await userEvent.click(link);
    await userEvent.selectOptions(ui.getByRole('combobox', { name: 'Speed' }), '10');
    await userEvent.click(ui.getByRole('button', { name: 'Play' }));
    await waitFor(() => expect(ui.getByText(/title: converged/)).toBeTruthy(), { timeout: 5000 });
    await expect(ui.getByText(/Lost writes:/).textContent).toMatch(/1/);
  },
};
