import { describe, expect, it } from 'vitest';
import { setDefaultsCloneSet } from '../../src/sim/api/defaults';
import type { CloneSet, ControllerRevision, Pod } from '../../src/sim/api/types';
import { DEFAULT_FEATURE_GATES } from '../../src/sim/controller/featureGates';
import { equalToRevisionHash } from '../../src/sim/controller/podState';
import {
  applyRevision,
  controllerRevisionName,
  fnv1aHash32,
  fnv1Hash32,
  getActiveRevisions,
  hashControllerRevision,
  newRevision,
  revisionDataBytes,
  revisionDataOf,
  safeEncodeString,
  truncateHistory,
} from '../../src/sim/controller/revisions';

function cloneSet(image: string, edit: (cs: CloneSet) => void = () => {}): CloneSet {
  const cs: CloneSet = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'nginx-2', namespace: 'default', uid: 'u1' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx-2' } },
      template: { metadata: { labels: { app: 'nginx-2' } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
  edit(cs);
  return setDefaultsCloneSet(cs, { isCreate: true, featureGates: DEFAULT_FEATURE_GATES });
}

/** Runs getActiveRevisions and applies its change to the stored list, as the cluster would. */
function reconcile(cs: CloneSet, stored: ControllerRevision[]): { stored: ControllerRevision[]; update: ControllerRevision } {
  const { updateRevision, change } = getActiveRevisions(cs, stored);
  if (change.kind === 'create') return { stored: [...stored, change.revision], update: updateRevision };
  if (change.kind === 'update') {
    return { stored: stored.map((r) => (r.metadata.name === change.revision.metadata.name ? change.revision : r)), update: updateRevision };
  }
  return { stored, update: updateRevision };
}

function pod(revision: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${revision}`, labels: { 'controller-revision-hash': revision } },
    spec: { containers: [] },
    status: {},
  };
}

describe('revision hash', () => {
  it('is 32-bit FNV-1 (not FNV-1a)', () => {
    expect(fnv1Hash32('')).toBe(0x811c9dc5);
    expect(fnv1Hash32('a')).toBe(0x050c5d7e);
    expect(fnv1aHash32('a')).toBe(0xe40c292c);
  });

  it('maps decimal digits to the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('only ever uses 4 5 6 7 8 9 b c d f, at most 10 characters', () => {
    for (const image of ['nginx:1.19', 'nginx:1.20', 'redis', 'busybox:1.36', 'app:v7']) {
      const hash = hashControllerRevision(revisionDataOf(cloneSet(image)), 0);
      expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    }
  });

  it('hashes the data followed by the collision count', () => {
    const data = revisionDataOf(cloneSet('nginx:1.19'));
    expect(hashControllerRevision(data, 0)).toBe(safeEncodeString(String(fnv1Hash32(`${revisionDataBytes(data)}0`))));
    expect(hashControllerRevision(data, 1)).not.toBe(hashControllerRevision(data, 0));
  });

  it('records the template as a replace patch, keys sorted as Go writes them', () => {
    const bytes = revisionDataBytes(revisionDataOf(cloneSet('nginx:1.19')));
    expect(bytes.startsWith('{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx-2"}},"spec":{"containers":[{')).toBe(true);
    expect(bytes).toContain('"resources":{}');
  });

  it('cuts the CloneSet name to 223 characters in the revision name', () => {
    expect(controllerRevisionName('x'.repeat(250), '7b44cb9c8')).toBe(`${'x'.repeat(223)}-7b44cb9c8`);
  });
});

describe('getActiveRevisions', () => {
  it('creates revision 1, then keeps it while only non-template fields change', () => {
    const first = reconcile(cloneSet('nginx:1.19'), []);
    expect(first.update.revision).toBe(1);
    expect(first.update.metadata.name).toMatch(/^nginx-2-[456789bcdf]+$/);
    expect(first.update.metadata.labels?.['controller.kubernetes.io/hash']).toBe(first.update.metadata.name.slice('nginx-2-'.length));

    const scaled = cloneSet('nginx:1.19', (cs) => {
      cs.spec.replicas = 10;
      cs.spec.updateStrategy = { partition: 3 };
      cs.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }];
    });
    const again = reconcile(scaled, first.stored);
    expect(again.stored).toHaveLength(1);
    expect(again.update.metadata.name).toBe(first.update.metadata.name);
  });

  it('gives the same template the same name, and a new template the next number', () => {
    const a = reconcile(cloneSet('nginx:1.19'), []);
    expect(reconcile(cloneSet('nginx:1.19'), []).update.metadata.name).toBe(a.update.metadata.name);
    const b = reconcile(cloneSet('nginx:1.20'), a.stored);
    expect(b.update.metadata.name).not.toBe(a.update.metadata.name);
    expect(b.update.revision).toBe(2);
  });

  it('on a revert reuses the old revision (same name) and bumps its number to max+1', () => {
    const a = reconcile(cloneSet('nginx:1.19'), []);
    const b = reconcile(cloneSet('nginx:1.20'), a.stored);
    const back = reconcile(cloneSet('nginx:1.19'), b.stored);
    expect(back.update.metadata.name).toBe(a.update.metadata.name);
    expect(back.update.revision).toBe(3);
    expect(back.stored).toHaveLength(2);
  });

  it('writes the current claim-template hash onto a reused revision', () => {
    const a = reconcile(cloneSet('nginx:1.19'), []);
    const b = reconcile(cloneSet('nginx:1.20'), a.stored);
    const withClaims = cloneSet('nginx:1.19', (cs) => {
      cs.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '2Gi' } } } }];
    });
    const back = reconcile(withClaims, b.stored);
    expect(a.update.metadata.annotations?.['kruise.io/cloneset-volumeclaimtemplate-hash']).toBe('');
    expect(back.update.metadata.annotations?.['kruise.io/cloneset-volumeclaimtemplate-hash']).toMatch(/^\d+$/);
  });

  it('re-hashes with a bumped collision count when the name is taken by other data', () => {
    const cs = cloneSet('nginx:1.19');
    const wanted = newRevision(cs, 1, 0);
    const squatter: ControllerRevision = { ...newRevision(cloneSet('other:1'), 1, 0), metadata: { ...wanted.metadata, labels: {} } };
    const result = getActiveRevisions(cs, [squatter]);
    expect(result.collisionCount).toBe(1);
    expect(result.updateRevision.metadata.name).toBe(`nginx-2-${hashControllerRevision(wanted.data, 1)}`);
    expect(result.change.kind).toBe('create');
  });

  it('takes the current revision from status.currentRevision, else the update revision', () => {
    const a = reconcile(cloneSet('nginx:1.19'), []);
    const cs = cloneSet('nginx:1.20', (c) => (c.status = { currentRevision: a.update.metadata.name }));
    const result = getActiveRevisions(cs, a.stored);
    expect(result.currentRevision.metadata.name).toBe(a.update.metadata.name);
    const fresh = getActiveRevisions(cloneSet('nginx:1.20'), a.stored);
    expect(fresh.currentRevision).toBe(fresh.updateRevision);
  });

  it('restores the recorded template', () => {
    const a = reconcile(cloneSet('nginx:1.19'), []);
    const restored = applyRevision(cloneSet('nginx:1.20'), a.update);
    expect(restored.spec.template.spec.containers[0].image).toBe('nginx:1.19');
    expect('$patch' in restored.spec.template).toBe(false);
  });
});

describe('truncateHistory', () => {
  const revisions = Array.from({ length: 6 }, (_, i) => ({ ...newRevision(cloneSet(`app:${i}`), i + 1, 0) }));
  const names = revisions.map((r) => r.metadata.name);

  it('keeps current, update and revisions used by pods; deletes the oldest beyond the limit', () => {
    const cs = cloneSet('app:5', (c) => (c.spec.revisionHistoryLimit = 1));
    const doomed = truncateHistory(cs, [pod(names[1])], revisions, names[4], names[5]);
    // history = revisions 1, 3, 4 (index 0, 2, 3); keep the newest one.
    expect(doomed.map((r) => r.metadata.name)).toEqual([names[0], names[2]]);
  });

  it('counts a pod labelled with the short hash alone as using the revision (EqualToRevisionHash)', () => {
    const cs = cloneSet('app:5', (c) => (c.spec.revisionHistoryLimit = 0));
    const short = names[2].slice(names[2].lastIndexOf('-') + 1);
    const doomed = truncateHistory(cs, [pod(short), pod(names[0]), pod('')], revisions, names[4], names[5]);
    expect(doomed.map((r) => r.metadata.name)).toEqual([names[1], names[3]]);
    // the same answer pod by pod, as kruise asks it
    const asked = revisions.filter((r) => ![names[4], names[5]].includes(r.metadata.name) && ![short, names[0], ''].some((l) => equalToRevisionHash(pod(l), r.metadata.name)));
    expect(asked.map((r) => r.metadata.name)).toEqual([names[1], names[3]]);
  });

  it('deletes nothing within the limit (default 10)', () => {
    expect(truncateHistory(cloneSet('app:5'), [], revisions, names[4], names[5])).toEqual([]);
  });
});
