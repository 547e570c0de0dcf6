// Shared pieces of the hostile-input suites: a cluster in the seed post's state, a fingerprint
// that shows any change, and a stopwatch that lists the slowest inputs (printed, never asserted).
import { expect } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import type { ApplyOutcome } from '../../src/sim/apply';

type KubectlResult = ReturnType<typeof runKubectl>;

/** The seed post's CloneSet (nginx-2, in place, a volume claim per pod), one field per line. */
export const SEED_CLONESET = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: nginx-2
  labels:
    app: nginx-2
spec:
  replicas: 5
  selector:
    matchLabels:
      app: nginx-2
  template:
    metadata:
      labels:
        app: nginx-2
    spec:
      containers:
      - name: nginx
        image: nginx:alpine
        volumeMounts:
        - name: data-vol
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data-vol
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 20Gi
  updateStrategy:
    type: InPlaceIfPossible
    inPlaceUpdateStrategy:
      gracePeriodSeconds: 10
    partition: 3
`;

/** A cluster where nginx-2 runs five settled pods. */
export function seededCluster(): Cluster {
  const cluster = new Cluster({ seed: 7 });
  const outcome = cluster.apply(SEED_CLONESET);
  if (!outcome.ok) throw new Error(`the seed CloneSet was refused: ${outcome.error}`);
  cluster.settle(600);
  return cluster;
}

/** Everything observable about a cluster: its STATE, the store's resourceVersion and the clock. */
export const fingerprint = (cluster: Cluster) => `${JSON.stringify(cluster.state())}#rv=${cluster.store.resourceVersion()}#t=${cluster.now()}`;

/** Main-thread time per hostile input; the slowest are printed at the end of a file. */
export class Stopwatch {
  private readonly times: { label: string; ms: number }[] = [];
  time<T>(label: string, run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.times.push({ label, ms: performance.now() - start });
    }
  }
  printSlowest(suite: string, n = 6): void {
    const slowest = [...this.times].sort((a, b) => b.ms - a.ms).slice(0, n);
    console.log(`${suite}: ${this.times.length} inputs timed; slowest:\n${slowest.map((t) => `  ${t.ms.toFixed(1).padStart(8)} ms  ${t.label}`).join('\n')}`);
  }
}

/** kubectl's two forms of a failed apply: a client-side `error: …` or the server's `Error from server…`. */
export const KUBECTL_ERROR = /^(error: |Error from server)/;

/** A go-yaml syntax error as kubectl prints it. */
export const YAML_SYNTAX_ERROR = /^error: error parsing STDIN: error converting YAML to JSON: yaml: /;

/**
 * Applies a text both ways (Cluster.apply and `kubectl apply -f -`), each on the cluster as it was.
 * Refused: the cluster must be unchanged and the error clear. Accepted: returned for the caller.
 */
export function applyBothWays(make: () => Cluster, text: string, label: string, watch: Stopwatch): { outcome: ApplyOutcome; kubectl: KubectlResult } {
  const first = make();
  const before = fingerprint(first);
  const outcome = watch.time(`apply: ${label}`, () => first.apply(text));
  if (!outcome.ok) {
    expect(fingerprint(first), `${label}: a refused apply changes nothing`).toBe(before);
    expect(outcome.error, `${label}: error text`).toMatch(KUBECTL_ERROR);
    expect(outcome.problems.length, `${label}: problems listed`).toBeGreaterThan(0);
  }
  const second = outcome.ok ? make() : first;
  const kubectl = watch.time(`kubectl apply -f -: ${label}`, () => runKubectl(second, 'apply -f -', text));
  expect(kubectl.exitCode, `${label}: kubectl exit code`).toBe(outcome.ok ? 0 : 1);
  if (!outcome.ok) {
    expect(kubectl.stderr, `${label}: kubectl prints the same error`).toBe(`${outcome.error}\n`);
    expect(kubectl.stdout).toBe(outcome.output ? `${outcome.output}\n` : '');
    expect(fingerprint(second), `${label}: a refused kubectl apply changes nothing`).toBe(before);
  }
  return { outcome, kubectl };
}
