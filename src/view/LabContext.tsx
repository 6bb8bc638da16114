import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/labStore';

/** The store of the lab this component belongs to (each <MultiLeaderLab> provides its own). */
export const LabContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('Lab components must be used inside <MultiLeaderLab>');
  return store;
}

/** Read a slice of this lab's state; re-renders only when that slice changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/** The lab's own title when its embedder gave one (null for a lab alone on its page). */
export const LabNameContext = createContext<string | null>(null);

/**
 * A panel's accessible name. With several labs on one page each has its own title, and the
 * panels' landmark names carry it ("Event log — Multi-leader"): landmarks must be unique.
 */
export function useRegionName(base: string): string {
  const name = useContext(LabNameContext);
  return name ? `${base} — ${name}` : base;
}
