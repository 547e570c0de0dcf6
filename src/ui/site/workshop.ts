// A workshop: an instructor's selection of lessons for a room, as a small YAML (or JSON) file.
//
//   workshop: 1                      # the format's version
//   title: CloneSet in 45 minutes
//   lessons: [01-create-cloneset, 04-in-place-update, 05-partition-canary]
//   unlockCodeSha256: 9b71d2…        # optional: solutions stay hidden until the code is entered
//   speed: 2                         # optional: the time controls' starting speed (0.25–20)
//   largeText: true                  # optional: bigger text for a projector
//   lang: zh                         # optional: the language the workshop opens in
//
// The file travels whole in a link (`/workshop/#w=<base64url of its JSON>`), so a room needs
// nothing but the site; the page never sends it anywhere. Only the code's SHA-256 is in the file.
import yaml from 'js-yaml';
import { sha256Hex } from './sha256';

export const WORKSHOP_VERSION = 1;
/** A workshop file or link longer than this is not read. */
export const MAX_WORKSHOP_CHARS = 16 * 1024;
const MAX_TITLE = 200;
const MAX_LESSONS = 100;
const FIELDS = ['workshop', 'title', 'lessons', 'unlockCodeSha256', 'speed', 'largeText', 'lang'];

export interface Workshop {
  title: string;
  lessons: string[];
  /** Lowercase hex SHA-256 of the unlock code, or null when solutions are not hidden. */
  unlockCodeSha256: string | null;
  speed: number;
  largeText: boolean;
  lang: 'en' | 'zh' | null;
}

export type WorkshopResult = { ok: true; workshop: Workshop } | { ok: false; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a workshop file (YAML or JSON); `known` is the course's lesson names. */
export function parseWorkshop(text: string, known: readonly string[]): WorkshopResult {
  if (text.length > MAX_WORKSHOP_CHARS) return { ok: false, problems: [`the file is over ${MAX_WORKSHOP_CHARS / 1024} KB`] };
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.JSON_SCHEMA, json: true });
  } catch (e) {
    const mark = e instanceof yaml.YAMLException ? e.mark : undefined;
    return { ok: false, problems: [mark ? `line ${mark.line + 1}: not valid YAML: ${(e as yaml.YAMLException).reason}` : 'not valid YAML'] };
  }
  if (!isRecord(doc)) return { ok: false, problems: ['expected a mapping with workshop, title and lessons'] };
  const problems: string[] = [];
  for (const k of Object.keys(doc)) if (!FIELDS.includes(k)) problems.push(`unknown field "${k}" (known: ${FIELDS.join(', ')})`);
  if (doc.workshop !== WORKSHOP_VERSION) problems.push(`workshop: expected ${WORKSHOP_VERSION} (the format's version)`);
  const title = typeof doc.title === 'string' ? doc.title.trim() : '';
  if (title === '' || title.length > MAX_TITLE) problems.push(`title: expected text of 1 to ${MAX_TITLE} characters`);
  const lessons: string[] = [];
  if (!Array.isArray(doc.lessons) || doc.lessons.length === 0 || doc.lessons.length > MAX_LESSONS) {
    problems.push(`lessons: expected a list of 1 to ${MAX_LESSONS} lesson names`);
  } else {
    doc.lessons.forEach((name, i) => {
      if (typeof name !== 'string' || !known.includes(name)) problems.push(`lessons[${i}]: ${JSON.stringify(name)} is not a lesson of this course`);
      else if (lessons.includes(name)) problems.push(`lessons[${i}]: ${name} is listed twice`);
      else lessons.push(name);
    });
  }
  let unlock: string | null = null;
  if (doc.unlockCodeSha256 !== undefined && doc.unlockCodeSha256 !== null) {
    if (typeof doc.unlockCodeSha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(doc.unlockCodeSha256)) problems.push('unlockCodeSha256: expected 64 hex digits (the SHA-256 of the unlock code)');
    else unlock = doc.unlockCodeSha256.toLowerCase();
  }
  const speed = doc.speed ?? 1;
  if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 20)) problems.push('speed: expected a number from 0.25 to 20');
  const largeText = doc.largeText ?? false;
  if (typeof largeText !== 'boolean') problems.push('largeText: expected true or false');
  const lang = doc.lang ?? null;
  if (lang !== null && lang !== 'en' && lang !== 'zh') problems.push('lang: expected en or zh');
  if (problems.length) return { ok: false, problems };
  return { ok: true, workshop: { title, lessons, unlockCodeSha256: unlock, speed: speed as number, largeText: largeText as boolean, lang: lang as Workshop['lang'] } };
}

/** The workshop as a file (JSON, which is also YAML), fields in the documented order. */
export function workshopFileText(w: Workshop): string {
  const doc: Record<string, unknown> = { workshop: WORKSHOP_VERSION, title: w.title, lessons: w.lessons };
  if (w.unlockCodeSha256) doc.unlockCodeSha256 = w.unlockCodeSha256;
  if (w.speed !== 1) doc.speed = w.speed;
  if (w.largeText) doc.largeText = true;
  if (w.lang) doc.lang = w.lang;
  return JSON.stringify(doc);
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(data)) return null;
  try {
    const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The hash part of a workshop's link: `#w=…`. */
export const workshopHash = (w: Workshop): string => `#w=${toBase64Url(workshopFileText(w))}`;

/**
 * The workshop in a location hash: null when the hash names none (`#w=` absent), else the
 * parse result (a damaged link is a problem, never an exception).
 */
export function workshopFromHash(hash: string, known: readonly string[]): WorkshopResult | null {
  const m = /^#?(?:.*&)?w=([^&]*)/.exec(hash);
  if (!m) return null;
  if (m[1].length > (MAX_WORKSHOP_CHARS * 4) / 3 + 4) return { ok: false, problems: ['the link is too long to be a workshop'] };
  const text = fromBase64Url(m[1]);
  if (text === null) return { ok: false, problems: ['the link is damaged (it does not decode)'] };
  return parseWorkshop(text, known);
}

/** Whether `code` unlocks the workshop's solutions (always true when none are hidden). */
export function unlocks(w: Workshop, code: string): boolean {
  return w.unlockCodeSha256 === null || sha256Hex(code.trim()) === w.unlockCodeSha256;
}

export { sha256Hex };
