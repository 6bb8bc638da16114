import { createRoot, type Root } from 'react-dom/client';
import { EmbeddedLab } from './EmbeddedLab';
import type { EmitEmbedEvent, MllEventMap } from './events';
import { type Decode, EMBED_PARAMS, loadDecoder, needsDecoder, parseEmbedParams, paramsFromAttributes } from './params';
import { labStyleSheet } from './styles';

export const ELEMENT_NAME = 'multi-leader-lab';

/**
 * `<multi-leader-lab>`: the lab as a custom element. An open shadow root holds it and its
 * styles (one adopted stylesheet: nothing else to load, nothing injected into the page); one
 * React root per element, with its own `identifierPrefix`, so ten on a page never share an id.
 * Attributes may change at any time; the element is built when connected and torn down when
 * removed.
 */
export class MultiLeaderLabElement extends HTMLElement {
  static readonly observedAttributes: readonly string[] = EMBED_PARAMS;
  static #made = 0;
  /** The link reader, once an element on the page has needed it (shared: it holds no state). */
  static #decoder: Promise<Decode> | null = null;
  readonly #mount: HTMLDivElement;
  #root: Root | null = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const sheet = labStyleSheet();
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    this.#mount = document.createElement('div');
    shadow.append(this.#mount);
  }

  connectedCallback(): void {
    if (!this.#root) {
      MultiLeaderLabElement.#made += 1;
      this.#root = createRoot(this.#mount, { identifierPrefix: `mll${String(MultiLeaderLabElement.#made)}-` });
    }
    this.#render();
  }

  disconnectedCallback(): void {
    // Moved elsewhere on the page, it is connected again before this runs: keep the run.
    queueMicrotask(() => {
      if (this.isConnected || !this.#root) return;
      this.#root.unmount();
      this.#root = null;
    });
  }

  attributeChangedCallback(): void {
    if (this.#root) this.#render();
  }

  readonly #emit: EmitEmbedEvent = (type, detail) => {
    this.dispatchEvent(new CustomEvent(`mll-${type}`, { detail, bubbles: true, composed: true }));
  };

  #render(): void {
    const raw = paramsFromAttributes(this);
    if (!needsDecoder(raw)) {
      this.#root?.render(<EmbeddedLab settings={parseEmbedParams(raw)} emit={this.#emit} />);
      return;
    }
    // An encoded scenario: its reader loads first (an embed on a preset never needs it).
    MultiLeaderLabElement.#decoder ??= loadDecoder();
    void MultiLeaderLabElement.#decoder.then((decode) => {
      // The attributes may have changed meanwhile: render what they say now.
      const now = paramsFromAttributes(this);
      this.#root?.render(<EmbeddedLab settings={parseEmbedParams(now, decode)} emit={this.#emit} />);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'multi-leader-lab': MultiLeaderLabElement;
  }
  // The lab's events bubble and are composed: any element (the page's own too) can hear them, typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge is how the DOM's map grows
  interface HTMLElementEventMap extends MllEventMap {}
}

/** Define the element (once: a second copy of this module on the page leaves the first in place). */
export function defineMultiLeaderLab(): void {
  if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, MultiLeaderLabElement);
}
