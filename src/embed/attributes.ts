// The element's attributes (DESIGN.md "Embedding"), read into plain values. Anything unknown
// falls back to the default rather than failing: a docs page must never show a broken widget.
export type Mode = 'edit' | 'readonly' | 'guided';
export type LangChoice = 'en' | 'zh' | 'auto';
export type ThemeChoice = 'light' | 'dark' | 'auto';

export const OBSERVED_ATTRIBUTES = ['yaml', 'src', 'lesson', 'mode', 'lang', 'theme', 'height', 'autoplay', 'speed'] as const;

export interface WidgetAttributes {
  yaml: string | null;
  src: string | null;
  lesson: string | null;
  mode: Mode;
  lang: LangChoice;
  theme: ThemeChoice;
  /** A CSS length for the widget's height. */
  height: string;
  autoplay: string | null;
  /** The speed autoplay plays at (virtual seconds per real second). */
  speed: number;
}

export const DEFAULT_HEIGHT = '560px';

const oneOf = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

/** "480" or "480px" → 480px; "60vh", "30rem", "100%" pass; anything else is the default. */
export function parseHeight(v: string | null): string {
  const s = v?.trim() ?? '';
  if (/^\d{2,4}$/.test(s)) return `${Math.max(160, Number(s))}px`;
  if (/^\d{1,4}(\.\d+)?(px|vh|rem|em|%)$/.test(s)) return s;
  return DEFAULT_HEIGHT;
}

export function readAttributes(get: (name: string) => string | null): WidgetAttributes {
  const speed = Number(get('speed'));
  return {
    yaml: get('yaml'),
    src: get('src'),
    lesson: get('lesson'),
    mode: oneOf(get('mode'), ['edit', 'readonly', 'guided'], 'edit'),
    lang: oneOf(get('lang'), ['en', 'zh', 'auto'], 'auto'),
    theme: oneOf(get('theme'), ['light', 'dark', 'auto'], 'auto'),
    height: parseHeight(get('height')),
    autoplay: get('autoplay'),
    speed: Number.isFinite(speed) && speed >= 0.25 && speed <= 20 ? speed : 4,
  };
}

/** The language of `lang="auto"`: the page's <html lang> (Docusaurus sets it per locale), else the browser's. */
export function pageLang(htmlLang: string | null | undefined, browser: string | undefined): 'en' | 'zh' {
  const l = (htmlLang || browser || 'en').toLowerCase();
  return l.startsWith('zh') ? 'zh' : 'en';
}

/** The theme of `theme="auto"`: html[data-theme] as Docusaurus sets it, else the system's. */
export function pageTheme(dataTheme: string | null | undefined, systemDark: boolean): 'light' | 'dark' {
  if (dataTheme === 'dark' || dataTheme === 'light') return dataTheme;
  return systemDark ? 'dark' : 'light';
}

/** Whether a `src` URL is on the page's own origin (nothing is fetched from another origin). */
export function sameOriginUrl(src: string, base: string, origin: string): URL | null {
  try {
    const url = new URL(src, base);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}
