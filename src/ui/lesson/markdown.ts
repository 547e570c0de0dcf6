// Lesson Markdown to HTML, at build time (the page receives the HTML, never the Markdown).
// Nothing in the text can reach the page as markup of its own: raw HTML blocks and tags are shown
// as text, images become their alt text (the site loads nothing from elsewhere), and a link keeps
// its href only when it is relative, a fragment, http(s) or mailto — never javascript: or data:.
import { Marked, type Tokens } from 'marked';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Whether a link target is safe to keep: no scheme (relative), a fragment, http(s) or mailto. */
export function isSafeHref(href: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = [...href].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact);
  if (!scheme) return !compact.startsWith('//');
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

const isExternal = (href: string) => /^(https?:)?\/\//i.test(href.trim());

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return 'block' in token && token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
    },
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      const external = isExternal(href) ? ' rel="noopener noreferrer" target="_blank"' : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}${external}>${inner}</a>`;
    },
  },
});

/** The lesson's body as HTML that holds only the tags Markdown itself produces. */
export function renderLessonMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
