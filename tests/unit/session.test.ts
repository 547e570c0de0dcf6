import { describe, expect, it } from 'vitest';
import { Session } from '../../src/ui/playground/session';

const cloneSet = (fields: { image?: string; replicas?: number; partition?: number; paused?: boolean } = {}) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: nginx-2
  labels: {app: nginx-2}
spec:
  replicas: ${fields.replicas ?? 5}
  selector:
    matchLabels: {app: nginx-2}
  template:
    metadata:
      labels: {app: nginx-2}
    spec:
      containers:
      - name: nginx
        image: ${fields.image ?? 'nginx:alpine'}
  updateStrategy:
    type: InPlaceIfPossible
    partition: ${fields.partition ?? 0}
    paused: ${fields.paused ?? false}
`;

/** A fake real clock that never runs out of frame budget. */
const roomy = { realNow: () => 0 };

/** Plays `seconds` of virtual time in 16 ms frames at the session's speed. */
function playFor(s: Session, seconds: number, frameMs = 16): void {
  s.play();
  const frames = Math.ceil((seconds * 1000) / (frameMs * s.speed));
  for (let i = 0; i < frames; i++) s.frame(frameMs);
  s.pause();
}

/** Creates nginx-2, lets it settle, then rolls a new image in place while time plays. */
function rollout(s: Session): void {
  s.apply(cloneSet());
  playFor(s, 12);
  s.skipToRest();
  s.apply(cloneSet({ image: 'nginx:1.25' }));
  for (let i = 0; i < 5; i++) s.step();
  s.setSpeed(4);
  playFor(s, 20);
  s.scale('default', 'nginx-2', 3);
  playFor(s, 3);
}

describe('Session', () => {
  it('plays virtual time from frame deltas at the chosen speed', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    s.setSpeed(2);
    s.play();
    s.frame(500);
    expect(s.time()).toBe(1);
    s.frame(250);
    expect(s.time()).toBe(1.5);
    s.pause();
    s.frame(1000);
    expect(s.time()).toBe(1.5);
    expect(s.cluster.pods()).toHaveLength(5);
  });

  it('clamps the speed to 0.25×–20×', () => {
    const s = new Session(roomy);
    s.setSpeed(100);
    expect(s.speed).toBe(20);
    s.setSpeed(0.01);
    expect(s.speed).toBe(0.25);
    s.setSpeed(Number.NaN);
    expect(s.speed).toBe(1);
  });

  it('steps one event at a time and skips to rest', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    expect(s.step()).toBe(true);
    expect(s.time()).toBeCloseTo(0.1, 6);
    expect(s.cluster.pods()).toHaveLength(5);
    expect(s.atRest()).toBe(false);
    expect(s.skipToRest()).toBe(true);
    expect(s.atRest()).toBe(true);
    expect(s.cluster.pods().every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('caps the work of one frame by the real-time budget', () => {
    let real = 0;
    const s = new Session({ realNow: () => (real += 1), frameBudgetMs: 5 });
    s.apply(cloneSet({ replicas: 200 }));
    s.setSpeed(20);
    s.play();
    s.frame(100);
    // two seconds of virtual time were asked for, but the budget ran out first
    expect(s.time()).toBeLessThan(2);
    const reference = new Session(roomy);
    reference.apply(cloneSet({ replicas: 200 }));
    reference.skipToRest();
    for (let i = 0; i < 2000 && !s.atRest(); i++) s.frame(100);
    expect(s.cluster.state().pods).toEqual(reference.cluster.state().pods.map((p) => expect.objectContaining({ name: p.name, revision: p.revision })));
  });

  it('scrubbing back then forward gives the same state as never scrubbing', () => {
    const straight = new Session(roomy);
    rollout(straight);
    const end = straight.time();

    const scrubbed = new Session(roomy);
    rollout(scrubbed);
    const before = scrubbed.cluster;
    scrubbed.seek(3);
    expect(scrubbed.cluster).not.toBe(before);
    expect(scrubbed.time()).toBe(3);
    expect(scrubbed.behind()).toBe(true);
    scrubbed.seek(end - 7.5);
    scrubbed.seek(1.25);
    scrubbed.seek(end);
    expect(scrubbed.time()).toBe(end);
    expect(scrubbed.cluster.state()).toEqual(straight.cluster.state());
    expect(scrubbed.cluster.decisions).toEqual(straight.cluster.decisions);
  });

  it('every kind of change a learner makes is replayed when the timeline goes back and forth', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    s.skipToRest();
    const pod = s.cluster.pods()[0].metadata.name;
    s.change((c) => c.annotatePod('default', pod, { note: 'kept' }));
    s.change((c) => c.labelPod('default', pod, { tier: 'web' }));
    playFor(s, 2);
    const end = s.time();
    const expected = s.cluster.state();
    s.seek(0.5);
    s.seek(end);
    expect(s.cluster.state()).toEqual(expected);
    expect(s.cluster.store.get('Pod', 'default', pod)?.metadata.annotations).toMatchObject({ note: 'kept' });
  });

  it('going back shows the earlier moment exactly as it was then', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    playFor(s, 4);
    const at4 = s.cluster.state();
    playFor(s, 30);
    s.apply(cloneSet({ image: 'nginx:1.25' }));
    s.skipToRest();
    s.seek(at4.time);
    expect(s.cluster.state()).toEqual(at4);
  });

  it('playing after going back replays the recorded changes when their time comes', () => {
    const straight = new Session(roomy);
    rollout(straight);
    const s = new Session(roomy);
    rollout(s);
    s.seek(0.5);
    s.setSpeed(20);
    playFor(s, straight.time() - 0.5);
    expect(s.behind()).toBe(false);
    expect(s.time()).toBeGreaterThanOrEqual(straight.time());
    s.seek(straight.time());
    expect(s.cluster.state()).toEqual(straight.cluster.state());
  });

  it('stepping while behind walks the recorded future one moment at a time', () => {
    const s = new Session(roomy);
    rollout(s);
    const end = s.time();
    const endState = s.cluster.state();
    s.seek(0);
    let guard = 0;
    while (s.behind() && guard++ < 10_000) s.step();
    expect(s.time()).toBe(end);
    expect(s.cluster.state()).toEqual(endState);
  });

  it('a change made after going back starts a new future', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    s.skipToRest();
    const settled = s.time();
    s.apply(cloneSet({ image: 'nginx:1.25' }));
    s.skipToRest();
    expect(s.changes()).toHaveLength(2);
    s.seek(settled - 1);
    s.scale('default', 'nginx-2', 2);
    expect(s.behind()).toBe(false);
    expect(s.changes().map((c) => c.change.op)).toEqual(['apply', 'call']);
    expect(s.horizon()).toBe(settled - 1);
    s.skipToRest();
    const images = s.cluster.pods().map((p) => p.spec.containers[0].image);
    expect(images).toEqual(['nginx:alpine', 'nginx:alpine']);
  });

  it('records kubectl-like changes made through change() and ignores reads', () => {
    const s = new Session(roomy);
    s.apply(cloneSet());
    s.step();
    s.change((c) => c.pods());
    expect(s.changes()).toHaveLength(1);
    s.change((c) => c.labelPod('default', c.pods()[0].metadata.name, { canary: 'yes' }));
    expect(s.changes()).toHaveLength(2);
    const failed = () => s.change((c) => c.deletePod('default', 'nope'));
    expect(failed).toThrow(/not found/);
  });

  it('tells subscribers about every change and stops when unsubscribed', () => {
    const s = new Session(roomy);
    const seen: number[] = [];
    const off = s.subscribe(() => seen.push(s.version));
    s.apply(cloneSet());
    s.step();
    off();
    s.step();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeGreaterThan(seen[0]);
  });
});
