// Reading a predicate's parameters out of a goals file: each reader names the path it complains
// about, so the schema can point at the line.
import { FieldError } from './compare';

export type Path = (string | number)[];
export type Params = Record<string, unknown>;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mapping whose keys are all among `known` (`true` or null stand for "no parameters"). */
export function mapping(v: unknown, path: Path, known: readonly string[]): Params {
  if ((v === true || v === null) && known.every((k) => k !== 'count')) return {};
  if (!isRecord(v)) throw new FieldError(path, `expected a mapping with ${known.join(', ')}`);
  for (const k of Object.keys(v)) if (!known.includes(k)) throw new FieldError([...path, k], `unknown parameter "${k}" (known: ${known.join(', ')})`);
  return v;
}

export function optionalString(p: Params, key: string, path: Path): string | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new FieldError([...path, key], `${key}: expected text`);
  return v;
}

export function requiredString(p: Params, key: string, path: Path): string {
  if (p[key] === undefined) throw new FieldError(path, `missing parameter "${key}"`);
  return optionalString(p, key, path)!;
}

export function optionalBoolean(p: Params, key: string, path: Path): boolean | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new FieldError([...path, key], `${key}: expected true or false`);
  return v;
}

export function required<T>(p: Params, key: string, path: Path, read: (v: unknown, at: Path) => T): T {
  if (p[key] === undefined) throw new FieldError(path, `missing parameter "${key}"`);
  return read(p[key], [...path, key]);
}

/** An en/zh pair of non-empty strings. */
export function bilingual(v: unknown, path: Path): { en: string; zh: string } {
  if (!isRecord(v)) throw new FieldError(path, 'expected {en: …, zh: …}');
  for (const lang of ['en', 'zh'] as const) {
    if (typeof v[lang] !== 'string' || (v[lang] as string).trim() === '') throw new FieldError([...path, lang], `missing ${lang === 'en' ? 'English' : 'Chinese'} text (${lang})`);
  }
  for (const k of Object.keys(v)) if (k !== 'en' && k !== 'zh') throw new FieldError([...path, k], `unknown language "${k}" (use en and zh)`);
  return { en: v.en as string, zh: v.zh as string };
}
