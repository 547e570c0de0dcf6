// The site's lessons at build time: every folder under lessons/ is checked by the lesson schema
// (a broken lesson fails the build, naming file and line), its Markdown rendered to safe HTML, and
// the result handed to the pages as two modules (`virtual:course-index`, `virtual:course`). Each
// lesson gets a page per language, /<lang>/lessons/<name>/index.html, generated from one template:
// no lesson file is fetched at run time.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { lessonDirs, loadCourse } from '../src/lessons/fsLessons';
import { LESSON_FILES, LANGUAGES, type Language, type Lesson } from '../src/lessons/schema';
import { LessonError } from '../src/lessons/yamlSource';
import { escapeHtml, renderLessonMarkdown } from '../src/ui/lesson/markdown';
import { cardOf, type PageLesson } from '../src/ui/site/course';

const INDEX_ID = 'virtual:course-index';
const COURSE_ID = 'virtual:course';
const resolved = (id: string) => `\0${id}`;

/** The Content-Security-Policy every page of the site carries (the playground page's). */
export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'";

const PAGE_RE = /^\/(en|zh)\/lessons\/(\d\d-[a-z0-9-]+)\/(?:index\.html)?$/;

/** Lesson folder names under `lessonsRoot`, in folder order (the schema sorts them by `order`). */
function lessonNames(lessonsRoot: string): string[] {
  if (!existsSync(lessonsRoot)) return [];
  return lessonDirs(lessonsRoot).map((d) => d.slice(lessonsRoot.length + 1));
}

/** Build inputs for every lesson page: `en/lessons/<name>/index.html` (the file itself is generated). */
export function lessonPageInputs(root: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const name of lessonNames(join(root, 'lessons'))) {
    for (const lang of LANGUAGES) inputs[`${lang}-${name}`] = resolve(root, lang, 'lessons', name, 'index.html');
  }
  return inputs;
}

/** The course, checked; a broken lesson throws an Error listing every problem as `file:line: message`. */
function readCourse(root: string): PageLesson[] {
  let lessons: Lesson[];
  try {
    lessons = loadCourse(join(root, 'lessons'));
  } catch (e) {
    if (e instanceof LessonError) throw new Error(`lessons are broken:\n${e.message}`, { cause: e });
    throw e;
  }
  return lessons.map((l) => ({
    ...l,
    text: Object.fromEntries(
      LANGUAGES.map((lang) => {
        const { title, summary, track, body } = l.text[lang];
        return [lang, { title, summary, track, html: renderLessonMarkdown(body) }];
      }),
    ) as PageLesson['text'],
  }));
}

/** The HTML of one lesson page; the lesson's text is in it, so the page reads before its script runs. */
export function lessonPageHtml(lesson: PageLesson, lang: Language): string {
  const text = lesson.text[lang];
  const suffix = lang === 'zh' ? 'CloneSet 演练场' : 'CloneSet Playground';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="color-scheme" content="light dark" />
    <meta http-equiv="Content-Security-Policy" content="${SITE_CSP}" />
    <meta name="description" content="${escapeHtml(text.summary)}" />
    <title>${escapeHtml(text.title)} — ${suffix}</title>
    <link rel="icon" href="../../../favicon.svg" type="image/svg+xml" />
    <style>.prerendered { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; font-family: system-ui, sans-serif; line-height: 1.6; }</style>
  </head>
  <body>
    <div id="app" data-lesson="${escapeHtml(lesson.name)}" data-lang="${lang}">
      <article class="prerendered"><h1>${escapeHtml(text.title)}</h1>
${text.html}</article>
    </div>
    <script type="module" src="/src/ui/lesson/main.ts"></script>
  </body>
</html>
`;
}

export function lessonsPlugin(options: { root: string }): Plugin {
  const root = options.root;
  let course: PageLesson[] | undefined;
  const getCourse = () => (course ??= readCourse(root));
  const pagePath = (lang: string, name: string) => resolve(root, lang, 'lessons', name, 'index.html');
  const pageFor = (id: string): { lesson: PageLesson; lang: Language } | null => {
    for (const lesson of getCourse()) {
      for (const lang of LANGUAGES) if (id === pagePath(lang, lesson.name)) return { lesson, lang };
    }
    return null;
  };
  const watchLessons = (add: (file: string) => void) => {
    for (const dir of lessonDirs(join(root, 'lessons'))) for (const f of LESSON_FILES) if (existsSync(join(dir, f))) add(join(dir, f));
  };

  return {
    name: 'cloneset-lessons',
    enforce: 'pre',
    buildStart() {
      course = undefined;
      getCourse();
    },
    resolveId(id) {
      if (id === INDEX_ID || id === COURSE_ID) return resolved(id);
      if (id.endsWith('.html') && pageFor(id)) return id;
      return null;
    },
    load(id) {
      if (id === resolved(INDEX_ID)) {
        watchLessons((f) => this.addWatchFile(f));
        return `export default ${JSON.stringify(getCourse().map(cardOf))};`;
      }
      if (id === resolved(COURSE_ID)) {
        watchLessons((f) => this.addWatchFile(f));
        return `export default ${JSON.stringify(getCourse())};`;
      }
      const page = id.endsWith('.html') ? pageFor(id) : null;
      return page ? lessonPageHtml(page.lesson, page.lang) : null;
    },
    configureServer(server) {
      // A lesson folder edited while the dev server runs is read again on the next page load.
      server.watcher.on('change', (file) => {
        if (file.startsWith(join(root, 'lessons'))) course = undefined;
      });
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const m = PAGE_RE.exec(url);
        if (!m) return next();
        const page = pageFor(pagePath(m[1], m[2]));
        if (!page) return next();
        server
          .transformIndexHtml(url, lessonPageHtml(page.lesson, page.lang))
          .then((html) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(html);
          })
          .catch(next);
      });
    },
  };
}
