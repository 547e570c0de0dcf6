import { describe, expect, it } from 'vitest';
import { pageLang, pageTheme, parseHeight, readAttributes, sameOriginUrl } from '../../src/embed/attributes';
import { parseAutoplay } from '../../src/embed/autoplay';
import { tokenizeYaml, tokenizeYamlLine } from '../../src/embed/yamlTokens';
import { SEED_CLONESET_YAML } from '../../src/ui/editor/seed';

describe('<cloneset-playground> attributes', () => {
  it('falls back to defaults for anything unknown', () => {
    const a = readAttributes((n) => ({ mode: 'fly', lang: 'fr', theme: 'pink', height: 'tall', speed: '99' })[n] ?? null);
    expect(a).toMatchObject({ mode: 'edit', lang: 'auto', theme: 'auto', height: '560px', speed: 4, yaml: null, src: null, autoplay: null });
    expect(readAttributes((n) => ({ mode: 'readonly', lang: 'zh', theme: 'dark', speed: '20' })[n] ?? null)).toMatchObject({ mode: 'readonly', lang: 'zh', theme: 'dark', speed: 20 });
  });

  it('reads heights as pixels or CSS lengths, never anything that could inject CSS', () => {
    expect(['480', '480px', '60vh', '30rem', '100%', '12', '1px; color: red', 'calc(1px)'].map(parseHeight)).toEqual(['480px', '480px', '60vh', '30rem', '100%', '160px', '560px', '560px']);
    expect(parseHeight('1')).toBe('560px');
  });

  it('follows the page: <html lang> and html[data-theme] (as Docusaurus sets them)', () => {
    expect([pageLang('zh-Hans', 'en-US'), pageLang('en', 'zh-CN'), pageLang('', 'zh-CN'), pageLang(undefined, undefined)]).toEqual(['zh', 'en', 'zh', 'en']);
    expect([pageTheme('dark', false), pageTheme('light', true), pageTheme(null, true), pageTheme('', false)]).toEqual(['dark', 'light', 'dark', 'light']);
  });

  it('fetches src only from the page’s own origin', () => {
    expect(sameOriginUrl('nginx.yaml', 'https://docs.example/a/b', 'https://docs.example')?.href).toBe('https://docs.example/a/nginx.yaml');
    expect(sameOriginUrl('https://evil.example/x.yaml', 'https://docs.example/', 'https://docs.example')).toBeNull();
    expect(sameOriginUrl('//evil.example/x.yaml', 'https://docs.example/', 'https://docs.example')).toBeNull();
    expect(sameOriginUrl('http://[bad', 'https://docs.example/', 'https://docs.example')).toBeNull();
  });
});

describe('autoplay steps', () => {
  it('reads a list of scenario steps or a mapping with steps', () => {
    const list = parseAutoplay('- settle: 5m\n- kubectl: scale cloneset nginx-2 --replicas=3\n- advance: 10s\n');
    expect(list).toEqual({ ok: true, steps: [{ settle: '5m' }, { kubectl: 'scale cloneset nginx-2 --replicas=3' }, { advance: '10s' }] });
    expect(parseAutoplay('steps:\n  - settle:\n')).toEqual({ ok: true, steps: [{ settle: null }] });
  });

  it('says what is wrong with steps it cannot run', () => {
    const problem = (text: string) => {
      const r = parseAutoplay(text);
      return r.ok ? 'ok' : r.error;
    };
    expect(problem('- fly: away')).toMatch(/^autoplay: /);
    expect(problem('- advance: soon')).toMatch(/^autoplay: /);
    expect(problem('[unclosed')).toMatch(/^autoplay: not valid YAML/);
    expect(problem('42')).toMatch(/^autoplay: /);
  });
});

describe('read-only YAML highlighting', () => {
  it('gives back every line exactly, keys and values told apart', () => {
    const lines = tokenizeYaml(SEED_CLONESET_YAML);
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(SEED_CLONESET_YAML);
    expect(tokenizeYamlLine('  replicas: 5 # five')).toEqual([
      { kind: 'text', text: '  ' },
      { kind: 'key', text: 'replicas' },
      { kind: 'punct', text: ':' },
      { kind: 'text', text: ' ' },
      { kind: 'number', text: '5' },
      { kind: 'text', text: ' ' },
      { kind: 'comment', text: '# five' },
    ]);
    expect(tokenizeYamlLine('      - name: nginx').map((t) => t.kind)).toEqual(['text', 'punct', 'key', 'punct', 'text', 'string']);
    expect(tokenizeYamlLine('        image: nginx:alpine').filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['nginx:alpine']);
    expect(tokenizeYamlLine('  paused: true').at(-1)).toEqual({ kind: 'bool', text: 'true' });
    expect(tokenizeYamlLine('---')).toEqual([{ kind: 'punct', text: '---' }]);
  });
});
