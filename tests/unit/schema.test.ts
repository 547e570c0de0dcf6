import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from '../../src/sim/cluster';
import { cloneSetSchema, describedPaths } from '../../src/ui/editor/schema/cloneSetSchema';
import { DESCRIPTIONS } from '../../src/ui/editor/schema/descriptions';
import { SEED_CLONESET_YAML } from '../../src/ui/editor/seed';

// Ajv 6 (already in node_modules, through ESLint) reads draft-07; int32 and int64 are the
// Kubernetes formats, taught to it here.
const ajv = new Ajv({ allErrors: true });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
const validators = { en: ajv.compile(cloneSetSchema('en')), zh: ajv.compile(cloneSetSchema('zh')) };

function errorsOf(doc: unknown, lang: 'en' | 'zh' = 'en'): string[] {
  const validate = validators[lang];
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

const scenarioDir = join(import.meta.dirname, '..', 'scenarios');
const scenarioFiles = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort();

const cloneSetDocs = (text: string): unknown[] =>
  yaml.loadAll(text).filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'CloneSet');

describe('CloneSet JSON schema', () => {
  it('accepts the seed post\'s CloneSet', () => {
    expect(errorsOf(yaml.load(SEED_CLONESET_YAML))).toEqual([]);
    expect(errorsOf(yaml.load(SEED_CLONESET_YAML), 'zh')).toEqual([]);
  });

  // Each scenario's applies, replayed on a cluster (kubectl steps and time left out: they do not
  // change what the webhooks admit); every CloneSet in an accepted apply must pass the schema.
  it.each(scenarioFiles)('accepts every CloneSet the cluster accepts in %s', (file) => {
    const scenario = yaml.load(readFileSync(join(scenarioDir, file), 'utf8')) as { seed?: number; cluster?: ClusterOptions; steps: Record<string, unknown>[] };
    const { nodes, podQuota, featureGates, kruiseVersion } = scenario.cluster ?? {};
    const cluster = new Cluster({ nodes, podQuota, featureGates, kruiseVersion, seed: scenario.seed ?? 1 });
    let checked = 0;
    scenario.steps.forEach((step, i) => {
      if (typeof step.apply !== 'string') return;
      const text = step.apply.replace(/@pods\[(\d+)\]/g, (_m, n: string) => cluster.pods()[Number(n)]?.metadata.name ?? 'missing');
      const accepted = cluster.apply(text).ok;
      cluster.settle();
      if (!accepted) return;
      for (const doc of cloneSetDocs(text)) {
        expect(errorsOf(doc), `step ${i}`).toEqual([]);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
  });

  const base = () => yaml.load(SEED_CLONESET_YAML) as { spec: Record<string, unknown> & { updateStrategy: Record<string, unknown> }; [k: string]: unknown };

  it('reports wrong types, unknown enum values, bad percentages and unknown spec fields', () => {
    const wrongReplicas = base();
    wrongReplicas.spec.replicas = 'five';
    expect(errorsOf(wrongReplicas)).toEqual(['.spec.replicas should be integer']);

    const wrongType = base();
    wrongType.spec.updateStrategy.type = 'InPlace';
    expect(errorsOf(wrongType)).toEqual(['.spec.updateStrategy.type should be equal to one of the allowed values']);

    const wrongPartition = base();
    wrongPartition.spec.updateStrategy.partition = '30';
    expect(errorsOf(wrongPartition)).toContain('.spec.updateStrategy.partition should match pattern "^[0-9]+(\\.[0-9]+)?%$"');
    wrongPartition.spec.updateStrategy.partition = '12.5%';
    expect(errorsOf(wrongPartition)).toEqual([]);

    const unknown = base();
    unknown.spec.replica = 5;
    expect(errorsOf(unknown)).toEqual(['.spec should NOT have additional properties']);

    const paused = base();
    paused.spec.updateStrategy.paused = 'yes';
    expect(errorsOf(paused)).toEqual(['.spec.updateStrategy.paused should be boolean']);

    const noTemplate = base();
    delete noTemplate.spec.template;
    expect(errorsOf(noTemplate)).toEqual([".spec should have required property 'template'"]);

    const tooMany = base();
    tooMany.spec.replicas = 2 ** 31;
    expect(errorsOf(tooMany)).toEqual(['.spec.replicas should be <= 2147483647', '.spec.replicas should match format "int32"']);
  });

  it('checks the pod template fields it knows, and lets unknown ones through (the webhook drops them)', () => {
    const doc = base() as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    doc.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
    expect(errorsOf(doc)).toEqual(['.spec.template.spec.containers[0].imagePullPolicy should be equal to one of the allowed values']);
    doc.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    doc.spec.template.spec.containers[0].futureField = true;
    doc.spec.template.spec.containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 0.5 } };
    expect(errorsOf(doc)).toEqual([]);
    doc.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } };
    expect(errorsOf(doc).length).toBeGreaterThan(0);
  });

  it('describes every field in English and Chinese, and nothing else', () => {
    const paths = describedPaths();
    expect(new Set(paths).size).toBe(paths.length);
    expect(Object.keys(DESCRIPTIONS).sort()).toEqual([...paths].sort());
    for (const path of paths) {
      expect(DESCRIPTIONS[path].en, path).toMatch(/\S/);
      expect(DESCRIPTIONS[path].zh, path).toMatch(/[\u4e00-\u9fff]/);
      expect(DESCRIPTIONS[path].zh, path).not.toBe(DESCRIPTIONS[path].en);
    }
  });

  it('carries the language into the schema', () => {
    const en = cloneSetSchema('en') as { properties: { spec: { properties: { updateStrategy: { properties: { partition: { description: string } } } } } } };
    const zh = cloneSetSchema('zh') as typeof en;
    expect(en.properties.spec.properties.updateStrategy.properties.partition.description).toMatch(/^How many pods/);
    expect(zh.properties.spec.properties.updateStrategy.properties.partition.description).toMatch(/^保留在旧版本/);
    const container = cloneSetSchema('zh').definitions?.Container.properties?.image.description;
    expect(container).toMatch(/镜像/);
  });
});
