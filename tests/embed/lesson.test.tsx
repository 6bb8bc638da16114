// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedLab } from '../../src/embed/EmbeddedLab';
import type { EmbedEventMap, EmbedEventType, EmitEmbedEvent } from '../../src/embed/events';
import { parseEmbedParams, type RawParams } from '../../src/embed/params';
import { courseLesson } from '../../src/lessons/course';

beforeEach(() => {
  localStorage.clear();
});
afterEach(cleanup);

const topologies = courseLesson('topologies');
if (!topologies) throw new Error('the course lost its topologies lesson');

/** Render an embed with these settings, its lazily loaded lesson part arrived; return what it emitted. */
async function embed(raw: RawParams) {
  const events: { type: EmbedEventType; detail: EmbedEventMap[EmbedEventType] }[] = [];
  const emit: EmitEmbedEvent = (type, detail) => {
    events.push({ type, detail });
  };
  render(<EmbeddedLab settings={parseEmbedParams(raw)} emit={emit} />);
  await act(async () => {
    await import('../../src/embed/lessonPart');
  });
  await waitFor(() => {
    expect(screen.queryByText('Loading the lesson…')).toBeNull();
  });
  const of = <K extends EmbedEventType>(type: K) =>
    events.filter((e) => e.type === type).map((e) => e.detail as EmbedEventMap[K]);
  return { events, of };
}

describe('an embed running a lesson', () => {
  it('opens the asked step beside the step’s lab (graph included), and says which step is open', async () => {
    const { of } = await embed({ lesson: 'topologies', step: '2' });
    const step = topologies.steps[1];
    expect(screen.getByRole('heading', { level: 2, name: step?.title })).toBeTruthy();
    expect(screen.getByText(`Step 2 of ${String(topologies.steps.length)}`)).toBeTruthy();
    expect(document.querySelector('.lesson-lab .mll svg')).toBeTruthy();
    // Down a course page, the lesson does not pull focus to itself on load.
    expect(document.activeElement).toBe(document.body);
    expect(of('stepchange')).toEqual([{ version: 1, lesson: 'topologies', step: 2 }]);
    expect(of('ready')).toEqual([{ version: 1, preset: null, title: topologies.title, problems: [] }]);
  });

  it('sends stepchange when the learner moves on, and complete once at the end', async () => {
    const last = topologies.steps.length;
    const { of } = await embed({ lesson: 'topologies', step: String(last - 1) });
    fireEvent.click(screen.getByRole('button', { name: /^(Next|Skip|Skip this task)$/ }));
    expect(of('stepchange').map((d) => d.step)).toEqual([last - 1, last]);
    // Moving on does: focus goes to the new step's heading.
    expect(document.activeElement?.textContent).toBe(topologies.steps[last - 1]?.title);
    expect(screen.getByText(`Step ${String(last)} of ${String(last)}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^(Finish|Skip|Skip this task)$/ }));
    expect(screen.getByRole('heading', { name: 'Lesson complete' })).toBeTruthy();
    expect(of('complete')).toEqual([{ version: 1, lesson: 'topologies' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the last step' }));
    expect(of('complete')).toHaveLength(1);
  });

  it('names an unknown lesson inside the embed and shows the working lab instead', async () => {
    const { of } = await embed({ lesson: 'no-such-lesson', preset: 'lww-clock-skew' });
    const problems = document.querySelector('.mll-embed-problems');
    expect(problems?.textContent).toMatch(/There is no lesson “no-such-lesson”.*why-several-leaders, topologies/);
    expect(document.querySelector('.lesson')).toBeNull();
    expect(screen.getByRole('button', { name: 'Cut Frankfurt–Virginia' })).toBeTruthy();
    expect(of('ready')[0]?.preset).toBe('lww-clock-skew');
    expect(of('stepchange')).toEqual([]);
  });

  it('opens a step past the end at step 1, and says so', async () => {
    const { of } = await embed({ lesson: 'topologies', step: '40' });
    expect(document.querySelector('.mll-embed-problems')?.textContent).toMatch(
      /“topologies” has 5 steps, so there is no step 40: it opens at step 1/,
    );
    expect(screen.getByText(`Step 1 of ${String(topologies.steps.length)}`)).toBeTruthy();
    expect(of('stepchange')).toEqual([{ version: 1, lesson: 'topologies', step: 1 }]);
  });

  it('says progress will not be kept where the page has no storage, and still runs the lesson', async () => {
    const broken = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      await embed({ lesson: 'topologies', step: '1' });
      expect(screen.getByText(/Your progress will not be kept/)).toBeTruthy();
      expect(screen.getByRole('group', { name: topologies.steps[0]?.predict?.question })).toBeTruthy();
    } finally {
      broken.mockRestore();
    }
  });
});

describe('<multi-leader-lab lesson step>', () => {
  it('dispatches mll-stepchange and mll-complete on the element, bubbling out of its shadow root', async () => {
    const { defineMultiLeaderLab } = await import('../../src/embed/element');
    defineMultiLeaderLab();
    const heard: { type: string; detail: unknown; composed: boolean }[] = [];
    const listen = (event: Event) => {
      heard.push({ type: event.type, detail: (event as CustomEvent).detail, composed: event.composed });
    };
    document.addEventListener('mll-stepchange', listen);
    document.addEventListener('mll-complete', listen);
    const lab = document.createElement('multi-leader-lab');
    const last = topologies.steps.length;
    lab.setAttribute('lesson', 'topologies');
    lab.setAttribute('step', String(last));
    try {
      act(() => {
        document.body.append(lab);
      });
      const shadow = lab.shadowRoot;
      if (!shadow) throw new Error('no shadow root');
      await waitFor(() => {
        expect(shadow.querySelector('.lesson')).toBeTruthy();
      });
      expect(heard).toEqual([
        { type: 'mll-stepchange', detail: { version: 1, lesson: 'topologies', step: last }, composed: true },
      ]);
      const finish = [...shadow.querySelectorAll('button')].find((b) => b.classList.contains('lesson-next'));
      act(() => {
        finish?.click();
      });
      expect(heard.at(-1)).toEqual({
        type: 'mll-complete',
        detail: { version: 1, lesson: 'topologies' },
        composed: true,
      });
    } finally {
      document.removeEventListener('mll-stepchange', listen);
      document.removeEventListener('mll-complete', listen);
      act(() => {
        lab.remove();
      });
    }
  });
});
