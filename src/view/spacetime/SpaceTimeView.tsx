import { useEffect, useId, useRef, useState } from 'react';
import { useLabStore } from '../LabContext';
import { formatMs, plural } from '../format';
import { renderSpaceTime } from './renderSpaceTime';
import { DEFAULT_SPAN, redrawInterval, spaceTimeData, spaceTimeView, ST_VIEW } from './spaceTimeData';
import { isRunningOn } from '../useLabThrottled';
import { setAttr } from '../graph/attrs';
import { focusedIn } from '../focus';
import { IDENTITY, panZoom, type PanZoom } from './panZoom';

/** The window a zoom transform shows: zoomed about the present when the reader began. */
export function zoomWindow(t: { k: number; y: number }, anchor: number, height: number): { span: number; end: number } {
  const top = ST_VIEW.top;
  const bottom = height - ST_VIEW.bottom;
  const perPx = DEFAULT_SPAN / (bottom - top);
  // Base: [anchor - span, anchor] over [top, bottom]; the transform maps screen y to base y.
  const timeAt = (screen: number) => anchor - DEFAULT_SPAN + ((screen - t.y) / t.k - top) * perPx;
  const from = timeAt(top);
  const end = timeAt(bottom);
  return { span: end - from, end };
}

/**
 * One lane per leader, time running down: the same messages as the graph, over time.
 * It follows the store outside React's render (a few thousand arrows would otherwise be
 * diffed every frame) and redraws at most ten times a second (less on a slow machine), at once
 * on a highlight. The reader can zoom and pan over the whole history (wheel with Ctrl or while
 * focused, drag, or + − and the arrow keys); until then it follows the present.
 */
export function SpaceTimeView() {
  const svg = useRef<SVGSVGElement>(null);
  const figure = useRef<HTMLElement>(null);
  const zoomer = useRef<PanZoom | null>(null);
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const clipId = `mll-st-clip-${uid}`;
  const titleId = `mll-st-title-${uid}`;
  const store = useLabStore();
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    let last = 0;
    let every = redrawInterval(0);
    let timer: ReturnType<typeof setTimeout> | null = null;
    // The width it is drawn at, read on resize only (never per frame): a phone draws it 1:1.
    let view = spaceTimeView(figure.current?.clientWidth || Number.POSITIVE_INFINITY);
    // Where the reader zoomed to (null: the last 8 s, following the present).
    let window: { span: number; end: number } | null = null;
    let anchor = 0;
    const draw = () => {
      timer = null;
      last = performance.now();
      const { history, snapshot, highlight, actions } = store.getState();
      const data = spaceTimeData(history, snapshot, {
        highlight,
        view,
        ...(window ? { span: window.span, end: window.end } : {}),
      });
      const { selected } = store.getState();
      if (svg.current)
        renderSpaceTime(
          svg.current,
          data,
          { onHighlight: actions.setHighlight, onSelectLeader: actions.selectLeader },
          clipId,
          selected?.kind === 'node' ? selected.id : null,
        );
      every = redrawInterval(performance.now() - last);
      const to = Math.min(data.to, data.now);
      // Set on the element, not through React state: a redraw is not worth a React render.
      if (svg.current)
        setAttr(
          svg.current,
          'aria-label',
          `Space-time diagram from ${formatMs(data.from)} to ${formatMs(to)}: ${plural(data.arrows.length, 'message')}, ${plural(data.marks.filter((m) => m.kind === 'conflict').length, 'conflict')}. Plus and minus zoom, arrow keys move in time, 0 resets. The event log lists the same events in words.`,
        );
    };
    draw();
    const element = svg.current;
    const controls =
      element &&
      panZoom(
        element,
        (t) => {
          const identity = t.k === 1 && t.y === 0;
          if (!identity && window === null) anchor = Math.max(store.getState().snapshot.time, DEFAULT_SPAN);
          window = identity ? null : zoomWindow(t, anchor, view.height);
          setZoomed(!identity);
          if (timer) clearTimeout(timer);
          draw();
        },
        // The page keeps the wheel unless the reader means the diagram.
        (wheel) => wheel.ctrlKey || wheel.metaKey || focusedIn(element) === element,
      );
    zoomer.current = controls;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            const next = spaceTimeView(figure.current?.clientWidth || Number.POSITIVE_INFINITY);
            if (next.width === view.width) return;
            view = next;
            if (timer) clearTimeout(timer);
            draw();
          });
    if (observer && figure.current) observer.observe(figure.current);
    const unsubscribe = store.subscribe((s, prev) => {
      const moved = s.snapshot !== prev.snapshot || s.playing !== prev.playing;
      // A hover shows at once, and so does anything but time running on (a pause, a step, a
      // seek, a write while paused): the rule the throttled text panels follow too.
      if (s.highlight !== prev.highlight || s.selected !== prev.selected || (moved && !isRunningOn(s, prev))) {
        if (timer) clearTimeout(timer);
        draw();
        return;
      }
      if (!moved || timer) return;
      timer = setTimeout(draw, Math.max(0, every - (performance.now() - last)));
    });
    return () => {
      observer?.disconnect();
      unsubscribe();
      controls?.detach();
      zoomer.current = null;
      if (timer) clearTimeout(timer);
    };
  }, [store, clipId]);
  const reset = () => {
    zoomer.current?.set(IDENTITY);
  };
  const onKeyDown = (event: React.KeyboardEvent<SVGSVGElement>) => {
    const height = svg.current?.viewBox.baseVal.height || ST_VIEW.height;
    const middle = (ST_VIEW.top + height) / 2;
    const step = (height - ST_VIEW.top) / 8;
    const keys: Record<string, () => void> = {
      '+': () => zoomer.current?.scaleBy(1.5, middle),
      '=': () => zoomer.current?.scaleBy(1.5, middle),
      '-': () => zoomer.current?.scaleBy(1 / 1.5, middle),
      // Up shows earlier times, down later ones.
      ArrowUp: () => zoomer.current?.translateBy(step),
      ArrowDown: () => zoomer.current?.translateBy(-step),
      '0': reset,
      Home: reset,
    };
    const run = keys[event.key];
    if (!run) return;
    // The lab's own shortcuts (arrows step time) must not also act on this key.
    event.preventDefault();
    event.stopPropagation();
    run();
  };
  return (
    <figure className="mll-spacetime" ref={figure}>
      <figcaption className="mll-st-head">
        <span id={titleId} className="mll-st-title">
          Space-time diagram: one lane per leader, time runs down
        </span>
        <button type="button" className="mll-st-reset" onClick={reset} disabled={!zoomed}>
          Reset zoom
        </button>
      </figcaption>
      <svg
        ref={svg}
        role="img"
        tabIndex={0}
        aria-label="Space-time diagram"
        aria-describedby={titleId}
        onKeyDown={onKeyDown}
      />
    </figure>
  );
}
