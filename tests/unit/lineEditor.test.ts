import { describe, expect, it } from 'vitest';
import { LineEditor, PROMPT } from '../../src/ui/terminal/lineEditor';

const CLEAR = `\r\x1b[2K${PROMPT}`;
/** What the redraw shows, and where the cursor is put back (marked |). */
function shown(redraw: string): string {
  expect(redraw.startsWith(CLEAR)).toBe(true);
  const rest = redraw.slice(CLEAR.length);
  const saved = rest.indexOf('\x1b7');
  if (saved < 0) return `${rest}|`;
  expect(rest.endsWith('\x1b8')).toBe(true);
  return `${rest.slice(0, saved)}|${rest.slice(saved + 2, -2)}`;
}

describe('the terminal prompt line', () => {
  it('draws the whole line with the cursor where it is', () => {
    const line = new LineEditor();
    expect(shown(line.insert('kubectl get pods'))).toBe('kubectl get pods|');
    expect(shown(line.move(-4))).toBe('kubectl get |pods');
    expect(shown(line.insert('-A '))).toBe('kubectl get -A |pods');
    expect(shown(line.backspace())).toBe('kubectl get -A|pods');
    expect(shown(line.home())).toBe('|kubectl get -Apods');
    expect(shown(line.del())).toBe('|ubectl get -Apods');
    expect(line.take()).toBe('ubectl get -Apods');
    expect(line.buffer).toBe('');
  });

  it('drops control characters from typed text', () => {
    const line = new LineEditor();
    expect(line.insert('\x1b[31m')).toBe(line.redraw());
    expect(line.buffer).toBe('[31m');
    expect(line.insert('\x00\x07')).toBe('');
  });

  it('a line wider than the terminal scrolls sideways on its row: never more than fits is drawn', () => {
    const line = new LineEditor();
    line.columns = 20; // 17 cells of text: 20, less the prompt and the last column
    expect(shown(line.insert('a'.repeat(100_000)))).toBe(`${'a'.repeat(17)}|`);
    expect(shown(line.home())).toBe(`|${'a'.repeat(17)}`);
    line.set('0123456789abcdefghijklmnopqrstuvwxyz', 10);
    expect(shown(line.redraw())).toBe('0123456789|abcdefg');
    line.set('0123456789abcdefghijklmnopqrstuvwxyz', 30);
    expect(shown(line.redraw())).toBe('defghijklmnopqrst|');
    expect(line.buffer).toBe('0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('counts characters from U+1100 on as two cells, and does not cut a surrogate pair', () => {
    const line = new LineEditor();
    line.columns = 13; // 10 cells
    expect(shown(line.insert('中文'.repeat(10)))).toBe('文中文中文|');
    line.set('😀'.repeat(10));
    const drawn = shown(line.redraw());
    expect(drawn).toBe(`${'😀'.repeat(2)}|`);
    line.set('a😀😀😀', 2);
    expect(shown(line.redraw())).toBe('a\ud83d|\ude00😀');
  });

  it('draws the whole line while the width is unknown', () => {
    const line = new LineEditor();
    expect(shown(line.insert('x'.repeat(500)))).toBe(`${'x'.repeat(500)}|`);
  });
});
