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

// The rules hold for our own code; the libraries the core runs (XState, js-yaml) are checked by
// running the core with the real clock and the random generator made to throw.
describe('src/sim at run time', () => {
  it('runs a create, an in-place rollout, a bad image and a deletion without reading real time or Math.random', async () => {
    const { Cluster } = await import('../../src/sim/cluster');
    const cs = (image: string, replicas = 4) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: ${image}, readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 2, periodSeconds: 1}}]
  updateStrategy: {type: InPlaceIfPossible, maxSurge: 1}
`;
    const real = { now: Date.now, random: Math.random };
    const touched: string[] = [];
    Date.now = () => {
      touched.push('Date.now');
      return real.now();
    };
    Math.random = () => {
      touched.push('Math.random');
      return real.random();
    };
    try {
      const c = new Cluster({ seed: 3 });
      expect(c.apply(cs('nginx:1.25')).ok).toBe(true);
      c.settle(600);
      expect(c.apply(cs('nginx:1.26')).ok).toBe(true);
      c.settle(600);
      expect(c.apply(cs('nginx:no-such-tag')).ok).toBe(true);
      c.advance(120);
      expect(c.apply(cs('nginx:1.27', 2)).ok).toBe(true);
      c.settle(600);
      expect(c.pods().map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.27']);
    } finally {
      Date.now = real.now;
      Math.random = real.random;
    }
    expect(touched).toEqual([]);
  });
});
