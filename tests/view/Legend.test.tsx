// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Legend } from '../../src/view/Legend';

afterEach(cleanup);

describe('the legend', () => {
  it('opens from its button and names every mark, each drawn beside its name', async () => {
    render(<Legend />);
    const toggle = screen.getByRole('button', { name: 'Legend' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog', { name: 'Legend' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The panel loads on first opening (its own chunk).
    const panel = await screen.findByRole('dialog', { name: 'Legend' });
    const names = within(panel)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('strong')?.textContent);
    for (const mark of [
      'Leader',
      'Link',
      'Cut link',
      'Message in flight',
      'Held message',
      'Conflict resolved',
      'Conflict kept',
      '∅',
      'Version vector',
      'Lane',
      'Arrow',
      'Dashed arrow',
      'Diamond',
    ]) {
      expect(names).toContain(mark);
    }
    // Every entry draws its mark (an SVG with a shape in it), hidden from screen readers.
    for (const li of within(panel).getAllByRole('listitem')) {
      const svg = li.querySelector('svg');
      expect(svg?.getAttribute('aria-hidden')).toBe('true');
      expect(svg?.querySelector('path, circle, line, text')).not.toBeNull();
    }
    expect(within(panel).getByText(/tie rank/)).toBeTruthy();
  });

  it('closes with Escape or its Close button and gives focus back to the button', async () => {
    render(<Legend />);
    const toggle = screen.getByRole('button', { name: 'Legend' });
    fireEvent.click(toggle);
    fireEvent.keyDown(await screen.findByRole('dialog', { name: 'Legend' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Legend' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    fireEvent.click(await screen.findByRole('button', { name: 'Close legend' }));
    expect(screen.queryByRole('dialog', { name: 'Legend' })).toBeNull();
  });
});
