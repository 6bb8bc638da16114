import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
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

export interface LeaderNames {
  /** The leaders' ids, in the cluster's order. */
  readonly ids: readonly string[];
  /** A leader's label (its id if it has none, or is unknown). */
  readonly label: (id: string) => string;
}

/**
 * The leaders' ids and labels. The snapshot's nodes are new every frame while time runs; their
 * names change only with a new cluster, and so does this (a component using it re-renders then).
 */
export function useLeaderNames(): LeaderNames {
  const pairs = useLab(useShallow((s) => s.snapshot.nodes.map((n) => `${n.id}\u0000${n.label}`)));
  return useMemo(() => {
    const entries = pairs.map((pair) => pair.split('\u0000') as [string, string]);
    const names = new Map(entries);
    return { ids: entries.map(([id]) => id), label: (id: string) => names.get(id) ?? id };
  }, [pairs]);
}
