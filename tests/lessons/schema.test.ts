// A broken lesson is refused with the file and the line of what is wrong.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadLessonDir, readLessonFiles } from '../../src/lessons/fsLessons';
import { parseLesson, validateLesson } from '../../src/lessons/schema';
import { LessonError } from '../../src/lessons/yamlSource';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const good = readLessonFiles(join(root, 'lessons/09-percent-partition'));
const problemsOf = (files: Record<string, string>) => validateLesson('09-percent-partition', files);

describe('lesson schema errors name the file and the line', () => {
  it.each([
    ['bad-goal', 'fixtures/bad-goal/goals.yaml', 5, /unknown check "podCounts"/],
    ['bad-yaml', 'fixtures/bad-yaml/hints.yaml', 5, /not valid YAML/],
    ['bad-step', 'fixtures/bad-step/solution.yaml', 22, /invalid duration "soon"/],
  ])('%s', (name, file, line, message) => {
    let error: unknown;
    try {
      loadLessonDir(fixture(name));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LessonError);
    const [problem] = (error as LessonError).problems;
    expect(problem.file).toBe(file);
    expect(problem.line).toBe(line);
    expect(problem.message).toMatch(message);
  });

  it.each([
    ['a goal parameter of the wrong kind', 'goals.yaml', (t: string) => t.replace('podCount: {revision: old, count: 4}', 'podCount: {revision: old, count: many}'), 7, /count.*"many"/],
    ['a goal without its Chinese label', 'goals.yaml', (t: string) => t.replace(', zh: "4 个 Pod 保持旧版本"', ''), 6, /missing Chinese text/],
    ['two checks in one goal', 'goals.yaml', (t: string) => t.replace('    atRest: {}', '    atRest: {}\n    rolloutComplete: {}'), 8, /one check per entry/],
    ['an unknown front matter field', 'lesson.en.md', (t: string) => t.replace('minutes: 5', 'minutes: 5\nlevel: easy'), 7, /unknown field "level"/],
    ['no front matter', 'lesson.zh.md', (t: string) => t.replace(/^---/, '--'), 1, /front matter/],
    ['Chinese order differing from English', 'lesson.zh.md', (t: string) => t.replace('order: 9', 'order: 8'), 5, /order is 8 here but 9/],
    ['an editor that is not a CloneSet', 'editor.yaml', (t: string) => t.replace('kind: CloneSet', 'kind: Deployment'), 2, /kind: CloneSet/],
    ['a start with an unknown cluster field', 'start.yaml', (t: string) => t.replace('nodes: 1', 'node: 1'), 3, /unknown field "node"/],
    ['no hints', 'hints.yaml', () => 'hints: []\n', 1, /at least one hint/],
  ])('%s', (_label, file, edit, line, message) => {
    const problems = problemsOf({ ...good, [file]: edit(good[file]) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `lessons/09-percent-partition/${file}`, line });
    expect(problems[0].message).toMatch(message);
  });

  it('lists every broken file, and a missing one without a line', () => {
    const broken: Record<string, string> = { ...good, 'hints.yaml': 'hints: [', 'goals.yaml': 'goals: []\n' };
    expect(problemsOf(broken).map((p) => p.file)).toEqual([
      'lessons/09-percent-partition/goals.yaml',
      'lessons/09-percent-partition/hints.yaml',
    ]);
    const { 'editor.yaml': _editor, ...withoutEditor } = good;
    expect(problemsOf(withoutEditor)).toEqual([{ file: 'lessons/09-percent-partition/editor.yaml', line: null, message: 'missing file' }]);
  });

  it('accepts the real lesson', () => {
    expect(parseLesson('09-percent-partition', good).goals).toHaveLength(4);
  });
});

describe('sim lesson check', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/main.ts', 'lesson', ...args], { cwd: root, encoding: 'utf8' });

  it('exits 0 and reports each goal when the start misses and the solution meets every goal', () => {
    const res = sim('check', 'lessons/05-partition-canary');
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ lesson: '05-partition-canary', ok: true, start: { allMet: false }, solution: { allMet: true, settled: true } });
    expect(report.solution.goals[1]).toMatchObject({ id: '2', met: true, value: { en: 'ready pods at the update revision: 2 of 2', zh: '已更新到新版本、已就绪的 Pod：2/2' } });
  }, 30_000);

  it('exits 1 when the solution leaves a goal unmet', () => {
    const res = sim('check', 'tests/lessons/fixtures/unmet-solution');
    expect(res.status).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.ok).toBe(false);
    expect(report.solution.goals.filter((g: { met: boolean }) => !g.met).length).toBeGreaterThan(0);
  }, 30_000);

  it.each([
    ['an invalid lesson', ['check', 'tests/lessons/fixtures/bad-goal'], /^sim: fixtures\/bad-goal\/goals\.yaml:5: unknown check "podCounts"/],
    ['a folder that is not there', ['check', 'lessons/99-nothing'], /not a lesson folder/],
    ['a missing verb', ['lessons/01-create-cloneset'], /usage/],
  ])('exits 2 with one line on stderr for %s', (_label, args, message) => {
    const res = sim(...args);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  }, 30_000);
});
