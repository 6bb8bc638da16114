import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The model must stay headless and deterministic. These cases lint small sources as if
 * they lived in src/model (type-aware rules off: the files do not exist on disk).
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
