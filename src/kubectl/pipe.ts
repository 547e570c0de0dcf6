// Cutting a shell line into its pipeline, and the few text filters a kubectl user pipes into: sort, grep, head, tail, wc and uniq, with the
// options people reach for. Each takes the text (lines without a final newline) and returns the
// filtered text and the exit status the real tool would give.

export interface FilterResult {
  output: string;
  exitCode: number;
}

export const PIPE_COMMANDS = ['grep', 'head', 'sort', 'tail', 'uniq', 'wc'] as const;

/** Cuts a line at unquoted `|` and drops an unquoted `#` comment (a `#` that starts a word). */
export function splitPipeline(line: string): string[] {
  // each segment is a slice of the line (what is in it is kept as typed): only where it ends is found here
  const segments: string[] = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < line.length) i++;
      else if (ch === quote) quote = null;
    } else if (ch === '\\' && i + 1 < line.length) {
      i++;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === start || /\s/.test(line[i - 1]))) {
      segments.push(line.slice(start, i));
      return segments;
    } else if (ch === '|') {
      segments.push(line.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(line.slice(start));
  return segments;
}


const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

class FilterError extends Error {}

/** `-n 5`, `-n5`, `-5`, `--lines=5`: the count for head and tail; `+N` (tail from line N) kept as text. */
function countOption(tool: string, args: string[]): { count: string; rest: string[] } {
  let count = '10';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--lines') {
      if (i + 1 >= args.length) throw new FilterError(`${tool}: option requires an argument -- 'n'`);
      count = args[++i];
    } else if (/^-n.+/.test(a)) count = a.slice(2);
    else if (a.startsWith('--lines=')) count = a.slice(8);
    else if (/^-\d+$/.test(a)) count = a.slice(1);
    else if (a.startsWith('-') && a !== '-') throw new FilterError(`${tool}: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'`);
    else rest.push(a);
  }
  if (!/^[+-]?\d+$/.test(count)) throw new FilterError(`${tool}: invalid number of lines: '${count}'`);
  return { count, rest };
}

/** Short options as a set of letters (`-vi` → v, i); the rest are operands. */
function letters(tool: string, args: string[], allowed: string): { opts: Set<string>; operands: string[] } {
  const opts = new Set<string>();
  const operands: string[] = [];
  let ended = false;
  for (const a of args) {
    if (!ended && a === '--') ended = true;
    else if (!ended && /^-[A-Za-z]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (!allowed.includes(ch)) throw new FilterError(`${tool}: invalid option -- '${ch}'`);
        opts.add(ch);
      }
    } else operands.push(a);
  }
  return { opts, operands };
}

function grep(lines: string[], args: string[]): FilterResult {
  const { opts, operands } = letters('grep', args, 'viEcFw');
  if (operands.length === 0) throw new FilterError('Usage: grep [OPTION]... PATTERNS [FILE]...');
  const pattern = operands[0];
  let re: RegExp;
  const flags = opts.has('i') ? 'i' : '';
  const literal = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    const source = opts.has('F') ? literal : pattern;
    re = new RegExp(opts.has('w') ? `(^|\\W)(${source})(\\W|$)` : source, flags);
  } catch {
    re = new RegExp(literal, flags);
  }
  const kept = lines.filter((l) => re.test(l) !== opts.has('v'));
  if (opts.has('c')) return { output: String(kept.length), exitCode: kept.length ? 0 : 1 };
  return { output: kept.join('\n'), exitCode: kept.length ? 0 : 1 };
}

function sort(lines: string[], args: string[]): FilterResult {
  const { opts } = letters('sort', args, 'rnu');
  const numeric = (s: string) => {
    const m = /^\s*(-?\d+(\.\d+)?)/.exec(s);
    return m ? Number(m[1]) : 0;
  };
  let sorted = [...lines].sort((a, b) => (opts.has('n') ? numeric(a) - numeric(b) : 0) || (a < b ? -1 : a > b ? 1 : 0));
  if (opts.has('r')) sorted.reverse();
  if (opts.has('u')) sorted = sorted.filter((l, i) => i === 0 || l !== sorted[i - 1]);
  return { output: sorted.join('\n'), exitCode: 0 };
}

function wc(text: string, lines: string[], args: string[]): FilterResult {
  const { opts } = letters('wc', args, 'lwc');
  const counts: Record<string, number> = {
    l: text === '' ? 0 : lines.length,
    w: text.split(/\s+/).filter(Boolean).length,
    c: new TextEncoder().encode(text === '' ? '' : `${text.replace(/\n$/, '')}\n`).length,
  };
  const shown = opts.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'c'].filter((k) => opts.has(k));
  if (shown.length === 1) return { output: String(counts[shown[0]]), exitCode: 0 };
  const width = Math.max(...shown.map((k) => String(counts[k]).length));
  return { output: shown.map((k) => String(counts[k]).padStart(width)).join(' '), exitCode: 0 };
}

/** Runs one filter over text; an unknown tool or option gives the tool's own complaint. */
export function runFilter(command: string[], text: string): FilterResult {
  const [tool, ...args] = command;
  const lines = linesOf(text);
  try {
    switch (tool) {
      case 'grep':
        return grep(lines, args);
      case 'sort':
        return sort(lines, args);
      case 'uniq':
        letters('uniq', args, '');
        return { output: lines.filter((l, i) => i === 0 || l !== lines[i - 1]).join('\n'), exitCode: 0 };
      case 'head': {
        const { count } = countOption('head', args);
        const n = Number(count);
        return { output: (n >= 0 ? lines.slice(0, n) : lines.slice(0, Math.max(0, lines.length + n))).join('\n'), exitCode: 0 };
      }
      case 'tail': {
        const { count } = countOption('tail', args);
        const n = Math.abs(Number(count));
        return { output: (count.startsWith('+') ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n)).join('\n'), exitCode: 0 };
      }
      case 'wc':
        return wc(text, lines, args);
      default:
        return { output: `bash: ${tool}: command not found`, exitCode: 127 };
    }
  } catch (e) {
    if (e instanceof FilterError) return { output: e.message, exitCode: 2 };
    throw e;
  }
}

/** Runs a pipeline of filters over text. */
export function runPipeline(commands: string[][], text: string): FilterResult {
  let result: FilterResult = { output: text, exitCode: 0 };
  for (const c of commands) {
    result = runFilter(c, result.output);
    // A tool that could not run says why on its error output; nothing flows on.
    if (result.exitCode > 1) return result;
  }
  return result;
}

/**
 * The filters as a stream, for a watch: grep passes matching lines at once and head stops after its
 * count; sort, tail, wc and uniq only answer at end of input, which a watch never reaches, so
 * nothing comes through them.
 */
export function streamFilters(commands: string[][]): (chunk: string) => string {
  let seen = 0;
  return (chunk) => {
    let lines = linesOf(chunk);
    for (const c of commands) {
      if (c[0] === 'grep') lines = linesOf(runFilter(c, lines.join('\n')).output);
      else if (c[0] === 'head') {
        const n = Number(countOption('head', c.slice(1)).count);
        lines = lines.slice(0, Math.max(0, n - seen));
        seen += lines.length;
      } else return '';
    }
    return lines.join('\n');
  };
}
