import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCourse } from '../../src/lessons/fsLessons';
import { startLesson } from '../../src/lessons/run';
import { evaluateGoals } from '../../src/lessons/goals';
import { Session } from '../../src/ui/playground/session';
import { SolutionPlayer } from '../../src/ui/lesson/solutionPlayer';

const course = loadCourse(join(import.meta.dirname, '../../lessons'));

/** Plays 100 ms animation frames until the player is done; returns how many frames it took. */
function playOut(session: Session, player: SolutionPlayer, maxFrames = 20_000): number {
  let frames = 0;
  while (player.running && frames < maxFrames) {
    session.frame(100);
    frames++;
  }
  return frames;
}

// "Show solution" on the page plays each lesson's solution on the learner's timeline: played
// frame by frame as the browser would, every lesson's goals are met at the end.
describe('the solution player', () => {
  it.each(course.map((l) => [l.name, l] as const))('%s: playing the solution meets every goal', (_name, lesson) => {
    const start = startLesson(lesson);
    const session = new Session({ start: start.cluster.snapshot(), realNow: () => 0 });
    // the learner did something else first: the solution starts again from the lesson's start
    session.change((c) => c.apply(lesson.editor.replace(/replicas: \d+/, 'replicas: 2')));
    session.frame(16);
    let done: boolean | undefined;
    const kinds: string[] = [];
    const player = new SolutionPlayer(session, lesson.solution, { onstep: (_i, r) => kinds.push(r.kind), ondone: (finished) => (done = finished) });
    player.start();
    expect(session.time()).toBe(start.cluster.now());
    const frames = playOut(session, player);
    expect(done).toBe(true);
    expect(frames).toBeGreaterThan(0);
    expect(kinds).toEqual(lesson.solution.map((s) => Object.keys(s)[0]).filter((k) => k !== 'advance'));
    expect(session.playing).toBe(false);
    const goals = evaluateGoals(lesson.goals, { start: start.start, current: session.cluster.state(), atRest: session.atRest() });
    expect(goals.filter((g) => !g.met).map((g) => `${g.label.en}: ${g.value.en}`)).toEqual([]);
  });

  it('plays time rather than jumping: a settle runs through many frames and the changes are on the timeline', () => {
    const lesson = course.find((l) => l.name === '01-create-cloneset')!;
    const start = startLesson(lesson);
    const session = new Session({ start: start.cluster.snapshot(), realNow: () => 0 });
    const player = new SolutionPlayer(session, lesson.solution, { minSpeed: 2 });
    player.start();
    expect(session.playing).toBe(true);
    expect(session.speed).toBe(2);
    session.frame(100);
    expect(player.running).toBe(true);
    expect(session.cluster.pods().length).toBe(5);
    expect(session.cluster.pods().every((p) => p.status?.phase === 'Running')).toBe(false);
    playOut(session, player);
    expect(session.speed).toBe(1);
    expect(session.changes()).toHaveLength(1);
  });

  it('stops when asked, leaving the learner where time is', () => {
    const lesson = course.find((l) => l.name === '01-create-cloneset')!;
    const session = new Session({ start: startLesson(lesson).cluster.snapshot(), realNow: () => 0 });
    let done: boolean | undefined;
    const player = new SolutionPlayer(session, lesson.solution, { ondone: (f) => (done = f) });
    player.start();
    session.frame(100);
    player.stop();
    expect(done).toBe(false);
    expect(session.playing).toBe(false);
    const t = session.time();
    session.frame(100);
    expect(session.time()).toBe(t);
  });
});
