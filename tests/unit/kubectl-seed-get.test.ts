// The seed post's two `kubectl get` commands, at the post's moment: blog demo B done (partition 3,
// two of five pods on the newest revision). The blog era (kruise 0.7, kubectl of late 2020) prints
// RESTARTS as a bare count; the 1.9 era adds kubectl ≥ 1.22's "(<age> ago)".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/scenario/scenario';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { parseDuration } from '../../src/scenario/duration';

const SEED_JSONPATH = `get po -o=jsonpath='{range .items[*]}{"\\n"}{.metadata.name}{":\\t"}{range .spec.containers[*]}{.image}{", "}{end}{end}'`;

/** A cluster driven through a scenario's steps up to (not including) the named snapshot. */
function clusterAt(file: string, snapshot: string): Cluster {
  const scenario: Scenario = parseScenario(readFileSync(join(import.meta.dirname, '../scenarios', file), 'utf8'));
  const cluster = new Cluster(scenario.cluster);
  for (const step of scenario.steps) {
    if ('snapshot' in step && step.snapshot === snapshot) return cluster;
    if ('apply' in step) cluster.apply(step.apply);
    else if ('settle' in step) cluster.settle(parseDuration(step.settle ?? '30m', 'settle'));
    else if ('advance' in step) cluster.advance(parseDuration(step.advance, 'advance'));
    else if ('kubectl' in step) runKubectl(cluster, step.kubectl);
  }
  throw new Error(`no snapshot ${snapshot} in ${file}`);
}

describe('the seed post: kubectl get after blog demo B', () => {
  const blogEra = clusterAt('12b-blog-c-paused-era-0.7.yaml', 'blog-b-done');
  blogEra.advance(19 * 60);
  const current = clusterAt('10-blog-b-partition.yaml', 'at-rest');
  current.advance(19 * 60);

  it('kubectl get pod -L controller-revision-hash (blog era)', async () => {
    const r = runKubectl(blogEra, 'kubectl get pod -L controller-revision-hash');
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toBe('NAME            READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH');
    // three pods on the second revision (restarted once), two on the third (twice)
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
    expect(rows.map((c) => [c[1], c[2], c[3]])).toEqual(Array(5).fill(['1/1', 'Running', expect.stringMatching(/^[12]$/)]));
    expect(rows.filter((c) => c[3] === '2').map((c) => c[5])).toEqual([expect.any(String), expect.any(String)]);
    await expect(r.stdout).toMatchFileSnapshot('../golden/get/seed-get-pod-L-blog-era.txt');
  });

  it('the seed JSONPath template: a leading newline, name, tab, images each followed by ", "', async () => {
    const r = runKubectl(blogEra, `kubectl ${SEED_JSONPATH}`);
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(r.stdout.startsWith('\nnginx-2-')).toBe(true);
    expect(r.stdout.endsWith(', ')).toBe(true);
    expect(r.stdout.split('\n').slice(1).every((l) => /^nginx-2-[a-z0-9]{5}:\tnginx(:1\.19\.6-alpine)?, $/.test(l))).toBe(true);
    await expect(r.stdout).toMatchFileSnapshot('../golden/get/seed-get-po-jsonpath-blog-era.txt');
  });

  it('kubectl get clone in both eras: the blog era has no UPDATED_AVAILABLE column', async () => {
    const old = runKubectl(blogEra, 'get clone');
    const now = runKubectl(current, 'get clone');
    expect(old.stdout.split('\n')[0]).toBe('NAME      DESIRED   UPDATED   UPDATED_READY   READY   TOTAL   AGE');
    expect(now.stdout.split('\n')[0]).toBe('NAME      DESIRED   UPDATED   UPDATED_READY   UPDATED_AVAILABLE   READY   TOTAL   AGE');
    await expect(old.stdout).toMatchFileSnapshot('../golden/get/get-clone-blog-era.txt');
    await expect(now.stdout).toMatchFileSnapshot('../golden/get/get-clone.txt');
    await expect(runKubectl(current, 'get clone -o wide').stdout).toMatchFileSnapshot('../golden/get/get-clone-wide.txt');
  });

  it('kubectl get pod -L controller-revision-hash today: RESTARTS carries "(<age> ago)"', async () => {
    const r = runKubectl(current, 'get pod -L controller-revision-hash');
    expect(r.stdout).toMatch(/Running {3}[12] \(\d+m ago\)/);
    await expect(r.stdout).toMatchFileSnapshot('../golden/get/seed-get-pod-L.txt');
    await expect(runKubectl(current, 'get pod -o wide').stdout).toMatchFileSnapshot('../golden/get/get-pod-wide.txt');
  });

  it('other kinds', async () => {
    for (const [name, line] of [
      ['get-pvc', 'get pvc'],
      ['get-nodes-wide', 'get nodes -o wide'],
      ['get-controllerrevisions', 'get controllerrevisions'],
      ['get-pods-clone', 'get pods,clone'],
      ['get-pod-show-labels', 'get po --show-labels -A'],
      ['get-clone-yaml', 'get clone nginx-2 -o yaml'],
      ['get-clone-json', 'get clone/nginx-2 -o json'],
    ]) {
      const r = runKubectl(current, line);
      expect(r, line).toMatchObject({ exitCode: 0, stderr: '' });
      await expect(r.stdout).toMatchFileSnapshot(`../golden/get/${name}.txt`);
    }
  });
});
