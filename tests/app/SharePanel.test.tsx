// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRoute } from '../../src/app/routes';
import { SharePanel } from '../../src/app/SharePanel';
import type { SimulationConfig } from '../../src/model';
import { decodeScenario, type Scenario } from '../../src/scenario';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';

const config: SimulationConfig = {
  seed: 3,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
  ],
  latencyMs: 100,
  keys: { title: 'register' },
};

let store: LabStore;

beforeEach(() => {
  store = createLabStore(config);
  store.getState().actions.write('eu', 'title', { type: 'set', value: 'shared' });
  store.getState().actions.step();
  render(
    <LabContext.Provider value={store}>
      <SharePanel />
    </LabContext.Provider>,
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The scenario a `#/lab?s=` link carries. */
function scenarioOf(link: string): Scenario {
  const route = parseRoute(new URL(link).hash);
  if (!('shared' in route)) throw new Error(`not a shared link: ${link}`);
  const decoded = decodeScenario(route.shared);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.scenario;
}

describe('<SharePanel> Copy link', () => {
  it('copies a #/lab?s= link that carries the run as it stands', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText(/Link copied/);
    const link = writeText.mock.calls[0]?.[0] ?? '';
    expect(link).toMatch(/#\/lab\?s=mll1\./);
    expect(scenarioOf(link)).toEqual(store.getState().actions.scenario());
  });

  it('shows the link in a read-only field to copy by hand when the clipboard is closed', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    const field = await screen.findByRole<HTMLInputElement>('textbox', { name: /copy the link from this box/ });
    expect(field.readOnly).toBe(true);
    expect(scenarioOf(field.value).commands).toHaveLength(1);
  });
});

describe('<SharePanel> Export', () => {
  it('downloads the scenario as a .json file that parses back to the run', async () => {
    let saved: Blob | null = null;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved = blob;
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export .json' }));
    expect(clicks).toEqual(['multi-leader-run.json']);
    expect(saved).not.toBeNull();
    const text = await (saved as unknown as Blob).text();
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(store.getState().actions.scenario())));
    expect(screen.getByText('Saved multi-leader-run.json to your downloads.')).toBeTruthy();
  });
});

describe('<SharePanel> Import', () => {
  const importFile = async (name: string, text: string) => {
    const input = screen.getByLabelText<HTMLInputElement>('Scenario file to import');
    const file = new File([text], name, { type: 'application/json' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
      await new Promise((r) => setTimeout(r, 0));
    });
  };

  it('lists an import’s errors by path and leaves the run as it was', async () => {
    const before = store.getState().actions.scenario();
    const bad = {
      ...before,
      commands: [{ at: 0, type: 'write', node: 'xx', key: 'title', op: { type: 'set', value: 'a' } }],
    };
    await importFile('bad.json', JSON.stringify(bad));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/bad.json was not imported; the run is unchanged/);
    expect(alert.querySelector('code')?.textContent).toBe('commands[0].node');
    expect(store.getState().actions.scenario()).toEqual(before);
    expect(store.getState().undoDepth).toBe(0);
  });

  it('says a file that is not JSON is not JSON', async () => {
    await importFile('notes.json', '{ oops');
    expect((await screen.findByRole('alert')).textContent).toMatch(/the file: the file is not JSON/);
  });

  it('replaces the run with a good file, and Undo brings the old one back', async () => {
    const other = { format: 'mll-scenario/1', title: 'Other', config: { ...config, seed: 99 }, commands: [] };
    await importFile('other.json', JSON.stringify(other));
    await waitFor(() => {
      expect(store.getState().sim.config.seed).toBe(99);
    });
    expect(store.getState().notice?.text).toBe('Imported other.json: the previous run was replaced.');
    act(() => {
      store.getState().actions.undo();
    });
    expect(store.getState().sim.config.seed).toBe(3);
    expect(store.getState().historyTotal).toBeGreaterThan(0);
  });
});
