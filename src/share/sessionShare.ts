// From a session to a share state and back, through the session's public entry points only:
// replaying the shared log on a fresh session gives the same objects (the core is deterministic),
// then the session goes to the shared moment, so the learner can still scrub the whole history.
import type { LogEntry, Session } from '../ui/playground/session';
import { compactLog, type ShareStateV1 } from './shareState';

/** The state to share: the session's compacted log, its seed and the moment shown. */
export function captureShare(session: Session, text: string, lesson?: string): ShareStateV1 {
  const state: ShareStateV1 = {
    v: 1,
    text,
    log: compactLog(session.log()),
    seed: session.cluster.options.seed ?? 1,
    ms: Math.round(session.time() * 1000),
  };
  if (lesson) state.lesson = lesson;
  return state;
}

/** The longest virtual time one frame may cover at speed 1 (the session caps frames at 2 s). */
const FRAME_MS = 2000;

/** Moves the (live) session's clock to `ms`, firing every timer due on the way. */
function advanceTo(session: Session, ms: number): void {
  const clockMs = () => Math.round(session.time() * 1000);
  if (clockMs() >= ms) return;
  session.setSpeed(1);
  session.play();
  let guard = 0;
  while (clockMs() < ms && guard++ < 1_000_000) session.frame(Math.min(ms - clockMs(), FRAME_MS));
  session.pause();
}


/**
 * Replays a shared log on a session that has none yet (a fresh page), then goes to the shared
 * moment. The session must use the shared seed (see shareSeedMatches).
 */
export function replayShare(session: Session, log: readonly LogEntry[], ms: number): void {
  for (const entry of log) {
    if (entry.op === 'to') advanceTo(session, entry.ms);
    else if (entry.op === 'steps') for (let i = 0; i < entry.n && session.step(); i++);
    else {
      advanceTo(session, entry.ms);
      session.change((c) => c.replayInput(entry.change));
    }
  }
  session.pause();
  session.seek(ms / 1000);
}

/** Whether a session's cluster was built with the seed a share state needs. */
export function shareSeedMatches(session: Session, state: ShareStateV1): boolean {
  return (session.cluster.options.seed ?? 1) === state.seed;
}
