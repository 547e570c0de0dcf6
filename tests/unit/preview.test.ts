import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { PREVIEW_MAX_BYTES, pointerToPath, previewApply } from '../../src/sim/preview';
import { SEED_CLONESET_YAML } from '../../src/ui/editor/seed';

// The seed post's nginx-2, settled: five pods on the first revision.
function settledSeed(): Cluster {
  const cluster = new Cluster({ seed: 7 });
  expect(cluster.apply(SEED_CLONESET_YAML).ok).toBe(true);
  cluster.settle();
  return cluster;
}

const withImage = (image: string) => SEED_CLONESET_YAML.replace('image: nginx:alpine', `image: ${image}`);
const withStrategy = (text: string, lines: string) => text.replace('    type: InPlaceIfPossible\n', `    type: InPlaceIfPossible\n${lines}`);

function previewOnly(cluster: Cluster, text: string) {
  const before = JSON.stringify(cluster.state());
  const rv = cluster.store.resourceVersion();
  const preview = previewApply(cluster, text);
  expect(JSON.stringify(cluster.state())).toBe(before);
  expect(cluster.store.resourceVersion()).toBe(rv);
  return preview;
}

describe('apply preview', () => {
  it('blog A: an image change updates every pod in place, restarting the nginx container', () => {
    const cluster = settledSeed();
    const preview = previewOnly(cluster, withImage('nginx'));
    expect(preview.ok).toBe(true);
    expect(preview.output).toBe('cloneset.apps.kruise.io/nginx-2 configured');
    const [cs] = preview.cloneSets;
    expect(cs.verb).toBe('configured');
    expect(cs.templateChanges).toEqual(['spec.template.spec.containers[0].image']);
    expect(cs.specChanges).toEqual([]);
    expect(cs.revision).toBe('new');
    expect(cs.pods).toHaveLength(5);
    for (const pod of cs.pods) {
      expect(pod).toMatchObject({ action: 'in-place', restarts: ['nginx'], fields: ['spec.template.spec.containers[0].image'] });
    }
  });

  it('an env change cannot be made in place: every pod is recreated', () => {
    const cluster = settledSeed();
    const text = SEED_CLONESET_YAML.replace('        image: nginx:alpine\n', '        image: nginx:alpine\n        env:\n        - name: FOO\n          value: bar\n');
    const [cs] = previewOnly(cluster, text).cloneSets;
    expect(cs.pods.map((p) => p.action)).toEqual(['recreate', 'recreate', 'recreate', 'recreate', 'recreate']);
    expect(cs.pods[0].fields).toEqual(['spec.template.spec.containers[0].env']);
  });

  it('a template label only: in place, no container restarts', () => {
    const cluster = settledSeed();
    const text = SEED_CLONESET_YAML.replace('      labels:\n        app: nginx-2\n    spec:', '      labels:\n        app: nginx-2\n        tier: web\n    spec:');
    const [cs] = previewOnly(cluster, text).cloneSets;
    expect(cs.templateChanges).toEqual(['spec.template.metadata.labels.tier']);
    for (const pod of cs.pods) expect(pod).toMatchObject({ action: 'in-place', restarts: [] });
  });

  it('blog B: partition 3 updates two pods and keeps three, in the controller\'s update order', () => {
    const cluster = settledSeed();
    const preview = previewOnly(cluster, withStrategy(withImage('nginx:1.19.6-alpine'), '    partition: 3\n'));
    const [cs] = preview.cloneSets;
    expect(cs.partition).toEqual({ from: 0, to: 3 });
    expect(cs.specChanges).toEqual(['spec.updateStrategy.partition']);
    expect(cs.pods.filter((p) => p.action === 'in-place')).toHaveLength(2);
    const kept = cs.pods.filter((p) => p.action === 'unchanged');
    expect(kept).toHaveLength(3);
    for (const pod of kept) expect(pod.reason).toBe('partition');

    // The two the preview names are the two the controller then updates.
    const named = cs.pods.filter((p) => p.action === 'in-place').map((p) => p.name).sort();
    cluster.apply(withStrategy(withImage('nginx:1.19.6-alpine'), '    partition: 3\n'));
    cluster.settle();
    const updated = cluster.pods().filter((p) => p.metadata.labels?.['controller-revision-hash'] === cs.updateRevision).map((p) => p.metadata.name).sort();
    expect(updated).toEqual(named);
    // Applied, the same text changes nothing more.
    const again = previewApply(cluster, withStrategy(withImage('nginx:1.19.6-alpine'), '    partition: 3\n'));
    expect(again.cloneSets[0].verb).toBe('unchanged');
    expect(again.cloneSets[0].revision).toBe('same');
    expect(again.cloneSets[0].pods.filter((p) => p.reason === 'current').map((p) => p.name).sort()).toEqual(named);
  });

  it('blog C: paused with more replicas scales but updates nobody', () => {
    const cluster = settledSeed();
    const text = withStrategy(withImage('nginx:1.18.0'), '    paused: true\n').replace('replicas: 5', 'replicas: 10');
    const [cs] = previewOnly(cluster, text).cloneSets;
    expect(cs.replicas).toEqual({ from: 5, to: 10 });
    expect(cs.paused).toEqual({ from: false, to: true });
    expect(cs.scale).toEqual({ create: 5, delete: 0 });
    for (const pod of cs.pods) expect(pod).toMatchObject({ action: 'unchanged', reason: 'paused' });
  });

  it('ReCreate: the same image change recreates', () => {
    const cluster = settledSeed();
    const [cs] = previewOnly(cluster, withImage('nginx').replace('type: InPlaceIfPossible', 'type: ReCreate')).cloneSets;
    expect(cs.specChanges).toEqual(['spec.updateStrategy.type']);
    expect(new Set(cs.pods.map((p) => p.action))).toEqual(new Set(['recreate']));
  });

  it('a new CloneSet: created, with its replica count to create', () => {
    const preview = previewOnly(new Cluster(), SEED_CLONESET_YAML);
    expect(preview.output).toBe('cloneset.apps.kruise.io/nginx-2 created');
    expect(preview.cloneSets[0]).toMatchObject({ verb: 'created', revision: 'new', scale: { create: 5, delete: 0 }, pods: [], replicas: { to: 5 } });
  });

  it('refuses what the apply refuses, with the same words and places', () => {
    const cluster = settledSeed();
    const broken = SEED_CLONESET_YAML.replace('      - name: nginx\n', '      - name: nginx\n       image: broken\n');
    const preview = previewOnly(cluster, broken);
    expect(preview.ok).toBe(false);
    expect(preview.cloneSets).toEqual([]);
    const denied = withStrategy(SEED_CLONESET_YAML, '    partition: -1\n');
    const deniedPreview = previewOnly(cluster, denied);
    for (const text of [broken, denied]) {
      const p = text === broken ? preview : deniedPreview;
      const applied = settledSeed().apply(text);
      expect(p.problems).toEqual(applied.problems);
    }
    expect(preview.problems[0].line).toBe(19);
    expect(deniedPreview.problems[0].message).toContain('admission webhook "vcloneset.kb.io" denied the request: spec.updateStrategy.partition');
  });

  it('does not read texts above its cap', () => {
    const huge = SEED_CLONESET_YAML + '#'.repeat(PREVIEW_MAX_BYTES);
    const started = performance.now();
    expect(previewApply(settledSeed(), huge)).toMatchObject({ tooLarge: true, cloneSets: [] });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('writes JSON pointers as kubectl-style field paths', () => {
    expect(pointerToPath('/spec/template/spec/containers/0/image')).toBe('spec.template.spec.containers[0].image');
    expect(pointerToPath('/spec/template/metadata/labels/app.kubernetes.io~1name')).toBe('spec.template.metadata.labels.app.kubernetes.io/name');
  });
});
