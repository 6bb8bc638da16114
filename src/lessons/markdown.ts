/**
 * The safe Markdown subset of lesson text, parsed into plain data that the player renders as
 * text nodes: a lesson file can never put HTML (or script) in the page, whatever it contains.
 *
 * - paragraphs, separated by a blank line;
 * - bullet lists, lines starting with "- ";
 * - **strong**, *emphasis* and `code` inside a line.
 *
 * Anything else (a "<b>", a "[link](...)", a "# heading") is shown as the characters typed.
 */
export type Inline =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'strong' | 'em' | 'code'; readonly text: string };

export type Block =
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] };

/** @example parseMarkdown('Hello **you**') // [{ kind: 'paragraph', inlines: [text 'Hello ', strong 'you'] }] */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*- /.test(l))) {
      blocks.push({ kind: 'list', items: lines.map((l) => parseInline(l.replace(/^\s*- /, ''))) });
    } else {
      blocks.push({ kind: 'paragraph', inlines: parseInline(lines.map((l) => l.trim()).join(' ')) });
    }
  }
  return blocks;
}

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'em', text: m[2] });
    else out.push({ kind: 'code', text: m[3] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** The text without its marks (for announcements and plain labels). */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .map((b) =>
      b.kind === 'paragraph'
        ? b.inlines.map((i) => i.text).join('')
        : b.items.map((item) => item.map((i) => i.text).join('')).join('; '),
    )
    .join(' ');
}
