import { useSyncExternalStore } from 'react';

const query = '(prefers-reduced-motion: reduce)';

/** True when the reader asked for less motion: messages then jump instead of gliding. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof matchMedia === 'undefined') return () => undefined;
      const mq = matchMedia(query);
      mq.addEventListener('change', notify);
      return () => {
        mq.removeEventListener('change', notify);
      };
    },
    () => (typeof matchMedia === 'undefined' ? false : matchMedia(query).matches),
    () => false,
  );
}
