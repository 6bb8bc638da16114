import { parseMarkdown, type Inline } from './markdown';

/** Lesson text rendered from the safe subset: React text nodes only, never HTML. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(text).map((block, i) =>
        block.kind === 'paragraph' ? (
          <p key={i}>
            <Inlines inlines={block.inlines} />
          </p>
        ) : (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inlines inlines={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

function Inlines({ inlines }: { inlines: readonly Inline[] }) {
  return inlines.map((x, i) => {
    if (x.kind === 'strong') return <strong key={i}>{x.text}</strong>;
    if (x.kind === 'em') return <em key={i}>{x.text}</em>;
    if (x.kind === 'code') return <code key={i}>{x.text}</code>;
    return <span key={i}>{x.text}</span>;
  });
}
