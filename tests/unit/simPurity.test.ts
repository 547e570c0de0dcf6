import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The lint rules that keep src/sim deterministic are part of the product's contract: prove they bite.
describe('src/sim purity rules', () => {
  const eslint = new ESLint();
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'src/sim/controller/__probe__.ts' });
    return result.messages.map((m) => m.ruleId);
  };

  it.each([
    ['Date.now()', 'export const t = Date.now();', 'no-restricted-globals'],
    ['new Date()', 'export const t = new Date();', 'no-restricted-globals'],
    ['Math.random()', 'export const r = Math.random();', 'no-restricted-properties'],
    ['window', 'export const w = window.innerWidth;', 'no-restricted-globals'],
    ['document', 'export const d = document.title;', 'no-restricted-globals'],
    ['svelte import', "import { mount } from 'svelte';\nexport const m = mount;", 'no-restricted-imports'],
    ['svelte/store import', "import { writable } from 'svelte/store';\nexport const w = writable;", 'no-restricted-imports'],
  ])('rejects %s', async (_label, code, rule) => {
    expect(await lint(code)).toContain(rule);
  });

  it('accepts pure code', async () => {
    expect(await lint('export const add = (a: number, b: number): number => a + b;\n')).toEqual([]);
  });
});
