// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Gallery } from '../../src/app/Gallery';
import { presets } from '../../src/scenario/presets';

afterEach(cleanup);

describe('<Gallery>', () => {
  it('shows every preset as a card: title linking to #/lab/<id>, its line and its concepts in words', () => {
    render(<Gallery scenes={presets} />);
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(presets.length);
    presets.forEach((p, i) => {
      const card = cards[i];
      if (!card || !p.id || !p.title) throw new Error('a preset without a card, an id or a title');
      const link = within(card).getByRole('link', { name: p.title });
      expect(link.getAttribute('href')).toBe(`#/lab/${p.id}`);
      expect(within(card).getByText(p.description ?? '')).toBeTruthy();
    });
    const skew = screen.getByRole('article', { name: 'Clock skew: the older write wins' });
    expect(skew.textContent).toMatch(/Shows: last write winsclock skewlost writes/);
  });
});
