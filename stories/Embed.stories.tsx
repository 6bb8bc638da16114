import type { Meta, StoryObj } from '@storybook/react-vite';
import { createElement, useEffect, useRef, useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import '../src/embed/element-entry';
import type { MultiLeaderLabElement } from '../src/embed/element';

interface EmbedArgs {
  preset: string;
  controls: string;
  theme: 'light' | 'dark' | 'auto';
  label: string;
  autoplay: boolean;
}

/** `<multi-leader-lab>` as a course page writes it, with the events it has told the page so far. */
function ElementDemo({ preset, controls, theme, label, autoplay }: EmbedArgs) {
  const ref = useRef<MultiLeaderLabElement>(null);
  const [heard, setHeard] = useState<string[]>([]);
  useEffect(() => {
    const lab = ref.current;
    if (!lab) return;
    const note = (e: Event) => {
      const detail = (e as CustomEvent<{ key?: string }>).detail;
      setHeard((h) => [...h.slice(-4), `${e.type}${detail.key ? ` on ${detail.key}` : ''}`]);
    };
    lab.addEventListener('mll-ready', note);
    lab.addEventListener('mll-conflict', note);
    return () => {
      lab.removeEventListener('mll-ready', note);
      lab.removeEventListener('mll-conflict', note);
    };
  }, []);
  return (
    <div>
      {createElement('multi-leader-lab', {
        ref,
        preset,
        controls: controls || undefined,
        theme,
        label,
        ...(autoplay ? { autoplay: '' } : {}),
      })}
      <p>
        Events heard by the page: <output data-testid="heard">{heard.join(', ') || 'none yet'}</output>
      </p>
    </div>
  );
}

const meta = {
  title: 'Embed/Element',
  component: ElementDemo,
  args: { preset: 'lww-clock-skew', controls: 'time,write,log', theme: 'auto', label: 'Clock skew', autoplay: false },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
} satisfies Meta<typeof ElementDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const shadowOf = (canvas: HTMLElement) => {
  const root = canvas.querySelector('multi-leader-lab')?.shadowRoot;
  if (!root) throw new Error('no <multi-leader-lab> with an open shadow root');
  return root;
};

/** A preset with three panels: the lab inside its shadow root, and `mll-ready` heard by the page. */
export const OnAPreset: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('h1')?.textContent).toBe('Clock skew'));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid="heard"]')?.textContent).toContain('mll-ready'),
    );
    await expect(shadowOf(canvasElement).querySelector('.mll-log')).not.toBeNull();
    await expect(shadowOf(canvasElement).querySelector('.mll-strategy')).toBeNull();
  },
};

/** Autoplay replays the run from its start; the conflict it records reaches the page as `mll-conflict`. */
export const Autoplaying: Story = {
  args: { autoplay: true, theme: 'dark', label: 'Clock skew, playing' },
  play: async ({ canvasElement }) => {
    await waitFor(
      () =>
        expect(canvasElement.querySelector('[data-testid="heard"]')?.textContent).toContain('mll-conflict on title'),
      {
        timeout: 10_000,
      },
    );
  },
};

/** A bad setting is named inside the embed; the rest works. */
export const WithABadSetting: Story = {
  args: { preset: 'no-such-scene', controls: 'time,wings', label: 'Bad settings' },
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadowOf(canvasElement).querySelector('.mll-embed-problems')?.textContent).toContain(
        'no preset “no-such-scene”',
      ),
    );
    await expect(shadowOf(canvasElement).querySelector('svg')).not.toBeNull();
  },
};
