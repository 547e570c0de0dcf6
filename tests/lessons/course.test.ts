// Every lesson of the course, headless, through the same code as `sim lesson check`: the schema
// accepts it, its start leaves a goal unmet and its solution meets them all.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadCourse } from '../../src/lessons/fsLessons';
import { checkLesson } from '../../src/lessons/check';
import { startLesson } from '../../src/lessons/run';
import { runScenario } from '../../src/scenario/scenario';

const course = loadCourse(resolve(import.meta.dirname, '../../lessons'));

describe('the course', () => {
  it('has at least 12 lessons, ordered 1…N without gaps, in two tracks', () => {
    expect(course.length).toBeGreaterThanOrEqual(12);
    expect(course.map((l) => l.order)).toEqual(course.map((_, i) => i + 1));
    expect(new Set(course.map((l) => l.text.en.track)).size).toBe(2);
    expect(new Set(course.map((l) => l.text.zh.track)).size).toBe(2);
  });

  it.each(course.map((l) => [l.name, l] as const))('%s is written in English and in Chinese', (_name, lesson) => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const t of [lesson.text.zh.title, lesson.text.zh.summary, lesson.text.zh.body]) expect(t).toMatch(cjk);
    for (const t of [lesson.text.en.title, lesson.text.en.summary, lesson.text.en.body]) expect(t).not.toMatch(cjk);
    for (const g of lesson.goals) expect(g.label.zh).toMatch(cjk);
    for (const h of lesson.hints) expect(h.zh).toMatch(cjk);
  });
});

describe.each(course.map((l) => [l.name, l] as const))('lesson %s', (_name, lesson) => {
  const report = checkLesson(lesson);

  it('starts with every step accepted and at least one goal unmet', () => {
    expect(report.start.failedSteps).toEqual([]);
    expect(report.start.goals.filter((g) => !g.met).length).toBeGreaterThan(0);
  });

  it('is solved by its solution: every step accepted, the cluster settled, every goal met', () => {
    expect(report.solution.failedSteps).toEqual([]);
    expect(report.solution.settled).toBe(true);
    expect(report.solution.goals.filter((g) => !g.met)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports each goal with a current value in both languages', () => {
    for (const g of [...report.start.goals, ...report.solution.goals]) {
      expect(g.value.en.length).toBeGreaterThan(0);
      expect(g.value.zh.length).toBeGreaterThan(0);
    }
  });

  it('starts from the same state as its start.yaml run as a scenario', () => {
    expect(startLesson(lesson).start).toEqual(runScenario(lesson.start).final);
  });

  it("accepts the editor's starting YAML on the start cluster", () => {
    const outcome = startLesson(lesson).cluster.apply(lesson.editor);
    expect(outcome.problems).toEqual([]);
    expect(outcome.ok).toBe(true);
  });
});
