import { describe, expect, it } from 'vitest';
import { isSafeHref, renderLessonMarkdown } from '../../src/ui/lesson/markdown';

// Lesson text reaches the page as HTML made at build time: only the tags Markdown itself makes.
describe('renderLessonMarkdown', () => {
  it('renders the Markdown lessons use', () => {
    expect(renderLessonMarkdown('**Your task:** set `replicas` to `5`.\n\n- one\n- two\n')).toBe(
      '<p><strong>Your task:</strong> set <code>replicas</code> to <code>5</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('shows a script tag as text', () => {
    const html = renderLessonMarkdown('Before <script>alert(1)</script> after\n\n<script>\nalert(2)\n</script>\n');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;\nalert(2)\n&lt;/script&gt;');
  });

  it('shows an img with onerror as text, and drops Markdown images to their alt text', () => {
    const html = renderLessonMarkdown('<img src=x onerror="alert(1)">\n\nInline <img src=x onerror=alert(1)> and ![a <b>cat</b>](https://example.com/cat.png)\n');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).not.toContain('example.com');
  });

  it('keeps safe links and drops javascript: and data: ones to their text', () => {
    const html = renderLessonMarkdown('[next](../02-scale-and-pvcs/) [docs](https://openkruise.io/docs/) [x](javascript:alert(1)) [y](data:text/html,hi) [z](JaVaScRiPt:alert(1))');
    expect(html).toContain('<a href="../02-scale-and-pvcs/">next</a>');
    expect(html).toContain('<a href="https://openkruise.io/docs/" rel="noopener noreferrer" target="_blank">docs</a>');
    expect(html).not.toMatch(/javascript|data:/i);
    expect(html).toContain(' x y z');
  });

  it('judges link targets as a browser reads them', () => {
    expect(isSafeHref('java\tscript:alert(1)')).toBe(false);
    expect(isSafeHref(' javascript:alert(1)')).toBe(false);
    expect(isSafeHref('//evil.example/')).toBe(false);
    expect(isSafeHref('#goals')).toBe(true);
    expect(isSafeHref('mailto:team@example.com')).toBe(true);
  });
});
