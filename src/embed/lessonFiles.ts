// The course's lesson files for the `lesson` attribute: each lesson's files are a chunk of their
// own, fetched only when a widget asks for that lesson.
import { parseLesson, type Lesson } from '../lessons/schema';

const FILES = import.meta.glob<string>('../../lessons/*/*.{yaml,md}', { query: '?raw', import: 'default' });

export function lessonNames(): string[] {
  return [...new Set(Object.keys(FILES).map((p) => p.split('/').slice(-2)[0]))].sort();
}

/** Loads and checks a lesson by its folder name; throws when there is none or it is broken. */
export async function loadLesson(name: string): Promise<Lesson> {
  const prefix = `../../lessons/${name}/`;
  const entries = Object.entries(FILES).filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'));
  if (!/^[a-z0-9-]+$/.test(name) || entries.length === 0) throw new Error(`no lesson "${name}" (there are: ${lessonNames().join(', ')})`);
  const files: Record<string, string> = {};
  for (const [path, load] of entries) files[path.slice(prefix.length)] = await load();
  return parseLesson(name, files);
}
