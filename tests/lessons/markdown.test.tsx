// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../src/lessons/Markdown';
import { parseMarkdown, plainText } from '../../src/lessons/markdown';

afterEach(cleanup);

describe('lesson text', () => {
  it('reads paragraphs, bullet lists, strong, emphasis and code', () => {
    expect(parseMarkdown('One **two** *three* `four`\n\n- a\n- b')).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'One ' },
          { kind: 'strong', text: 'two' },
          { kind: 'text', text: ' ' },
          { kind: 'em', text: 'three' },
          { kind: 'text', text: ' ' },
          { kind: 'code', text: 'four' },
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
    ]);
    expect(plainText('A **b**\n\n- c\n- d')).toBe('A b c; d');
  });

  it('renders HTML, links and script as the characters typed, never as markup', () => {
    const { container } = render(
      <Markdown text={'<img src=x onerror="alert(1)"> [link](javascript:alert(1)) **<script>x</script>**'} />,
    );
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.querySelector('strong')?.textContent).toBe('<script>x</script>');
  });
});
