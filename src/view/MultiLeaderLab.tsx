import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type SimulationConfig, SimulationError, type SimulationOptions } from '../model';
import type { Scenario } from '../scenario';
import { createLabStore, type LabActions, type LabStore } from '../store/labStore';
import { Announcer } from './Announcer';
import { ClusterSettings } from './ClusterSettings';
import { CompareLauncher } from './CompareLauncher';
import { ConvergencePanel } from './ConvergencePanel';
import { EventLog } from './EventLog';
import { LabContext, LabNameContext, useLab } from './LabContext';
import { LeaderPanel } from './LeaderPanel';
import { LinkPanel } from './LinkPanel';
import { PlaybackControls } from './PlaybackControls';
import { SpaceTimeDiagram } from './SpaceTimeDiagram';
import { Shortcuts } from './Shortcuts';
import { StrategyPicker } from './StrategyPicker';
import { TieNotice } from './TieNotice';
import { TopologyGraph } from './TopologyGraph';
import { UndoNotice, undoOnKey } from './UndoNotice';
import { useAnimationLoop } from './useAnimationLoop';
import { WriteForm } from './WriteForm';
import './lab.css';

export interface LabControls {
  readonly time?: boolean;
  readonly write?: boolean;
  readonly strategy?: boolean;
  readonly log?: boolean;
  readonly leader?: boolean;
  readonly spacetime?: boolean;
  readonly cluster?: boolean;
  /** The list of links, each with cut/heal and its own latency. */
  readonly links?: boolean;
  /** The "Compare strategies" button and its side-by-side table. */
  readonly compare?: boolean;
}

export interface MultiLeaderLabProps {
  /** The cluster (leaders, topology, keys, strategy, seed), when no `scenario` is given. Read once, at mount. */
  readonly config?: SimulationConfig;
  /** The run to start from: a config plus timed commands, standing at its `at`. Read once, at mount. */
  readonly scenario?: Scenario;
  /** Which panels to show (all by default), so lessons and embeds can pare it down. */
  readonly controls?: LabControls;
  readonly title?: string;
  /**
   * Called once with this lab's actions (and its store, for an embed that reports what happens),
   * so a lesson, an embed or a benchmark can drive it.
   */
  readonly onReady?: (actions: LabActions, store: LabStore) => void;
  /** Options for the simulation (registered merges and resolvers, XState's inspect hook). Read once. */
  readonly options?: SimulationOptions;
  /** Extra controls shown under the header (the app's share panel), inside this lab's context. */
  readonly children?: ReactNode;
}

/**
 * One self-contained lab: its own simulation and UI store, so several on a page never
 * share state. Lessons, embeds and stories all render this component.
 */
export function MultiLeaderLab({
  config,
  scenario,
  controls = {},
  title: titleProp,
  onReady,
  options,
  children,
}: MultiLeaderLabProps) {
  const title = titleProp ?? 'Multi-Leader Lab';
  const [created] = useState(() => {
    try {
      const start = scenario ?? config;
      if (!start) throw new SimulationError('invalid-config', 'The lab needs a scenario or a config');
      return { store: createLabStore(start, options), error: null };
    } catch (e) {
      // A scenario the model refuses (from a lesson, an embed's URL, a story's controls) is said
      // in words instead of breaking the page.
      if (e instanceof SimulationError) return { store: null, error: e.message };
      throw e;
    }
  });
  if (!created.store) {
    return (
      <div className="mll">
        <div className="mll-invalid" role="alert">
          <h2>{title} cannot start this scenario</h2>
          <p>{created.error}</p>
        </div>
      </div>
    );
  }
  return (
    // A lab given its own title names its panels with it, so several on one page stay distinct.
    <LabNameContext.Provider value={titleProp ?? null}>
      <Lab store={created.store} controls={controls} title={title} {...(onReady ? { onReady } : {})}>
        {children}
      </Lab>
    </LabNameContext.Provider>
  );
}

function Lab({
  store,
  controls,
  title,
  onReady,
  children,
}: {
  store: LabStore;
  controls: LabControls;
  title: string;
  onReady?: (actions: LabActions, store: LabStore) => void;
  children?: ReactNode;
}) {
  // Once per mounted lab, even under StrictMode's double effects in development: a lesson's
  // setup or a benchmark's writer must not start twice.
  const readied = useRef(false);
  useEffect(() => {
    if (readied.current) return;
    readied.current = true;
    onReady?.(store.getState().actions, store);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a changed callback must not re-run it
  }, [store]);
  const root = useRef<HTMLDivElement>(null);
  useAnimationLoop(store, root);
  const show = (k: keyof LabControls) => controls[k] !== false;
  return (
    <LabContext.Provider value={store}>
      {/* Ctrl+Z anywhere in the lab: the keys bubble up here from its controls. */}
      <div className="mll" ref={root} onKeyDown={undoOnKey(store)}>
        <Announcer />
        <header className="mll-header">
          <h1>{title}</h1>
          {show('strategy') && <StrategyPicker />}
          <Shortcuts root={root} />
        </header>
        {children}
        {show('time') && <PlaybackControls />}
        <UndoNotice />
        <TieNotice />
        {show('cluster') && <ClusterSettings />}
        {show('compare') && <CompareLauncher />}
        <div className="mll-main">
          <div className="mll-stage">
            <div className="mll-views">
              <TopologyGraph />
              {show('spacetime') && <SpaceTimeDiagram />}
            </div>
            <ConvergencePanel />
          </div>
          <div className="mll-panels">
            <div className="mll-column">
              {show('write') && <WriteForm />}
              <ErrorLine />
              {show('leader') && <LeaderPanel />}
              {show('links') && <LinkPanel />}
            </div>
            {show('log') && <EventLog />}
          </div>
        </div>
      </div>
    </LabContext.Provider>
  );
}

/** The last refused command, in words (an assertive announcement: it is an error). */
function ErrorLine() {
  const error = useLab((s) => s.error);
  return (
    <p className="mll-error" role="alert">
      {error}
    </p>
  );
}
