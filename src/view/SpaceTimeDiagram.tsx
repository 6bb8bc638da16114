import { useEffect, useId, useRef, useState } from 'react';
import { useLabStore } from './LabContext';
import { isRunningOn } from './useLabThrottled';
import { redrawInterval, spaceTimeData, spaceTimeView } from './spacetime/spaceTimeData';
import { renderSpaceTime } from './spacetime/renderSpaceTime';
import { formatMs, plural } from './format';

/**
 * One lane per leader, time running down: the same messages as the graph, over time.
 * It follows the store outside React's render (a few thousand arrows would otherwise be
 * diffed every frame) and redraws at most ten times a second (less on a slow machine), at once
 * on a highlight.
 */
export function SpaceTimeDiagram() {
  const svg = useRef<SVGSVGElement>(null);
  const figure = useRef<HTMLElement>(null);
  const clipId = `mll-st-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const store = useLabStore();
  const [label, setLabel] = useState('Space-time diagram');
  useEffect(() => {
    let last = 0;
    let every = redrawInterval(0);
    let timer: ReturnType<typeof setTimeout> | null = null;
    // The width it is drawn at, read on resize only (never per frame): a phone draws it 1:1.
    let view = spaceTimeView(figure.current?.clientWidth || Number.POSITIVE_INFINITY);
    const draw = () => {
      timer = null;
      last = performance.now();
      const { history, snapshot, highlight, actions } = store.getState();
      const data = spaceTimeData(history, snapshot, { highlight, view });
      if (svg.current) renderSpaceTime(svg.current, data, { onHighlight: actions.setHighlight }, clipId);
      every = redrawInterval(performance.now() - last);
      setLabel(
        `Space-time diagram from ${formatMs(data.from)} to ${formatMs(data.to)}: ${plural(data.arrows.length, 'message')}, ${plural(data.marks.filter((m) => m.kind === 'conflict').length, 'conflict')}. The event log lists the same events in words.`,
      );
    };
    draw();
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
      if (s.highlight !== prev.highlight || (moved && !isRunningOn(s, prev))) {
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
      if (timer) clearTimeout(timer);
    };
  }, [store, clipId]);
  return (
    <figure className="mll-spacetime" ref={figure}>
      <svg ref={svg} role="img" aria-label={label} />
    </figure>
  );
}
