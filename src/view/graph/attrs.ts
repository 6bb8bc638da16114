/**
 * Set an attribute only when its value changed. D3's .attr always writes, and on a lab
 * redrawn every frame most values (positions of leaders, finished arrows) do not move:
 * skipping those writes spares the browser restyling hundreds of elements per frame.
 */
const cache = new WeakMap<Element, Map<string, string | null>>();

export function setAttr(el: Element, name: string, value: string | number | null): void {
  const text = value === null ? null : String(value);
  let seen = cache.get(el);
  if (!seen) {
    seen = new Map();
    cache.set(el, seen);
  }
  if (seen.get(name) === text && seen.has(name)) return;
  seen.set(name, text);
  if (text === null) el.removeAttribute(name);
  else el.setAttribute(name, text);
}

/** Handlers are read through this box at event time, so listeners are bound once, on enter. */
export interface HandlerBox<H> {
  current: H;
}
const boxes = new WeakMap<Element, HandlerBox<unknown>>();

export function handlerBox<H>(root: Element, handlers: H): HandlerBox<H> {
  let box = boxes.get(root) as HandlerBox<H> | undefined;
  if (!box) {
    box = { current: handlers };
    boxes.set(root, box);
  }
  box.current = handlers;
  return box;
}
