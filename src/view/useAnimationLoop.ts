import { type RefObject, useEffect } from 'react';
import type { LabStore } from '../store/labStore';

/**
 * One requestAnimationFrame loop per lab instance, advancing virtual time by
 * speed × elapsed real time. It runs only while playing, the tab is visible and the lab is
 * on screen, so a page with many embedded labs costs nothing while they are out of view.
 */
export function useAnimationLoop(store: LabStore, container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let frame = 0;
    let last: number | null = null;
    // Unknown until the observer's first report (it always makes one): a lab starting below the
    // fold never runs a frame. Without an observer (jsdom, old browsers) it counts as on screen.
    const observable = typeof IntersectionObserver !== 'undefined' && container.current !== null;
    let onScreen = !observable;
    const running = () => store.getState().playing && onScreen && document.visibilityState === 'visible';
    const loop = (now: number) => {
      frame = 0;
      if (!running()) {
        last = null;
        return;
      }
      // Cap a frame's step so a stalled tab does not leap ahead.
      if (last !== null) store.getState().actions.tick(Math.min(100, now - last));
      last = now;
      frame = requestAnimationFrame(loop);
    };
    const wake = () => {
      if (frame === 0 && running()) frame = requestAnimationFrame(loop);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.playing !== prev.playing) wake();
    });
    document.addEventListener('visibilitychange', wake);
    const observer = !observable
      ? null
      : new IntersectionObserver((entries) => {
          onScreen = entries.some((e) => e.isIntersecting);
          wake();
        });
    if (observer && container.current) observer.observe(container.current);
    wake();
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      unsubscribe();
      document.removeEventListener('visibilitychange', wake);
      observer?.disconnect();
    };
  }, [store, container]);
}
