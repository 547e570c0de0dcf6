// The lesson schema: a lesson folder's files (name → text) checked and turned into a Lesson.
// Every problem names its file and line. The same function serves the tests, `sim lesson check`
// and the site build (which reads the folders and calls parseLesson on each).
//
//   lessons/NN-name/
//     lesson.en.md    front matter (title, summary, track, order, minutes), then the text
//     lesson.zh.md    the same in Chinese (order and minutes must agree)
//     start.yaml      a scenario (DESIGN.md "Scenario file") run before the learner takes over
//     editor.yaml     the editor's starting YAML
//     goals.yaml      goals: [{label: {en, zh}, <check>}]   (src/lessons/goals.ts)
//     hints.yaml      hints: [{en, zh}, …]                  (shown one at a time, in order)
//     solution.yaml   steps: [...]                          (scenario steps run after the start)
import { parseScenario, ScenarioError, type Scenario, type Step } from '../scenario/scenario';
import { FieldError } from './compare';
import { parseGoals, type Goal, type Text } from './goals';
import { bilingual, isRecord, type Path } from './params';
import { LessonError, readYamlSource, splitFrontMatter, type LessonProblem, type YamlSource } from './yamlSource';

export const LESSON_FILES = ['lesson.en.md', 'lesson.zh.md', 'start.yaml', 'editor.yaml', 'goals.yaml', 'hints.yaml', 'solution.yaml'] as const;
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LessonText {
  title: string;
  summary: string;
  /** The track's name in this language ("The seed post, hands on" / "跟着博文动手做"). */
  track: string;
  /** The lesson's text: Markdown after the front matter. */
  body: string;
}

export interface Lesson {
  /** The folder name, e.g. `05-partition-canary` (the page's URL: /<lang>/lessons/<name>/). */
  name: string;
  order: number;
  minutes: number;
  text: Record<Language, LessonText>;
  start: Scenario;
  editor: string;
  goals: Goal[];
  hints: Text[];
  solution: Step[];
}

/** Reads a file as YAML and turns a FieldError of `read` into a problem at the field's line. */
function withYaml<T>(file: string, text: string, read: (value: unknown, src: YamlSource) => T, problems: LessonProblem[], firstLine = 1): T | undefined {
  let src: YamlSource;
  try {
    src = readYamlSource(file, text, firstLine);
  } catch (e) {
    if (e instanceof LessonError) problems.push(...e.problems);
    else throw e;
    return undefined;
  }
  try {
    return read(src.value, src);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    problems.push({ file, line: src.lineOf(e.path), message: e.message });
    return undefined;
  }
}

/** "steps[3].advance: …" (a ScenarioError) → the path it names, for the line. */
function scenarioErrorPath(message: string): Path {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.([A-Za-z]+))?[:\s]/.exec(message);
  if (!m) return [];
  const unknown = /^unknown field "([^"]+)"/.exec(message);
  if (unknown) return [unknown[1]];
  const path: Path = [m[1]];
  if (m[2] !== undefined) path.push(Number(m[2]));
  if (m[3] !== undefined) path.push(m[3]);
  return path;
}

function scenarioFrom(text: string, value: unknown, allowed: readonly string[]): Scenario {
  if (!isRecord(value)) throw new FieldError([], 'expected a mapping with steps');
  for (const k of Object.keys(value)) if (!allowed.includes(k)) throw new FieldError([k], `unknown field "${k}" (known: ${allowed.join(', ')})`);
  try {
    return parseScenario(text);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new FieldError(scenarioErrorPath(e.message), e.message);
  }
}

const FRONT_MATTER_KEYS = ['title', 'summary', 'track', 'order', 'minutes'];

function lessonText(file: string, text: string, problems: LessonProblem[]): (LessonText & { order: number; minutes: number }) | undefined {
  const split = splitFrontMatter(text);
  if (!split) {
    problems.push({ file, line: 1, message: 'expected front matter between --- lines (title, summary, track, order, minutes)' });
    return undefined;
  }
  return withYaml(
    file,
    split.frontMatter,
    (v) => {
      if (!isRecord(v)) throw new FieldError([], `expected ${FRONT_MATTER_KEYS.join(', ')}`);
      for (const k of Object.keys(v)) if (!FRONT_MATTER_KEYS.includes(k)) throw new FieldError([k], `unknown field "${k}" (known: ${FRONT_MATTER_KEYS.join(', ')})`);
      for (const k of ['title', 'summary', 'track']) if (typeof v[k] !== 'string' || (v[k] as string).trim() === '') throw new FieldError(v[k] === undefined ? [] : [k], `${k}: expected text`);
      for (const k of ['order', 'minutes']) if (typeof v[k] !== 'number' || !Number.isInteger(v[k]) || (v[k] as number) < 1) throw new FieldError(v[k] === undefined ? [] : [k], `${k}: expected a whole number from 1`);
      if (split.body.trim() === '') throw new FieldError([], 'the lesson has no text after the front matter');
      return { title: v.title as string, summary: v.summary as string, track: v.track as string, order: v.order as number, minutes: v.minutes as number, body: split.body.trim() + '\n' };
    },
    problems,
    split.firstLine,
  );
}

