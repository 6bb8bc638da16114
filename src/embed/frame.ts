/**
 * `embed.js`, the script of `embed.html`: one `<multi-leader-lab>` filling the frame, set from
 * the query parameters, its events posted to `window.parent`, and the frame's height posted
 * whenever it changes (and once at load: a frame below the fold gets no resize callbacks).
 * A classic script, not a module: a sandboxed frame's origin is opaque, so a module would be
 * fetched as a cross-origin request and fail on hosts that send no CORS header.
 */
import { defineMultiLeaderLab, ELEMENT_NAME } from './element';
import { type EmbedEventType, type EmbedMessage, MESSAGE_SOURCE } from './events';
import { decodeScenario } from '../scenario/codec';
import { EMBED_PARAMS, paramsFromQuery, parseEmbedParams } from './params';
import { isHeightRequest, resizeMessages } from './messages';

const pageSheet = (): void => {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('html, body { margin: 0; padding: 0; } body { display: flow-root; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
};

function post(message: object): void {
  // The parent's origin is unknown (any course page may embed the lab); nothing posted is private.
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

function start(): void {
  defineMultiLeaderLab();
  pageSheet();
  const raw = paramsFromQuery(window.location.search);
  const lab = document.createElement(ELEMENT_NAME);
  for (const name of EMBED_PARAMS) {
    const value = raw[name];
    if (value !== undefined && value !== null) lab.setAttribute(name, value);
  }
  document.title = parseEmbedParams(raw, decodeScenario).label;
  const types: readonly EmbedEventType[] = ['ready', 'stepchange', 'complete', 'conflict'];
  for (const type of types) {
    lab.addEventListener(`mll-${type}`, (event) => {
      const message = { source: MESSAGE_SOURCE, type, ...(event as CustomEvent<object>).detail } as EmbedMessage;
      post(message);
    });
  }
  document.body.append(lab);

  let sent = -1;
  const sendHeight = (force = false) => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    // Before the lab's first render the page is empty: a frame told "0" would vanish.
    if (height <= 0 || (!force && height === sent)) return;
    sent = height;
    for (const message of resizeMessages(height)) post(message);
  };
  // Coalesce a burst of layout changes into one message per task.
  let queued = false;
  const observer = new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      sendHeight();
    });
  });
  observer.observe(document.body);
  lab.addEventListener('mll-ready', () => {
    sendHeight(true);
  });
  sendHeight(true);
  window.addEventListener('load', () => {
    sendHeight(true);
  });
  // The one command the frame takes: a parent that started listening late asks for the height.
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !isHeightRequest(event.data)) return;
    sendHeight(true);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
