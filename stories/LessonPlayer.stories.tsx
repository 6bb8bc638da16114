import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LessonPlayer } from '../src/lessons/LessonPlayer';
import { parseLesson } from '../src/lessons/parse';
import tieRules from '../public/lessons/tie-rules.json';

/**
 * The lesson player on the example lesson teachers can read in `public/lessons/tie-rules.json`:
 * a prediction before and after answering, a task done with "Show me", and the completed page.
 */
const parsed = parseLesson(tieRules);
if (!parsed.ok) throw new Error(`The example lesson is invalid: ${JSON.stringify(parsed.errors)}`);
const lesson = parsed.lesson;

const meta = {
  title: 'Lessons/Lesson player',
  component: LessonPlayer,
  args: { lesson, step: 1 },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof LessonPlayer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A prediction waiting for an answer: a radio group named by the question. */
export const Prediction: Story = {
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    const group = ui.getByRole('group', { name: 'The link heals. What do both leaders keep?' });
    await expect(within(group).getAllByRole('radio')).toHaveLength(3);
    await expect(ui.getByRole('heading', { level: 2, name: 'Cassandra: the larger value' })).toHaveFocus();
  },
};

/** After answering: each choice says why, and the lab runs the step. */
export const Reveal: Story = {
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.click(ui.getByRole('radio', { name: 'apple' }));
    await userEvent.click(ui.getByRole('button', { name: 'Check my answer' }));
    await expect(ui.getByText(/Your answer was not right/)).toHaveFocus();
    await expect(ui.getByText(/“banana” is larger/)).toBeTruthy();
    await waitFor(() => expect(canvasElement.querySelectorAll('.mll-event.conflict').length).toBeGreaterThan(0), {
      timeout: 8000,
    });
  },
};

/** A task: "Show me" performs it in the lab, and the player sees it done. */
export const Task: Story = {
  args: { step: 3 },
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await expect(ui.getByText('Not done yet')).toBeTruthy();
    await userEvent.click(ui.getByRole('button', { name: 'Hint' }));
    await expect(ui.getByRole('list', { name: 'Hints' })).toBeTruthy();
    await userEvent.click(ui.getByRole('button', { name: 'Show me' }));
    await waitFor(() => expect(ui.getByText('✓ Done')).toBeTruthy(), { timeout: 8000 });
  },
};

/** The last step finished: what was done, and the way back. */
export const CompletedLesson: Story = {
  args: { step: 3 },
  play: async ({ canvasElement }) => {
    const ui = within(canvasElement);
    await userEvent.click(ui.getByRole('button', { name: 'Show me' }));
    await waitFor(() => expect(ui.getByText('✓ Done')).toBeTruthy(), { timeout: 8000 });
    await userEvent.click(ui.getByRole('button', { name: 'Finish' }));
    await expect(ui.getByRole('heading', { name: 'Lesson complete' })).toHaveFocus();
    await expect(ui.getByText('✓ Pick another tie rule')).toBeTruthy();
  },
};
