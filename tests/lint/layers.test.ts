import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rules that hold the architecture: the model stays headless and deterministic,
 * and each layer (core → strategies → model → scenario → store → view → lessons → embed →
 * app) imports only the layers before it. These cases lint small sources as if they lived
 * in those folders (type-aware rules off: the files do not exist on disk).
 */
const eslint = new ESLint({
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function messages(code: string, filePath = 'src/model/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint boundaries of src/model', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;", /no React/],
    ["import { select } from 'd3-selection';\nexport const x = select;", /no D3/],
    ["import * as d3 from 'd3';\nexport const x = d3;", /no D3/],
    ["import { create } from 'zustand';\nexport const x = create;", /no Zustand/],
    ['export const x = Math.random();', /seeded source/],
    ['export const x = Date.now();', /virtual time/],
    ['export const x = new Date();', /virtual time/],
    ['setTimeout(() => undefined, 10);', /no real timers/],
    ['export const x = document.title;', /no DOM/],
    ['export const x = window.innerWidth;', /no DOM/],
  ])('refuses %s', async (code, message) => {
    const found = await messages(code);
    expect(found.some((m) => message.test(m))).toBe(true);
  });

  it('applies to strategies too', async () => {
    expect(await messages('export const x = Math.random();', 'src/strategies/example.ts')).toHaveLength(1);
  });

  it('allows the same code in the view', async () => {
    const found = await messages(
      "import { useState } from 'react';\nexport const x = [useState, Math.random()];",
      'src/view/example.tsx',
    );
    expect(found).toEqual([]);
  });
});

describe('one direction of imports between layers', () => {
  it.each([
    ['src/core/example.ts', "import type { Strategy } from '../strategies/types';", 'src/strategies'],
    ['src/strategies/example.ts', "import { createSimulation } from '../model';", 'src/model'],
    ['src/strategies/crdt/example.ts', "import type { Snapshot } from '../../model/types';", 'src/model'],
    ['src/model/example.ts', "import { loadScenario } from '../scenario';", 'src/scenario'],
    ['src/scenario/example.ts', "import { createLabStore } from '../store/labStore';", 'src/store'],
    ['src/store/example.ts', "import { MultiLeaderLab } from '../view/MultiLeaderLab';", 'src/view'],
    ['src/view/example.tsx', "import { App } from '../app/App';", 'src/app'],
    ['src/lessons/example.ts', "import { x } from '../embed/element';", 'src/embed'],
  ])('refuses in %s: %s', async (file, code, target) => {
    const found = await messages(`${code}\nexport const y = 1;`, file);
    expect(found.some((m) => m.includes(`must not import ${target}`))).toBe(true);
  });

  it.each([
    ['src/strategies/example.ts', "import type { NodeId } from '../core/types';"],
    ['src/model/example.ts', "import { relation } from '../core/vv';"],
    ['src/scenario/example.ts', "import { createSimulation } from '../model';"],
    ['src/view/example.tsx', "import { loadScenario } from '../scenario';"],
    ['src/embed/example.ts', "import { x } from '../lessons/engine';"],
    ['src/app/example.tsx', "import { MultiLeaderLab } from '../view/MultiLeaderLab';"],
  ])('allows in %s: %s', async (file, code) => {
    const found = await messages(`${code}\nexport const y = 1;`, file);
    expect(found.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('keeps React out of the scenario layer too', async () => {
    const found = await messages("import { useState } from 'react';\nexport const x = useState;", 'src/scenario/a.ts');
    expect(found.some((m) => /no React/.test(m))).toBe(true);
  });
});
