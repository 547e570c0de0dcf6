import { describe, expect, it } from 'vitest';
import { Session } from '../../src/ui/playground/session';
import { SEED_CLONESET_YAML } from '../../src/ui/editor/seed';
import { decodeShareFragment, encodeShareFragment, isShareFragment, MAX_LINK_CHARS } from '../../src/share/codec';
import { compactLog, readShareState, ShareFormatError, type ShareStateV1 } from '../../src/share/shareState';
import { captureShare, replayShare } from '../../src/share/sessionShare';

const UPDATED = SEED_CLONESET_YAML.replace('image: nginx:alpine', 'image: nginx:1.19.6-alpine');

/** A fixed real clock: frames never run out of budget, so runs are the same on any machine. */
const session = () => new Session({ realNow: () => 0 });

/** Plays `seconds` of virtual time in 16 ms frames at `speed`, as the page's animation loop does. */
function play(s: Session, seconds: number, speed = 4): void {
  s.setSpeed(speed);
  s.play();
  for (let t = 0; t < (seconds * 1000) / speed; t += 16) s.frame(16);
  s.pause();
}

/** A learner's afternoon: apply, watch, update in place, step, delete a pod, scale, scrub back. */
function afternoon(): Session {
  const s = session();
  s.apply(SEED_CLONESET_YAML);
  play(s, 40);
  s.apply(UPDATED);
  for (let i = 0; i < 7; i++) s.step();
  play(s, 25, 8);
  const pod = s.cluster.pods()[0].metadata.name;
  s.deletePod('default', pod);
  s.skipToRest();
  s.scale('default', 'nginx-2', 3);
  play(s, 12, 2);
  return s;
}

const podsOf = (s: Session) => s.cluster.state().pods.map((p) => ({ name: p.name, revision: p.revision, phase: p.phase, ready: p.ready, restarts: p.containers.map((c) => c.restartCount) }));

describe('share links: the codec', () => {
  const state: ShareStateV1 = { v: 1, text: UPDATED, log: [{ op: 'change', ms: 0, change: { op: 'apply', text: SEED_CLONESET_YAML } }, { op: 'to', ms: 30_000 }], seed: 1, ms: 12_345, lesson: '04-in-place-update' };

  it('round-trips a state through a v1= fragment of base64url characters', async () => {
    const fragment = await encodeShareFragment(state);
    expect(fragment).toMatch(/^v1=[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(JSON.stringify(state).length);
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual({ ok: true, state });
  });

  it('says what is wrong with a link it cannot read', async () => {
    const fragment = await encodeShareFragment(state);
    const problem = async (f: string, max?: number) => {
      const r = await decodeShareFragment(f, max);
      return r.ok ? 'ok' : r.problem;
    };
    expect(await problem(fragment.slice(0, fragment.length - 10))).toBe('damaged');
    expect(await problem(fragment.slice(0, 20))).toBe('damaged');
    expect(await problem('v1=not*base64!')).toBe('damaged');
    expect(await problem('v1=')).toBe('damaged');
    expect(await problem(`v1=${fragment.slice(3).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).toBe('damaged');
    expect(await problem(`v2=${fragment.slice(3)}`)).toBe('unknown-version');
    expect(await problem('hello')).toBe('malformed');
    expect(await problem(fragment, 40)).toBe('oversized');
    expect(await problem(`v1=${'A'.repeat(MAX_LINK_CHARS)}`)).toBe('oversized');
  });

  it('refuses payloads that decompress to something other than a v1 state', async () => {
    const wrap = async (value: unknown) => {
      const f = await encodeShareFragment(value as ShareStateV1);
      return `v1=${f.slice(f.indexOf('=') + 1)}`;
    };
    const problem = async (value: unknown) => {
      const r = await decodeShareFragment(await wrap(value));
      return r.ok ? 'ok' : r.problem;
    };
    expect(await problem({ ...state, v: 2 })).toBe('unknown-version');
    expect(await problem({ ...state, log: 'x' })).toBe('malformed');
    expect(await problem({ ...state, ms: -1 })).toBe('malformed');
    expect(await problem({ ...state, seed: 1.5 })).toBe('malformed');
    expect(await problem({ ...state, extra: true })).toBe('malformed');
    expect(await problem({ ...state, lesson: '<script>' })).toBe('malformed');
    expect(await problem({ ...state, log: [{ op: 'change', ms: 0, change: { op: 'call', name: 'eval', args: [] } }] })).toBe('malformed');
    expect(await problem({ ...state, log: [{ op: 'to', ms: 5000 }, { op: 'to', ms: 10 }] })).toBe('malformed');
    expect(await problem([1, 2, 3])).toBe('malformed');
    expect(await problem(null)).toBe('malformed');
  });

  it('refuses a payload that inflates beyond the limit', async () => {
    const huge = { ...state, text: 'a'.repeat(9 * 1024 * 1024) };
    const fragment = await encodeShareFragment(huge);
    const r = await decodeShareFragment(fragment, Infinity);
    expect(r.ok ? 'ok' : r.problem).toBe('oversized');
  });

  it('checks every field of a state', () => {
    expect(() => readShareState({ ...state, text: 3 })).toThrow(ShareFormatError);
    expect(() => readShareState({ ...state, log: [{ op: 'steps', n: 0 }] })).toThrow(/positive/);
    expect(readShareState({ ...state, lesson: undefined })).not.toHaveProperty('lesson');
  });
});

describe('share links: the session', () => {
  it('compacts a log to a few entries per change', () => {
    const s = afternoon();
    const log = s.log();
    const compact = compactLog(log);
    expect(compact.length).toBeLessThan(log.length);
    expect(compact.filter((e) => e.op === 'change')).toEqual(log.filter((e) => e.op === 'change'));
    expect(compact.length).toBeLessThanOrEqual(3 * compact.filter((e) => e.op === 'change').length + 2);
  });

  it('replays a shared session to exactly the same pods at the same moment', () => {
    const s = afternoon();
    const shared = captureShare(s, UPDATED);
    const r = session();
    replayShare(r, shared.log, shared.ms);
    expect(r.time()).toBe(s.time());
    expect(r.cluster.state()).toEqual(s.cluster.state());
  });

  it('replays to an earlier moment the learner scrubbed back to, keeping the rest of the history', () => {
    const s = afternoon();
    for (const seconds of [0, 3.2, 41, 47.5, 60, s.horizon() - 1]) {
      s.seek(seconds);
      const shared = captureShare(s, UPDATED);
      const r = session();
      replayShare(r, shared.log, shared.ms);
      expect(r.time(), `at ${seconds}s`).toBe(s.time());
      expect(podsOf(r), `at ${seconds}s`).toEqual(podsOf(s));
      expect(r.cluster.state(), `at ${seconds}s`).toEqual(s.cluster.state());
      expect(r.horizon()).toBe(s.horizon());
    }
  });

  it('round-trips through the link and stays well under the link limit', async () => {
    const s = afternoon();
    const fragment = await encodeShareFragment(captureShare(s, UPDATED, '04-in-place-update'));
    expect(fragment.length).toBeLessThan(MAX_LINK_CHARS / 4);
    const decoded = await decodeShareFragment(fragment);
    if (!decoded.ok) throw new Error(decoded.detail);
    const r = session();
    replayShare(r, decoded.state.log, decoded.state.ms);
    expect(r.cluster.state()).toEqual(s.cluster.state());
    expect(decoded.state.lesson).toBe('04-in-place-update');
  });
});
