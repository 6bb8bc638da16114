// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../../src/model';
import { graphData } from '../../src/view/graph/graphData';
import { renderGraph } from '../../src/view/graph/renderGraph';
import { datacenters } from '../fixtures/datacenters';

function setup() {
  const s = createSimulation({
    seed: 1,
    nodes: datacenters({}, 2),
    latencyMs: 100,
    keys: { title: 'register' },
  });
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  return { s, svg };
}

describe('renderGraph', () => {
  it('joins by key: the same leaders stay the same elements across frames', () => {
    const { s, svg } = setup();
    renderGraph(svg, graphData(s.snapshot()));
    const first = svg.querySelector('g.node');
    s.write('eu', 'title', { type: 'set', value: 'Hello' });
    renderGraph(svg, graphData(s.snapshot()));
    expect(svg.querySelectorAll('g.node')).toHaveLength(2);
    expect(svg.querySelector('g.node')).toBe(first);
    expect(first?.getAttribute('aria-label')).toBe('Frankfurt (eu, tie rank 2): leader, online; title = "Hello"');
    expect(svg.querySelectorAll('g.message')).toHaveLength(1);
    s.runUntilQuiescent();
    renderGraph(svg, graphData(s.snapshot()));
    expect(svg.querySelectorAll('g.message')).toHaveLength(0);
  });

  it('shows a cut link and a crashed leader by shape, and reports clicks and keys', () => {
    const { s, svg } = setup();
    s.cutLink('eu', 'us');
    s.crashNode('us');
    const onLink = vi.fn();
    const onNode = vi.fn();
    renderGraph(svg, graphData(s.snapshot()), { onLink, onNode });
    const link = svg.querySelector('g.link');
    expect(link?.classList.contains('cut')).toBe(true);
    expect(link?.querySelector('.cut-mark')?.getAttribute('visibility')).toBe('visible');
    const crashed = svg.querySelectorAll('g.node')[1];
    expect(crashed?.querySelector('.crash-mark')?.getAttribute('visibility')).toBe('visible');
    link?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    crashed?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    crashed?.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    expect(onLink).toHaveBeenCalledWith('eu', 'us');
    expect(onNode).toHaveBeenCalledTimes(1);
    expect(onNode).toHaveBeenCalledWith('us');
  });
});
