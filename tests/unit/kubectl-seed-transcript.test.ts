// The seed post's transcripts end to end, typed into the terminal's shell on a cluster of the
// post's era (kruise 0.7): apply the CloneSet from a file, watch the pods, describe the CloneSet,
// change the image and see the pod restarted in place, the partition's revisions with -L, and the
// JSONPath listing piped through sort. Each output is checked for the post's shape — columns,
// headers, spacing, the kinds of values — not for its names, hashes or ages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/scenario';
import { Cluster } from '../../src/sim/cluster';
import { createShell } from '../../src/kubectl/shell';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '../scenarios/12b-blog-c-paused-era-0.7.yaml'), 'utf8'));
/** The post's CloneSet.yaml at each demo: A (nginx:alpine), A's image change (nginx), B (partition 3), C (1.18.0, 10 replicas, paused). */
const [blogA, blogAImage, blogB, blogC] = scenario.steps.flatMap((s) => ('apply' in s ? [s.apply] : []));

const cluster = new Cluster(scenario.cluster);
const files: Record<string, string> = { 'CloneSet.yaml': blogA };
const shell = createShell({ getCluster: () => cluster, readFile: (name) => files[name], listFiles: () => Object.keys(files) });
const run = (line: string) => {
  const r = shell.run(line);
  expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
  return r.output;
};
const NAME = /^nginx-2-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const HASH = /^nginx-2-[0-9a-f]{8,10}$/;
/** A table's rows split at runs of two or more spaces (cells never hold two spaces). */
const cells = (table: string) => table.split('\n').map((l) => l.split(/ {2,}/));

describe('the seed post, typed into the terminal (kruise 0.7)', () => {
  it('kubectl apply -f CloneSet.yaml creates it; kubectl get pod lists five Running pods', () => {
    expect(run('kubectl apply -f CloneSet.yaml')).toBe('cloneset.apps.kruise.io/nginx-2 created');
    cluster.settle();
    const [header, ...rows] = cells(run('kubectl get pod'));
    expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows).toHaveLength(5);
    for (const [name, ready, status, restarts, age] of rows) {
      expect([name, ready, status, restarts]).toEqual([expect.stringMatching(NAME), '1/1', 'Running', '0']);
      expect(age).toMatch(/^\d+m\d*s?$|^\d+s$/);
    }
  });

  it('kubectl describe cloneset nginx-2: the generic describer, Status without the 0.8+ fields', () => {
    const out = run('kubectl describe cloneset nginx-2');
    expect(out).toMatch(/^Name: {9}nginx-2\nNamespace: {4}default\nLabels: {7}app=nginx-2\nAnnotations: {2}\S/);
    expect(out).toMatch(/^API Version: {2}apps\.kruise\.io\/v1alpha1$/m);
    expect(out).toMatch(/^Kind: {9}CloneSet$/m);
    const status = out.slice(out.indexOf('\nStatus:\n') + 1, out.indexOf('\nEvents:')).split('\n');
    expect(status.map((l) => l.split(':')[0])).toEqual([
      'Status',
      '  Available Replicas',
      '  Collision Count',
      '  Label Selector',
      '  Observed Generation',
      '  Ready Replicas',
      '  Replicas',
      '  Update Revision',
      '  Updated Ready Replicas',
      '  Updated Replicas',
    ]);
    expect(status[3]).toBe('  Label Selector:          app=nginx-2');
    expect(status[7]).toMatch(/^ {2}Update Revision: {9}nginx-2-[0-9a-f]+$/);
    expect(out).toMatch(/^ {2}Normal {2}SuccessfulCreate {2}\S+ +cloneset-controller {2}succeed to create pod nginx-2-\w{5}$/m);
  });

  it('changing the image: configured, then the pod is restarted in place, as describe pod shows', () => {
    files['CloneSet.yaml'] = blogAImage;
    expect(run('kubectl apply -f CloneSet.yaml')).toBe('cloneset.apps.kruise.io/nginx-2 configured');
    cluster.settle();
    const name = cells(run('kubectl get pod --no-headers'))[0][0];
    const out = run(`kubectl describe pod ${name}`);
    const events = out.slice(out.indexOf('\nEvents:\n') + 1).split('\n');
    expect(events[1]).toMatch(/^ {2}Type {4}Reason +Age +From +Message$/);
    expect(events[2]).toMatch(/^ {2}---- {4}------ +---- +---- +-------$/);
    const reasons = events.slice(3).map((l) => l.trim().split(/ {2,}/));
    expect(reasons.map((r) => r[1])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Killing', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(reasons.every((r) => r[0] === 'Normal')).toBe(true);
    expect(reasons[3].slice(3)).toEqual(['kubelet', 'Container nginx definition changed, will be restarted']);
    expect(reasons[4][4]).toBe('Pulling image "nginx"');
    expect(reasons[5][4]).toMatch(/^Successfully pulled image "nginx" in \d/);
    expect(reasons[6][2]).toMatch(/^(\d+[smh])+ \(x2 over (\d+[smh])+\)$/);
    expect(reasons[6].slice(3)).toEqual(['kubelet', 'Created container nginx']);
    expect(reasons[7].slice(3)).toEqual(['kubelet', 'Started container nginx']);
  });

  it('partition 3: kubectl get pod -L controller-revision-hash shows three old pods and two new', () => {
    files['CloneSet.yaml'] = blogB;
    expect(run('kubectl apply -f CloneSet.yaml')).toBe('cloneset.apps.kruise.io/nginx-2 configured');
    cluster.settle();
    const [header, ...rows] = cells(run('kubectl get pod -L controller-revision-hash'));
    expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'CONTROLLER-REVISION-HASH']);
    expect(rows.map((r) => [r[1], r[2]])).toEqual(Array(5).fill(['1/1', 'Running']));
    for (const r of rows) expect(r[5]).toMatch(HASH);
    const restartsOf = (hash: string) => rows.filter((r) => r[5] === hash).map((r) => r[3]);
    expect([...new Set(rows.map((r) => r[5]))].map(restartsOf)).toEqual(expect.arrayContaining([['1', '1', '1'], ['2', '2']]));
    const status = run('kubectl describe cloneset nginx-2');
    expect(status).toMatch(/^ {2}Updated Ready Replicas: {2}2$/m);
    expect(status).toMatch(/^ {2}Updated Replicas: {8}2$/m);
    expect(status).toMatch(/^ {2}Normal {2}SuccessfulUpdatePodInPlace {2}\S+ +cloneset-controller {2}successfully update pod nginx-2-\w{5} in-place\(revision nginx-2-[0-9a-f]+\)$/m);
  });

  it('the JSONPath listing piped through sort: a blank line, then name, tab, images each with ", "', () => {
    files['CloneSet.yaml'] = blogC;
    run('kubectl apply -f CloneSet.yaml');
    cluster.settle();
    run('kubectl kruise rollout resume clone/nginx-2');
    cluster.settle();
    const out = run(`kubectl get po -o=jsonpath='{range .items[*]}{"\\n"}{.metadata.name}{":\\t"}{range .spec.containers[*]}{.image}{", "}{end}{end}' |sort`);
    const [blank, ...lines] = out.split('\n');
    expect(blank).toBe('');
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l).toMatch(/^nginx-2-\w{5}:\tnginx:1\.18\.0, $/);
    expect([...lines].sort()).toEqual(lines);
  });
});
