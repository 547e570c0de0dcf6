// Lesson folders on disk (Node only: the CLI, the tests and the site build; the page gets the
// parsed lessons from the build).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LESSON_FILES, parseCourse, parseLesson, type Lesson } from './schema';
import { LessonError } from './yamlSource';

/** The lesson files present in a folder, by name (absent files are left out: the schema names them). */
export function readLessonFiles(dir: string): Record<string, string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LessonError([{ file: dir, line: null, message: 'not a lesson folder' }]);
  const files: Record<string, string> = {};
  for (const f of LESSON_FILES) {
    const path = join(dir, f);
    if (existsSync(path)) files[f] = readFileSync(path, 'utf8');
  }
  return files;
}

/** A lesson folder's name as the schema reports it: `lessons/05-partition-canary`. */
const displayName = (dir: string) => join(basename(join(dir, '..')), basename(dir)).replace(/\\/g, '/');

export function loadLessonDir(dir: string): Lesson {
  return parseLesson(basename(dir), readLessonFiles(dir), displayName(dir));
}

/** Every `NN-name` folder under `root`. */
export function lessonDirs(root: string): string[] {
  return readdirSync(root)
    .filter((n) => /^\d\d-[a-z0-9-]+$/.test(n) && statSync(join(root, n)).isDirectory())
    .sort()
    .map((n) => join(root, n));
}

/** The whole course under `root`, in order; throws LessonError listing every problem. */
export function loadCourse(root: string): Lesson[] {
  return parseCourse(Object.fromEntries(lessonDirs(root).map((d) => [basename(d), readLessonFiles(d)])));
}
