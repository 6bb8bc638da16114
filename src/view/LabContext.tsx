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
