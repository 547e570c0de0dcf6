// The course as the site build hands it to the pages: every lesson checked by the lesson schema
// (src/lessons/schema.ts) and its text already rendered to safe HTML (src/ui/lesson/markdown.ts).
// The build writes these shapes into two modules (build/lessonsPlugin.ts): `virtual:course-index`
// for the course map (titles and summaries only) and `virtual:course` for lesson pages.
import type { Language, Lesson } from '../../lessons/schema';

export type { Language } from '../../lessons/schema';

export interface PageLessonText {
  title: string;
  summary: string;
  track: string;
  /** The lesson's body, rendered: only the tags Markdown itself makes. */
  html: string;
}

/** A lesson for the lesson page: the schema's Lesson with its text rendered. */
export type PageLesson = Omit<Lesson, 'text'> & { text: Record<Language, PageLessonText> };

/** A lesson for the course map. */
export interface LessonCard {
  name: string;
  order: number;
  minutes: number;
  text: Record<Language, Omit<PageLessonText, 'html'>>;
}

export interface Track {
  /** The track's name in each language (the lessons' front matter). */
  name: Record<Language, string>;
  lessons: LessonCard[];
}

export const cardOf = (l: PageLesson): LessonCard => ({
  name: l.name,
  order: l.order,
  minutes: l.minutes,
  text: {
    en: { title: l.text.en.title, summary: l.text.en.summary, track: l.text.en.track },
    zh: { title: l.text.zh.title, summary: l.text.zh.summary, track: l.text.zh.track },
  },
});

/** Lessons grouped by track, tracks in the order of their first lesson. */
export function tracksOf(cards: readonly LessonCard[]): Track[] {
  const tracks: Track[] = [];
  for (const card of [...cards].sort((a, b) => a.order - b.order)) {
    let track = tracks.find((t) => t.name.en === card.text.en.track);
    if (!track) {
      track = { name: { en: card.text.en.track, zh: card.text.zh.track }, lessons: [] };
      tracks.push(track);
    }
    track.lessons.push(card);
  }
  return tracks;
}

/** The lesson after `name` in `order` (a list of lesson names), or null at the end. */
export function nextInOrder(order: readonly string[], name: string): string | null {
  const i = order.indexOf(name);
  return i >= 0 && i + 1 < order.length ? order[i + 1] : null;
}