function hintsFrom(value: unknown): Text[] {
  if (!isRecord(value) || !Array.isArray(value.hints)) throw new FieldError([], 'expected `hints:` with a list of {en, zh}');
  for (const k of Object.keys(value)) if (k !== 'hints') throw new FieldError([k], `unknown field "${k}" (only hints)`);
  if (value.hints.length === 0) throw new FieldError(['hints'], 'give at least one hint');
  return value.hints.map((h, i) => bilingual(h, ['hints', i]));
}

function editorFrom(value: unknown, text: string): string {
  if (!isRecord(value) || value.kind !== 'CloneSet') throw new FieldError(isRecord(value) ? ['kind'] : [], 'expected one CloneSet manifest (kind: CloneSet)');
  return text;
}

/** Checks a lesson's files and builds the Lesson; throws LessonError listing every problem. */
export function parseLesson(name: string, files: Readonly<Record<string, string>>, folder = `lessons/${name}`): Lesson {
  const problems: LessonProblem[] = [];
  const file = (f: string) => `${folder}/${f}`;
  for (const f of LESSON_FILES) if (files[f] === undefined) problems.push({ file: file(f), line: null, message: 'missing file' });
  if (problems.length) throw new LessonError(problems);

  const en = lessonText(file('lesson.en.md'), files['lesson.en.md'], problems);
  const zh = lessonText(file('lesson.zh.md'), files['lesson.zh.md'], problems);
  if (en && zh) {
    for (const k of ['order', 'minutes'] as const) {
      if (en[k] === zh[k]) continue;
      const line = files['lesson.zh.md'].split('\n').findIndex((l) => l.startsWith(`${k}:`)) + 1;
      problems.push({ file: file('lesson.zh.md'), line: line || null, message: `${k} is ${zh[k]} here but ${en[k]} in lesson.en.md` });
    }
  }
  const start = withYaml(file('start.yaml'), files['start.yaml'], (v) => scenarioFrom(files['start.yaml'], v, ['name', 'description', 'seed', 'cluster', 'steps']), problems);
  const solution = withYaml(file('solution.yaml'), files['solution.yaml'], (v) => scenarioFrom(files['solution.yaml'], v, ['description', 'steps']).steps, problems);
  const editor = withYaml(file('editor.yaml'), files['editor.yaml'], (v) => editorFrom(v, files['editor.yaml']), problems);
  const goals = withYaml(file('goals.yaml'), files['goals.yaml'], parseGoals, problems);
  const hints = withYaml(file('hints.yaml'), files['hints.yaml'], hintsFrom, problems);
  if (problems.length || !en || !zh || !start || !solution || editor === undefined || !goals || !hints) throw new LessonError(problems);

  const strip = ({ title, summary, track, body }: LessonText): LessonText => ({ title, summary, track, body });
  return { name, order: en.order, minutes: en.minutes, text: { en: strip(en), zh: strip(zh) }, start, editor, goals, hints, solution };
}

/** Problems of a lesson's files, or an empty list (for a build step that reports them all). */
export function validateLesson(name: string, files: Readonly<Record<string, string>>, folder = `lessons/${name}`): LessonProblem[] {
  try {
    parseLesson(name, files, folder);
    return [];
  } catch (e) {
    if (e instanceof LessonError) return e.problems;
    throw e;
  }
}

/** The course (folder name → files): lessons sorted by order; two lessons with one order are a problem. */
export function parseCourse(folders: Readonly<Record<string, Readonly<Record<string, string>>>>): Lesson[] {
  const problems: LessonProblem[] = [];
  const lessons: Lesson[] = [];
  for (const [name, files] of Object.entries(folders)) {
    try {
      lessons.push(parseLesson(name, files));
    } catch (e) {
      if (e instanceof LessonError) problems.push(...e.problems);
      else throw e;
    }
  }
  lessons.sort((a, b) => a.order - b.order);
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i].order === lessons[i - 1].order) problems.push({ file: `lessons/${lessons[i].name}/lesson.en.md`, line: null, message: `order ${lessons[i].order} is also used by ${lessons[i - 1].name}` });
  }
  if (problems.length) throw new LessonError(problems);
  return lessons;
}
