import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';
import { isHeightRequest, MAX_FRAME_HEIGHT, resizeMessages } from '../../src/embed/messages';
import { CONTROL_NAMES, DEFAULT_PRESET, needsDecoder, paramsFromQuery, parseEmbedParams } from '../../src/embed/params';
import { embedSnippets, embedSource } from '../../src/embed/snippet';

const skew = presetById('lww-clock-skew');
if (!skew) throw new Error('the gallery lost lww-clock-skew');

describe('embed settings', () => {
  it('read a preset, panels, theme, label and autoplay from a query string', () => {
    const s = parseEmbedParams(
      paramsFromQuery('?preset=lww-clock-skew&controls=time, Write&theme=dark&label=Week%205&autoplay'),
    );
    expect(s.scenario).toBe(skew);
    expect(s.controls).toEqual(Object.fromEntries(CONTROL_NAMES.map((n) => [n, n === 'time' || n === 'write'])));
    expect([s.theme, s.label, s.autoplay, s.problems]).toEqual(['dark', 'Week 5', true, []]);
  });

  it('show every panel when controls is absent, and take an encoded scenario over a preset', () => {
    const run = { ...skew, title: 'Mine', commands: skew.commands.slice(0, 2) };
    const s = parseEmbedParams({ preset: 'merge-cart', scenario: encodeScenario(run) }, decodeScenario);
    expect(s.scenario.title).toBe('Mine');
    expect(s.scenario.commands).toEqual(run.commands);
    expect(parseEmbedParams({}).controls).toEqual({});
  });

  it('name each bad value in words and fall back for it alone', () => {
    const s = parseEmbedParams({
      preset: 'nope',
      controls: 'time,wings',
      theme: 'sepia',
      autoplay: 'sometimes',
      step: '-2',
      label: 'Kept',
    });
    expect(s.scenario.id).toBe(DEFAULT_PRESET);
    expect(s.controls.time).toBe(true);
    expect([s.theme, s.autoplay, s.step, s.label]).toEqual(['auto', false, null, 'Kept']);
    expect(s.problems).toHaveLength(5);
    expect(s.problems.join(' ')).toMatch(/no preset “nope”.*“-2”.*“wings”.*“sepia”.*“sometimes”/s);
  });

  it('say a cut-short scenario could not be read, and open the preset named beside it', () => {
    const encoded = encodeScenario(skew);
    const s = parseEmbedParams(
      { scenario: encoded.slice(0, encoded.length / 2), preset: 'merge-cart' },
      decodeScenario,
    );
    expect(s.scenario.id).toBe('merge-cart');
    expect(s.problems[0]).toMatch(/^The scenario could not be read/);
  });

  it('read a lesson and its step (whether the lesson exists is checked once the lessons are loaded)', () => {
    const s = parseEmbedParams({ lesson: ' topologies ', step: '2' });
    expect([s.lesson, s.step, s.problems]).toEqual(['topologies', 2, []]);
    expect(parseEmbedParams({ lesson: '' }).lesson).toBeNull();
  });
});

describe('frame messages', () => {
  it('pair our resize envelope with lti.frameResize, clamped', () => {
    expect(resizeMessages(412.2)).toEqual([
      { source: 'multi-leader-lab', version: 1, type: 'resize', height: 413 },
      { subject: 'lti.frameResize', height: 413 },
    ]);
    expect(resizeMessages(1e9)[1].height).toBe(MAX_FRAME_HEIGHT);
  });

  it('take only the documented height request, exactly', () => {
    expect(isHeightRequest({ target: 'multi-leader-lab', type: 'get-height' })).toBe(true);
    for (const other of [
      null,
      'get-height',
      { target: 'multi-leader-lab', type: 'play' },
      { target: 'multi-leader-lab', type: 'get-height', x: 1 },
    ]) {
      expect(isHeightRequest(other)).toBe(false);
    }
  });
});

describe('embed snippets', () => {
  it('name an untouched preset by its id, and carry a changed run whole', () => {
    expect(embedSource(skew)).toEqual({ preset: 'lww-clock-skew' });
    const changed = { ...skew, commands: skew.commands.slice(0, 2) };
    const source = embedSource(changed);
    expect(
      'scenario' in source && parseEmbedParams({ scenario: source.scenario }, decodeScenario).scenario.commands,
    ).toEqual(changed.commands);
  });

  it('give an iframe and an element that point at dist/ wherever it is served', () => {
    const { iframe, element } = embedSnippets('https://uni.example/courses/lab/', skew, 'Skew & "you"');
    expect(iframe).toContain('src="https://uni.example/courses/lab/embed.html?preset=lww-clock-skew&amp;label=Skew');
    expect(iframe).toContain('sandbox="allow-scripts allow-popups"');
    expect(iframe).not.toContain('allow-same-origin');
    expect(element).toContain(
      '<script type="module" src="https://uni.example/courses/lab/multi-leader-lab.js"></script>',
    );
    expect(element).toContain(
      '<multi-leader-lab preset="lww-clock-skew" label="Skew &amp; &quot;you&quot;"></multi-leader-lab>',
    );
  });

  it('need the link reader only for an encoded scenario, and say so plainly without it', () => {
    expect(needsDecoder({ preset: 'merge-cart' })).toBe(false);
    expect(needsDecoder({ scenario: '  ' })).toBe(false);
    const encoded = encodeScenario(skew);
    expect(needsDecoder({ scenario: encoded })).toBe(true);
    const without = parseEmbedParams({ scenario: encoded, preset: 'merge-cart' });
    expect(without.problems.join(' ')).toMatch(/could not be read \(the link reader did not load\)/);
    expect(without.scenario.title).toBe(presetById('merge-cart')?.title);
  });
});
