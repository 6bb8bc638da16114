import { useId, useState } from 'react';
import { useLabStore } from '../view/LabContext';
import { embedSnippets } from './snippet';

/**
 * The Embed panel: paste-ready snippets for the current run, an iframe for an LMS page and the
 * element for a page you control. Computed when opened (a long run is encoded once, not per frame).
 */
export default function EmbedSnippets({ base }: { base: string }) {
  const store = useLabStore();
  const [snippets] = useState(() => embedSnippets(base, store.getState().actions.scenario()));
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    try {
      if (!(navigator.clipboard as Clipboard | undefined)) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };
  const box = (what: string, title: string, hint: string, text: string) => (
    <div className="mll-embed-snippet">
      <label htmlFor={`${id}-${what}`}>{title}</label>
      <p className="mll-embed-hint" id={`${id}-${what}-hint`}>
        {hint}
      </p>
      <textarea
        id={`${id}-${what}`}
        readOnly
        rows={4}
        value={text}
        aria-describedby={`${id}-${what}-hint`}
        onFocus={(e) => {
          e.target.select();
        }}
      />
      <button type="button" onClick={() => void copy(what, text)}>
        Copy {what}
      </button>
    </div>
  );
  return (
    <div className="mll-embed-snippets">
      {box(
        'iframe',
        'In an LMS page (Canvas, Moodle): an iframe',
        'Paste into the page’s HTML editor. It fits its height by itself where the LMS listens (Canvas does).',
        snippets.iframe,
      )}
      {box(
        'element',
        'In a page you control: the element',
        'The script line once per page; the element as often as you like. Works under a strict CSP.',
        snippets.element,
      )}
      <p aria-live="polite">{copied ? `The ${copied} snippet is copied.` : ''}</p>
    </div>
  );
}
