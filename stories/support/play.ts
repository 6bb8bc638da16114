import { expect, waitFor } from 'storybook/test';
import {
  type Command,
  convergedValues,
  lostWriteIds,
  type NodeId,
  type SimEvent,
  type Simulation,
  type Value,
} from '../../src/model';
import { applyCommand, describeCommand, loadScenario, type Scenario } from '../../src/scenario';
import type { LabActions } from '../../src/store/labStore';

/**
 * Helpers for the demo stories' play functions. A story's lab starts from its preset scenario
 * at time 0; `playScenario` issues the preset's commands at their recorded times, animated, one
 * step per moment; the checks read the model's snapshot and history, not the page's labels.
 */

/** Storybook's `step`, which names each part of a play function in the Interactions panel. */
export type Step = (label: string, play: () => Promise<void> | void) => Promise<void> | void;

type OnReady = ((actions: LabActions) => void) & { mock?: { lastCall?: unknown[] } };

/** The actions of the lab a story rendered (its onReady arg is a spy that received them). */
export async function labActions(onReady: OnReady): Promise<LabActions> {
  let actions: LabActions | undefined;
  await waitFor(() => {
    actions = onReady.mock?.lastCall?.[0] as LabActions | undefined;
    if (!actions) throw new Error('the lab has not handed over its actions yet');
  });
  if (!actions) throw new Error('no lab actions');
  return actions;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** Real ms between two animation steps, and the longest a stretch of virtual time may take. */
const FRAME_MS = 30;
const MAX_REAL_MS = 4000;

/**
 * Move the lab's virtual time to `target`, animated at `speed` (virtual ms per real ms, by the
 * real time that passed, so a slow machine draws fewer frames rather than taking longer) so a
 * teacher can watch the messages fly, but never past `target`, so a command lands at exactly
 * its recorded time. A stretch longer than MAX_REAL_MS of real time is finished at once; an
 * infinite speed jumps. Time is virtual, so the outcome is the same.
 */
export async function animateTo(actions: LabActions, target: number, { speed = 5 } = {}): Promise<void> {
  const deadline = performance.now() + MAX_REAL_MS;
  let last = performance.now();
  for (;;) {
    const now = actions.snapshot().time;
    if (now >= target) return;
    const real = performance.now();
    const animated = Number.isFinite(speed) && real < deadline;
    const dt = animated ? Math.min(Math.max(1, Math.round((real - last) * speed)), target - now) : target - now;
    last = real;
    actions.run((sim) => {
      sim.advance(dt);
    });
    const reached = actions.snapshot().time;
    if (reached === now) throw new Error(`The lab did not advance from ${String(now)} ms towards ${String(target)} ms`);
    if (reached < target) await sleep(FRAME_MS);
  }
}

/** Read the lab's simulation without changing it (history, commands, reads). */
export function readSim<T>(actions: LabActions, read: (sim: Simulation) => T): T {
  let result: { value: T } | undefined;
  actions.run((sim) => {
    result = { value: read(sim) };
  });
  if (!result) throw new Error('the lab did not run the read');
  return result.value;
}

const ms = (t: number) => `${String(t)} ms`;

/** The virtual time a scenario's recorded run ends at (where its lab stands by default). */
export function endOf(scenario: Scenario): number {
  return scenario.at ?? Math.max(scenario.end ?? 0, scenario.commands.at(-1)?.at ?? 0);
}

/**
 * Act a scenario out in a lab that started from it at time 0 (see startOf): each moment's
 * commands are one named step, issued at their recorded time, with the replication between
 * them animated. It resumes after the commands the lab already holds, so a story can stop
 * part-way, check, and call it again.
 *
 * - `until`: stop at this virtual time, with the commands before it issued and every message
 *   due by then delivered (commands at exactly `until` wait for the next call).
 * - `before`: stop just before the next command of this type (at its time, not yet issued).
 * - `speed`: virtual ms per real ms while replication runs between commands.
 *
 * With neither, it plays every command and runs on to the scenario's end, then checks that the
 * lab holds exactly the run `loadScenario` gives for the same scenario.
 */
export async function playScenario(
  actions: LabActions,
  step: Step,
  scenario: Scenario,
  { until, before, speed = 5 }: { until?: number; before?: Command['type']; speed?: number } = {},
): Promise<void> {
  const labels = Object.fromEntries(scenario.config.nodes.map((n) => [n.id, n.label ?? n.id]));
  const played = readSim(actions, (sim) => sim.commands().length);
  let pending = scenario.commands.slice(played).filter((c) => until === undefined || c.at < until);
  let stop = until ?? endOf(scenario);
  if (before !== undefined) {
    const next = pending.findIndex((c) => c.type === before);
    const cmd = pending[next];
    if (!cmd) throw new Error(`The scenario has no ${before} command left to stop before`);
    pending = pending.slice(0, next);
    stop = cmd.at;
  }
  const moments = new Map<number, Command[]>();
  for (const cmd of pending) moments.set(cmd.at, [...(moments.get(cmd.at) ?? []), cmd]);
  for (const [at, cmds] of moments) {
    const said = cmds.map((c) => describeCommand(c, labels)).join('; ');
    await step(`At ${ms(at)}: ${said}`, async () => {
      await animateTo(actions, at, { speed });
      actions.run((sim) => {
        for (const cmd of cmds) applyCommand(sim, cmd);
      });
    });
  }
  await step(`Replication runs on to ${ms(stop)}`, async () => {
    await animateTo(actions, stop, { speed });
  });
  if (until === undefined && before === undefined) {
    const expected = loadScenario(scenario).snapshot();
    await expect(JSON.stringify(actions.snapshot())).toBe(JSON.stringify(expected));
  }
}

/** Every listed leader's value of a key, from the lab's snapshot (by leader id). */
export function valuesOf(
  actions: LabActions,
  key: string,
  nodes?: readonly NodeId[],
): Record<NodeId, Value | undefined> {
  return Object.fromEntries(
    actions
      .snapshot()
      .nodes.filter((n) => !nodes || nodes.includes(n.id))
      .map((n) => [n.id, n.keys[key]?.value]),
  );
}

/** The same value on every leader (by id). */
export function everywhere(actions: LabActions, value: Value): Record<NodeId, Value> {
  return Object.fromEntries(actions.snapshot().nodes.map((n) => [n.id, value]));
}

/** Assert the listed leaders hold these values of `key` (others are not checked). */
export async function expectValues(
  actions: LabActions,
  key: string,
  expected: Readonly<Record<NodeId, Value>>,
): Promise<void> {
  await expect(valuesOf(actions, key, Object.keys(expected))).toEqual(expected);
}

/** Whether the model says a key has converged (nothing in flight or held, every replica equal). */
export function converged(actions: LabActions, key: string): boolean | undefined {
  return actions.snapshot().converged[key];
}

/** The lab's events of one type, oldest first, from the model's history. */
export function eventsOf<T extends SimEvent['type']>(actions: LabActions, type: T): Extract<SimEvent, { type: T }>[] {
  return readSim(actions, (sim) => sim.history().filter((e): e is Extract<SimEvent, { type: T }> => e.type === type));
}

/** The writes the lab counts as lost (the one definition, src/model/lost.ts), sorted. */
export function lostWrites(actions: LabActions): string[] {
  return readSim(actions, (sim) => lostWriteIds(sim.history(), convergedValues(sim.snapshot()))).sort();
}

/** The conflict explanations, joined: what the event log says about each conflict. */
export function conflictText(actions: LabActions): string {
  return eventsOf(actions, 'conflict')
    .map((e) => `${e.explanation} Discarded: ${e.discarded.join(', ')}`)
    .join('\n');
}

/**
 * Let every message arrive after a story's own extra actions, animated: play at `speed` for up
 * to `forMs` real ms, then deliver whatever is left at once.
 */
export async function settle(actions: LabActions, { speed = 5, forMs = MAX_REAL_MS } = {}): Promise<void> {
  actions.setSpeed(speed);
  actions.play();
  // Polled on a timer: a MutationObserver-driven waitFor would re-check on every frame's render.
  const deadline = performance.now() + forMs;
  while (!actions.snapshot().quiescent && performance.now() < deadline) await sleep(100);
  actions.pause();
  actions.run((sim) => {
    sim.runUntilQuiescent();
  });
  await nextFrames();
}

/** Let React commit and the graph redraw (two animation frames, or 100 ms each when hidden). */
export async function nextFrames(): Promise<void> {
  for (let i = 0; i < 2; i++)
    await new Promise<void>((resolve) => {
      requestAnimationFrame(() => {
        resolve();
      });
      // A hidden page draws no frames: do not wait for ever.
      setTimeout(resolve, 100);
    });
}

/** Advance virtual time by `ms` at once (between two of a story's own extra actions). */
export function wait(actions: LabActions, ms: number): void {
  actions.run((sim) => {
    sim.advance(ms);
  });
}

type OnReadyAt = ((index: number, actions: LabActions) => void) & { mock?: { calls?: unknown[][] } };

/** The actions of every lab in a LabRow, by index (the latest mount of each). */
export async function rowActions(onReadyAt: OnReadyAt, count: number): Promise<LabActions[]> {
  const found: LabActions[] = [];
  await waitFor(() => {
    for (const call of onReadyAt.mock?.calls ?? []) found[call[0] as number] = call[1] as LabActions;
    if (found.filter(Boolean).length < count) throw new Error('not every lab has handed over its actions');
  });
  return found;
}

/** One lab of a LabRow, by its title. */
export function labSection(canvas: HTMLElement, title: string): HTMLElement {
  const section = [...canvas.querySelectorAll<HTMLElement>('section[data-variant]')].find(
    (s) => s.getAttribute('aria-label') === title,
  );
  if (!section) throw new Error(`No lab titled "${title}"`);
  return section;
}
