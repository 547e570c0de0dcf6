import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { lessonPageHtml, lessonPageInputs, lessonsPlugin, SITE_CSP } from '../../build/lessonsPlugin';
import type { PageLesson } from '../../src/ui/site/course';

const root = join(import.meta.dirname, '../..');

/** A copy of two real lessons in a temporary project root, to break one of them. */
function projectWith(change?: (lessons: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'lessons-plugin-'));
  for (const name of ['01-create-cloneset', '02-scale-and-pvcs']) cpSync(join(root, 'lessons', name), join(dir, 'lessons', name), { recursive: true });
  change?.(join(dir, 'lessons'));
  return dir;
}

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (plugin: Plugin, hook: 'buildStart' | 'resolveId' | 'load', ...args: unknown[]) =>
  (plugin[hook] as Hook).call({ addWatchFile: () => {} }, ...args);

describe('the lessons build plugin', () => {
  it('names a page per lesson and language', () => {
    const dir = projectWith();
    expect(lessonPageInputs(dir)).toEqual({
      'en-01-create-cloneset': join(dir, 'en/lessons/01-create-cloneset/index.html'),
      'zh-01-create-cloneset': join(dir, 'zh/lessons/01-create-cloneset/index.html'),
      'en-02-scale-and-pvcs': join(dir, 'en/lessons/02-scale-and-pvcs/index.html'),
      'zh-02-scale-and-pvcs': join(dir, 'zh/lessons/02-scale-and-pvcs/index.html'),
    });
  });

  it('fails the build on a broken lesson, naming the file and the line', () => {
    const dir = projectWith((lessons) => {
      const goals = join(lessons, '02-scale-and-pvcs', 'goals.yaml');
      writeFileSync(goals, readFileSync(goals, 'utf8').replace('podCount: {ready: true, count: 7}', 'podCount: {ready: true, count: seven}'));
    });
    expect(() => call(lessonsPlugin({ root: dir }), 'buildStart')).toThrow(/lessons\/02-scale-and-pvcs\/goals\.yaml:5: /);
  });

  it('bundles the course (rendered text, no Markdown) and generates each page with the site CSP', async () => {
    const dir = projectWith();
    const plugin = lessonsPlugin({ root: dir });
    call(plugin, 'buildStart');
    const id = call(plugin, 'resolveId', 'virtual:course') as string;
    const code = call(plugin, 'load', id) as string;
    const lessons = JSON.parse(code.replace(/^export default /, '').replace(/;$/, '')) as PageLesson[];
    expect(lessons.map((l) => l.name)).toEqual(['01-create-cloneset', '02-scale-and-pvcs']);
    expect(lessons[0].text.zh.html).toContain('<strong>CloneSet</strong>');
    expect(lessons[0].text.en).not.toHaveProperty('body');

    const page = join(dir, 'zh/lessons/02-scale-and-pvcs/index.html');
    expect(call(plugin, 'resolveId', page)).toBe(page);
    expect(call(plugin, 'resolveId', join(dir, 'zh/lessons/99-missing/index.html'))).toBeNull();
    const html = call(plugin, 'load', page) as string;
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}" />`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('data-lesson="02-scale-and-pvcs" data-lang="zh"');
    expect(html).toContain('<title>扩容与 PVC 模板 — CloneSet 演练场</title>');
  });

  it('escapes what the front matter says', () => {
    const lesson = { name: '01-x', text: { en: { title: '<script>x</script>', summary: '"quoted" & <b>', track: 't', html: '<p>ok</p>' } } } as unknown as PageLesson;
    const html = lessonPageHtml(lesson, 'en');
    expect(html).toContain('<title>&lt;script&gt;x&lt;/script&gt; — CloneSet Playground</title>');
    expect(html).toContain('content="&quot;quoted&quot; &amp; &lt;b&gt;"');
  });

  it('uses the same CSP as the playground page', () => {
    expect(readFileSync(join(root, 'playground/index.html'), 'utf8')).toContain(`content="${SITE_CSP}"`);
    expect(readFileSync(join(root, 'index.html'), 'utf8')).toContain(`content="${SITE_CSP}"`);
    expect(readFileSync(join(root, 'workshop/index.html'), 'utf8')).toContain(`content="${SITE_CSP}"`);
  });
});
