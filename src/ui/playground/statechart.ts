// A statechart drawn from an XState machine's own configuration: states as boxes laid out in
// columns by distance from the initial state, transitions as arrows labelled with their event or
// delay. Nothing here knows about pods: it reads whatever machine it is given.

export interface ChartState {
  /** Dotted path: `running`, `running.ready`. */
  id: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  final: boolean;
  initial: boolean;
  children: ChartState[];
}

export interface ChartEdge {
  from: string;
  to: string;
  label: string;
}

export interface Chart {
  states: ChartState[];
  edges: ChartEdge[];
  /** Transitions taken from any state (the machine's own `on`). */
  global: ChartEdge[];
  width: number;
  height: number;
}

interface StateConfig {
  initial?: string;
  type?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, unknown>;
  after?: Record<string, unknown>;
  always?: unknown;
  invoke?: unknown;
}

const BOX_W = 118;
const BOX_H = 34;
const GAP_X = 46;
const GAP_Y = 18;
const CHILD_H = 24;

/** The targets of a transition config: a string, `{ target }`, or a list of either. */
function targetsOf(t: unknown): string[] {
  if (t === undefined || t === null) return [];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.flatMap(targetsOf);
  if (typeof t === 'object' && 'target' in t) return targetsOf((t as { target: unknown }).target);
  return [];
}

/** `.waiting` and `waiting` both name a sibling at the top level; `running.ready` a child. */
const topLevel = (target: string) => target.replace(/^\./, '').split('.')[0];

/** An event as the chart labels it: a child's completion is "done", the end of a machine's named delay (`DELAY.<name>`) "after <name>". */
function eventLabel(event: string): string {
  if (event.startsWith('xstate.done.actor.')) return 'done';
  if (event.startsWith('DELAY.')) return `after ${event.slice('DELAY.'.length)}`;
  return event;
}

function edgesOf(name: string, config: StateConfig): ChartEdge[] {
  const edges: ChartEdge[] = [];
  const add = (label: string, t: unknown) => {
    for (const target of targetsOf(t)) if (target) edges.push({ from: name, to: topLevel(target), label });
  };
  for (const [event, t] of Object.entries(config.on ?? {})) add(eventLabel(event), t);
  for (const [delay, t] of Object.entries(config.after ?? {})) add(`after ${delay}`, t);
  if (config.always) add('always', config.always);
  return edges;
}

/** Lays out a machine config (machine.config in XState v5). */
export function chartOf(config: StateConfig): Chart {
  const states = config.states ?? {};
  const names = Object.keys(states);
  const edges = names.flatMap((n) => edgesOf(n, states[n])).filter((e) => e.from !== e.to || e.label !== 'always');
  // columns by breadth-first distance from the initial state; unreachable states go last
  const depth = new Map<string, number>();
  const start = config.initial && states[config.initial] ? config.initial : names[0];
  const queue = start ? [start] : [];
  if (start) depth.set(start, 0);
  while (queue.length > 0) {
    const n = queue.shift() as string;
    for (const e of edges) {
      if (e.from === n && states[e.to] && !depth.has(e.to)) {
        depth.set(e.to, (depth.get(n) ?? 0) + 1);
        queue.push(e.to);
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const n of names) if (!depth.has(n)) depth.set(n, maxDepth + 1);
  const columns: string[][] = [];
  for (const n of names) (columns[depth.get(n) as number] ??= []).push(n);
  const laid: ChartState[] = [];
  let width = 0;
  let height = 0;
  columns.forEach((column, c) => {
    let y = 8;
    for (const n of column) {
      const sub = states[n].states ? Object.keys(states[n].states as object) : [];
      const h = sub.length > 0 ? BOX_H + sub.length * (CHILD_H + 6) + 4 : BOX_H;
      const x = 8 + c * (BOX_W + GAP_X);
      const children = sub.map((s, i) => ({
        id: `${n}.${s}`,
        label: s,
        x: x + 10,
        y: y + BOX_H - 6 + i * (CHILD_H + 6),
        w: BOX_W - 20,
        h: CHILD_H,
        final: states[n].states?.[s]?.type === 'final',
        initial: states[n].initial === s,
        children: [],
      }));
      laid.push({ id: n, label: n, x, y, w: BOX_W, h, final: states[n].type === 'final', initial: n === start, children });
      y += h + GAP_Y;
      width = Math.max(width, x + BOX_W + 8);
      height = Math.max(height, y);
    }
  });
  const global = edgesOf('*', config).map((e) => ({ ...e, from: '*' }));
  return { states: laid, edges: dedupe(edges), global: dedupe(global), width, height };
}

function dedupe(edges: ChartEdge[]): ChartEdge[] {
  const seen = new Map<string, ChartEdge>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    const had = seen.get(key);
    if (!had) seen.set(key, { ...e });
    else if (!had.label.split(' / ').includes(e.label)) had.label += ` / ${e.label}`;
  }
  return [...seen.values()];
}

/** The point where the segment from a box's centre towards (tx, ty) leaves the box. */
export function exitPoint(s: Pick<ChartState, 'x' | 'y' | 'w' | 'h'>, tx: number, ty: number): [number, number] {
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : s.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : s.h / 2 / Math.abs(dy);
  const k = Math.min(sx, sy);
  return [cx + dx * k, cy + dy * k];
}

/** Which states a state value (`running.ready`) lights up: the state and its ancestors. */
export function litStates(value: string): Set<string> {
  const parts = value.split('.').filter(Boolean);
  return new Set(parts.map((_, i) => parts.slice(0, i + 1).join('.')));
}
