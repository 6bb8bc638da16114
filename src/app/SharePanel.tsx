import { type ChangeEvent, lazy, Suspense, useId, useRef, useState } from 'react';
import { LIMITS, type ScenarioError } from '../scenario';
import { useLabStore } from '../view/LabContext';
import { shareLink } from './UrlTracker';

/** The Embed snippets load when asked for: most visitors never embed, so the first load stays lean. */
const EmbedSnippets = lazy(() => import('../embed/EmbedSnippets'));

/** What the panel says after an action: a confirmation, a link to copy by hand, or an import's errors. */
type Outcome =
  | { kind: 'copied' }
  | { kind: 'manual'; link: string }
  | { kind: 'exported'; file: string }
  | { kind: 'import-errors'; file: string; errors: readonly ScenarioError[] }
  | null;

/** A file name from a scene's id or title. */
function fileName(id: string | undefined, title: string | undefined): string {
  const base = (id ?? title ?? 'multi-leader-run')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'multi-leader-run'}.json`;
}

/** The errors of an import, first few only: a hostile file could hold thousands. */
const SHOWN_ERRORS = 12;

/**
 * Share the run: copy a `#/lab?s=` link (or select it by hand where the clipboard is closed),
 * export the scenario as a .json file, or import one. An import that fails lists its errors by
 * path and changes nothing; one that succeeds replaces the run, which Undo brings back.
 */
export function SharePanel() {
  const store = useLabStore();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [embedding, setEmbedding] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const linkId = useId();
  const copy = async () => {
    const link = await shareLink(store.getState());
    try {
      // Unavailable on plain http and in some embeds; refused without a user gesture or permission.
      if (!(navigator.clipboard as Clipboard | undefined)) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setOutcome({ kind: 'copied' });
    } catch {
      setOutcome({ kind: 'manual', link });
    }
  };
  const exportFile = () => {
    const { actions, meta } = store.getState();
    const name = fileName(meta.id, meta.title);
    const blob = new Blob([`${JSON.stringify(actions.scenario(), null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 1000);
    setOutcome({ kind: 'exported', file: name });
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // The same file can be chosen again after fixing it.
    event.target.value = '';
    if (!chosen) return;
    const refuse = (errors: ScenarioError[]) => {
      setOutcome({ kind: 'import-errors', file: chosen.name, errors });
    };
    if (chosen.size > 2 * LIMITS.maxTextChars) {
      refuse([
        { path: '', message: `the file is larger than ${String(LIMITS.maxTextChars)} bytes, more than any scenario` },
      ]);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(await chosen.text());
    } catch (e) {
      refuse([{ path: '', message: `the file is not JSON (${e instanceof Error ? e.message : 'unreadable'})` }]);
      return;
    }
    // The checker loads with the first import: most visitors never import a file.
    const { parseScenario } = await import('../scenario/parse');
    const parsed = parseScenario(data);
    if (!parsed.ok) {
      refuse(parsed.errors);
      return;
    }
    try {
      store.getState().actions.load(parsed.scenario, `Imported ${chosen.name}: the previous run was replaced.`);
      setOutcome(null);
    } catch (e) {
      refuse([{ path: '', message: e instanceof Error ? e.message : 'the lab could not start this scenario' }]);
    }
  };
  return (
    <section className="mll-share" aria-label="Share this run">
      <div className="mll-buttons">
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
        <button type="button" onClick={exportFile}>
          Export .json
        </button>
        <button
          type="button"
          onClick={() => {
            file.current?.click();
          }}
        >
          Import .json…
        </button>
        <button
          type="button"
          aria-expanded={embedding}
          onClick={() => {
            setEmbedding(!embedding);
          }}
        >
          Embed…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          className="mll-visually-hidden"
          tabIndex={-1}
          aria-label="Scenario file to import"
          onChange={(e) => void importFile(e)}
        />
      </div>
      {embedding && (
        <Suspense fallback={<p>Preparing the snippets…</p>}>
          {/* dist/ is wherever this page is: the snippets work from a sub-path too. */}
          <EmbedSnippets base={new URL('.', window.location.href).href} />
        </Suspense>
      )}
      <div aria-live="polite">
        {outcome?.kind === 'copied' && <p>Link copied. Anyone who opens it sees this run, at this moment.</p>}
        {outcome?.kind === 'exported' && <p>Saved {outcome.file} to your downloads.</p>}
        {outcome?.kind === 'manual' && (
          <p className="mll-share-manual">
            <label htmlFor={linkId}>The clipboard is closed here: copy the link from this box</label>
            <input
              id={linkId}
              readOnly
              value={outcome.link}
              onFocus={(e) => {
                e.target.select();
              }}
            />
          </p>
        )}
      </div>
      {outcome?.kind === 'import-errors' && (
        <div className="mll-import-errors" role="alert">
          <p>
            {outcome.file} was not imported; the run is unchanged.{' '}
            {outcome.errors.length === 1 ? 'One problem:' : `${String(outcome.errors.length)} problems:`}
          </p>
          <ul>
            {outcome.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
              <li key={i}>
                {e.path ? <code>{e.path}</code> : <span>the file</span>}: {e.message}
              </li>
            ))}
            {outcome.errors.length > SHOWN_ERRORS && <li>and {outcome.errors.length - SHOWN_ERRORS} more</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
