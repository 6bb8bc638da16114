import { expect, waitFor } from 'storybook/test';
import type { LabActions } from '../../src/store/labStore';

/**
 * Helpers for the demo stories' play functions. They drive a lab through the same actions a
 * lesson uses, and read back only what a learner sees on the page: the graph's leaders (their
 * accessible descriptions), the convergence panel, the event log and the lost-writes count.
 */

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

/**
 * Let every message arrive, animated so a teacher can watch: play at `speed` for up to
 * `forMs` real ms, then deliver whatever is left at once (a lab scrolled out of view, or in a
 * docs page, does not animate). The outcome does not depend on which: time is virtual.
 */
export async function settle(actions: LabActions, { speed = 5, forMs = 4000 } = {}): Promise<void> {
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

/** Advance virtual time by `ms` at once (between two writes of a scene). */
export function wait(actions: LabActions, ms: number): void {
  actions.run((sim) => {
    sim.advance(ms);
  });
}

function leaderNode(canvas: HTMLElement, label: string): SVGGElement {
  const node = [...canvas.querySelectorAll<SVGGElement>('g.node')].find((g) =>
    (g.getAttribute('aria-label') ?? '').startsWith(`${label}: leader`),
  );
  if (!node) throw new Error(`No leader "${label}" in the graph`);
  return node;
}

/** A leader's value of a key as the graph says it (formatted: "text", {a, b}, 3, ∅). */
export function shownValue(canvas: HTMLElement, label: string, key: string): string {
  const description = leaderNode(canvas, label).getAttribute('aria-label') ?? '';
  const part = description.split('; ').find((p) => p.startsWith(`${key} = `));
  if (part === undefined) throw new Error(`${label} shows no ${key}: "${description}"`);
  return part.slice(key.length + 3);
}

/** A leader's status as the graph says it: online, offline or crashed. */
export function shownStatus(canvas: HTMLElement, label: string): string {
  const description = leaderNode(canvas, label).getAttribute('aria-label') ?? '';
  return /: leader, (\w+)/.exec(description)?.[1] ?? '';
}

/** Assert every listed leader shows `expected` for `key`. */
export async function expectValues(
  canvas: HTMLElement,
  key: string,
  expected: Readonly<Record<string, string>>,
): Promise<void> {
  // The graph redraws after React commits the store's change: give it a moment.
  await waitFor(async () => {
    const shown = Object.fromEntries(Object.keys(expected).map((label) => [label, shownValue(canvas, label, key)]));
    await expect(shown).toEqual(expected);
  });
}

/** Wait until the convergence panel says `expected` for a key. */
export async function expectConvergence(
  canvas: HTMLElement,
  key: string,
  expected: 'converged' | 'diverged',
): Promise<void> {
  await waitFor(async () => {
    await expect(convergence(canvas, key)).toBe(expected);
  });
}

/** Wait until the graph shows a leader's status. */
export async function expectStatus(canvas: HTMLElement, label: string, expected: string): Promise<void> {
  await waitFor(async () => {
    await expect(shownStatus(canvas, label)).toBe(expected);
  });
}

/** "converged" or "diverged", as the convergence panel says it for a key. */
export function convergence(canvas: HTMLElement, key: string): string {
  const item = [...canvas.querySelectorAll('.mll-convergence li')].find((li) => li.textContent.includes(` ${key}: `));
  return /: (converged|diverged)/.exec(item?.textContent ?? '')?.[1] ?? 'not shown';
}

/** Wait until the event log shows `expected` lost writes. */
export async function expectLostWrites(canvas: HTMLElement, expected: number): Promise<void> {
  await waitFor(async () => {
    await expect(lostWrites(canvas)).toBe(expected);
  });
}

/** The lost-writes count the event log shows. */
export function lostWrites(canvas: HTMLElement): number {
  return Number(canvas.querySelector('.mll-lost strong')?.textContent ?? Number.NaN);
}

/** The event log's entries of one kind (conflict, anomaly, buffer, reject…), newest first, as text. */
export function logEntries(canvas: HTMLElement, type: string): string[] {
  return [...canvas.querySelectorAll(`.mll-event.${type}`)].map((li) => li.textContent);
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
