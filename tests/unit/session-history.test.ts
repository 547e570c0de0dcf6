import { describe, expect, it } from 'vitest';
import { Session } from '../../src/ui/playground/session';
import { Cluster } from '../../src/sim/cluster';
import type { Moment } from '../../src/ui/playground/history';

const cloneSet = (image: string, replicas = 6) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
  updateStrategy:
    type: InPlaceIfPossible
    maxUnavailable: 2
`;

const roomy = { realNow: () => 0 };

function playFor(s: Session, seconds: number, frameMs = 16): void {
  s.play();
  const frames = Math.ceil((seconds * 1000) / (frameMs * s.speed));
  for (let i = 0; i < frames; i++) s.frame(frameMs);
  s.pause();
}

/** Creates the CloneSet, settles, then plays an in-place rollout with a scale-in half-way. */
function rollout(s: Session): void {
  s.apply(cloneSet('nginx:alpine'));
  playFor(s, 10);
  s.apply(cloneSet('nginx:1.25'));
  s.setSpeed(4);
  playFor(s, 12);
  s.scale('default', 'web', 4);
  s.skipToRest();
}

/** What the page shows at a moment, in comparable form. */
function shown(s: Session, m: Moment) {
  return {
    pods: m.pods.map((p) => p.metadata.name + ' ' + p.metadata.resourceVersion),
    cloneSets: m.cloneSets.map((c) => c.metadata.resourceVersion),
    events: s.eventsAt(m).map((e) => `${e.metadata.name} ${e.count}`),
    decisions: s.decisionsAt(m).length,
    atRest: m.atRest,
  };
}

/** The same, read from a cluster brought to that time by replaying the session's log. */
function replayed(cluster: Cluster) {
  return {
    pods: cluster.store.list('Pod').map((p) => p.metadata.name + ' ' + p.metadata.resourceVersion),
    cloneSets: cluster.store.list('CloneSet').map((c) => c.metadata.resourceVersion),
    events: cluster.eventList().map((e) => `${e.metadata.name} ${e.count}`),
    decisions: cluster.decisions.length,
    atRest: cluster.atRest(),
  };
}

describe('Session history (scrubbing swaps the view)', () => {
  it('shows at every moment exactly what replaying the log to that moment gives', () => {
    const s = new Session(roomy);
    rollout(s);
    const end = s.horizon();
    for (const t of [0, 0.05, 0.1, 1.3, 4, 7.77, 10, 10.1, 13.4, end / 2, end - 0.1, end]) {
      s.seek(t);
      const m = s.moment();
      expect(s.pending).toBe(true);
      const view = shown(s, m);
      expect(view).toEqual(replayed(s.cluster));
      expect(s.pending).toBe(false);
    }
  });

  it('a seek changes only the moment shown: the cluster is not rebuilt until it is read', () => {
    const s = new Session(roomy);
    rollout(s);
    const live = s.cluster;
    const horizon = s.horizon();
    s.seek(2);
    s.seek(horizon / 2);
    s.seek(1);
    expect(s.time()).toBe(1);
    expect(s.behind()).toBe(true);
    expect(s.pending).toBe(true);
    // back at the end, the same cluster object is still there
    s.seek(horizon);
    expect(s.cluster).toBe(live);
    expect(s.behind()).toBe(false);
  });

  it('catches up with the moment shown a slice at a time within the frame budget', () => {
    let real = 0;
    const s = new Session({ realNow: () => (real += 1) });
    rollout(s);
    const reference = new Session(roomy);
    rollout(reference);
    s.seek(12);
    reference.seek(12);
    const expected = reference.cluster.state();
    let slices = 0;
    // each look at the real clock costs a millisecond here, so a 3 ms budget needs many slices
    while (!s.catchUp(real + 3) && slices < 10_000) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(s.pending).toBe(false);
    expect(s.cluster.state()).toEqual(expected);
  });

  it('playing from a moment in the past first catches up, then time moves on from there', () => {
    let real = 0;
    const s = new Session({ realNow: () => (real += 1), frameBudgetMs: 4 });
    rollout(s);
    s.seek(5);
    s.setSpeed(1);
    s.play();
    s.frame(16);
    expect(s.time()).toBe(5);
    let frames = 1;
    for (; frames < 10_000 && s.pending; frames++) s.frame(16);
    expect(frames).toBeGreaterThan(2);
    // the frame that caught up may move on with its own time, never with the frames spent before
    const caughtUp = s.time();
    expect(caughtUp).toBeGreaterThanOrEqual(5);
    expect(caughtUp).toBeLessThanOrEqual(5.016);
    s.frame(16);
    expect(s.time()).toBeCloseTo(caughtUp + 0.016, 6);
  });

  it('a change made in the past drops the moments after it and records the new future', () => {
    const s = new Session(roomy);
    rollout(s);
    const eventsAtEnd = s.eventsAt(s.moment()).length;
    s.seek(11);
    s.scale('default', 'web', 2);
    expect(s.horizon()).toBe(11);
    s.skipToRest();
    const m = s.moment();
    expect(shown(s, m)).toEqual(replayed(s.cluster));
    expect(m.pods.filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(2);
    expect(s.eventsAt(m).length).not.toBe(eventsAtEnd);
    // and going back again still shows the old past exactly
    s.seek(3);
    expect(shown(s, s.moment())).toEqual(replayed(s.cluster));
  });

  it('keeps unchanged object lists shared between moments', () => {
    const s = new Session(roomy);
    s.apply(cloneSet('nginx:alpine'));
    s.skipToRest();
    const before = s.moment();
    s.seek(0.05);
    const early = s.moment();
    expect(early.nodes).toBe(before.nodes);
  });
});
