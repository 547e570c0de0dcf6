// Splits a command line into words the way a POSIX shell does for the cases kubectl users type:
// single quotes keep everything, double quotes keep everything but \" \\ \$ \`, a backslash
// outside quotes escapes the next character, and whitespace separates words.

export class TokenizeError extends Error {}

// Plain characters and the inside of double quotes are taken a run at a time (a slice, not a
// character at a time): a 100 KB word costs one copy, not a hundred thousand string pieces.
const PLAIN_RUN = /[^'"\\\s]+/y;
const DOUBLE_QUOTED_RUN = /[^"\\]+/y;

/** The run of characters matching `run` (a sticky regex) at `at`, or '' if none. */
function runAt(run: RegExp, line: string, at: number): string {
  run.lastIndex = at;
  return run.exec(line)?.[0] ?? '';
}

export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new TokenizeError('unexpected EOF while looking for matching `\'`');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const run = runAt(DOUBLE_QUOTED_RUN, line, i);
        if (run) {
          word += run;
          i += run.length;
          continue;
        }
        const c = line[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      if (!closed) throw new TokenizeError('unexpected EOF while looking for matching `"`');
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      // a run of plain characters, or a backslash that ends the line
      const run = runAt(PLAIN_RUN, line, i) || ch;
      word += run;
      inWord = true;
      i += run.length;
    }
  }
  if (inWord) words.push(word);
  return words;
}
