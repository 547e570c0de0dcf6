// A lesson file read with its positions: the parsed value plus a way back from a field's path
// (`goals[2].podCount.count`) to the line it is written on, so every schema error names a file
// and a line. Built on js-yaml's listener (the same node index the editor's error list uses).
import yaml from 'js-yaml';
import { Positions, type IndexedNode, type RawNode } from '../sim/api/goYamlPositions';
import type { PathSegment } from '../sim/api/goYaml';

/** Something wrong with one file of a lesson, at a line (1-based) when known. */
export interface LessonProblem {
  file: string;
  line: number | null;
  message: string;
}

/** A lesson that cannot be loaded; `problems` lists every reason found, the message the first. */
export class LessonError extends Error {
  constructor(readonly problems: LessonProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export const formatProblem = (p: LessonProblem): string => `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message}`;

export interface YamlSource {
  file: string;
  value: unknown;
  /** The line (1-based) where the node at `path` is written; the closest enclosing node when absent. */
  lineOf(path: readonly PathSegment[]): number;
}

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
}

/** Parses one YAML document; a syntax error is a LessonError naming the file and line. */
export function readYamlSource(file: string, text: string, firstLine = 1): YamlSource {
  const root: RawNode = { open: 0, end: 0, kind: null, result: null, children: [] };
  const stack: RawNode[] = [root];
  let value: unknown;
  try {
    value = yaml.load(text, {
      filename: file,
      listener(type: string, state: ListenerState) {
        if (type === 'open') {
          const node: RawNode = { open: state.position, end: state.position, kind: null, result: null, children: [] };
          stack[stack.length - 1].children.push(node);
          stack.push(node);
        } else {
          const node = stack.pop()!;
          node.end = state.position;
          node.kind = state.kind;
          node.result = state.result;
        }
      },
    } as yaml.LoadOptions);
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    throw new LessonError([{ file, line: firstLine + e.mark.line, message: `not valid YAML: ${e.reason}` }]);
  }
  const positions = new Positions(text, firstLine);
  const tree: IndexedNode = root.children.length ? positions.index(root.children[0], {}) : { offset: 0 };
  return { file, value, lineOf: (path) => positions.locate(tree, path, 'key').line };
}

/** Splits `---\nfront matter\n---\nbody`; the front matter's first line number comes along. */
export function splitFrontMatter(text: string): { frontMatter: string; firstLine: number; body: string } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return null;
  return { frontMatter: m[1], firstLine: 2, body: text.slice(m[0].length) };
}
