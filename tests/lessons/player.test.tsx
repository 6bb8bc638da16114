// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonPlayer } from '../../src/lessons/LessonPlayer';
import { parseLesson } from '../../src/lessons/parse';
import { sampleLesson } from './sample';

afterEach(cleanup);

function lesson() {
  const r = parseLesson(sampleLesson());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.lesson;
}

const said = () => document.querySelector('.lesson-said')?.textContent ?? '';

describe('the lesson player: hints after a wrong move', () => {
  it('shows and announces a wrong move’s hint as soon as the learner makes it, and drops it once the task is done', () => {
    render(<LessonPlayer lesson={lesson()} step={2} />);
    expect(screen.queryByRole('list', { name: 'Hints on your moves' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cut Frankfurt–Virginia' }));
    const earned = screen.getByRole('list', { name: 'Hints on your moves' });
    expect(
      within(earned)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['That is the Frankfurt–Virginia link: cut Frankfurt–Tokyo.']);
    expect(said()).toMatch(/^Hint: That is the Frankfurt–Virginia link/);
    // The hints asked for are apart, and still one at a time.
    fireEvent.click(screen.getByRole('button', { name: 'Hint' }));
    expect(within(screen.getByRole('list', { name: 'Hints' })).getAllByRole('listitem')).toHaveLength(1);
    expect(said()).toBe('Hint: Use the Links panel.');
    fireEvent.click(screen.getByRole('button', { name: 'Cut Frankfurt–Tokyo' }));
    expect(screen.getByText('✓ Done')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Hints on your moves' })).toBeNull();
  });

  it('restarting the step clears the hints earned, and the same mistake earns its hint again', () => {
    render(<LessonPlayer lesson={lesson()} step={2} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cut Frankfurt–Virginia' }));
    expect(screen.getByRole('list', { name: 'Hints on your moves' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart step' }));
    expect(screen.queryByRole('list', { name: 'Hints on your moves' })).toBeNull();
    expect(said()).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Cut Frankfurt–Virginia' }));
    expect(screen.getAllByRole('list', { name: 'Hints on your moves' })).toHaveLength(1);
  });
});
