// kubectl describe against the blog post's states (SCENARIOS 9 and 10): the CloneSet's Status and
// Events and the pod's Events with client-go's folded counts, as golden files, plus the layout
// rules they rest on and every error path.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { tabwrite } from '../../src/kubectl/describeWriter';
import { camelcaseSplit, smartLabelFor, rfc1123z } from '../../src/kubectl/describeCommon';

const blogCloneSet = (image: string, partition?: number) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: nginx-2
  labels: {app: nginx-2}
spec:
  replicas: 5
  selector:
    matchLabels: {app: nginx-2}
  template:
    metadata:
      labels: {app: nginx-2}
    spec:
      containers:
      - name: nginx
        image: ${image}
        volumeMounts:
        - name: data-vol
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata: {name: data-vol}
    spec:
      accessModes: ["ReadWriteOnce"]
      resources: {requests: {storage: 20Gi}}
  updateStrategy:
    type: InPlaceIfPossible
    inPlaceUpdateStrategy:
      gracePeriodSeconds: 10
${partition === undefined ? '' : `    partition: ${partition}\n`}`;

/** Blog A: nginx:alpine for an hour, then the in-place update to nginx; stops `after` seconds into it. */
function blogA(after: number): Cluster {
  const cluster = new Cluster({ seed: 7, nodes: 3, timings: { pullSeconds: { nginx: 29 } } });
  cluster.apply(blogCloneSet('nginx:alpine'));
  cluster.settle();
  cluster.advance(58 * 60);
  cluster.apply(blogCloneSet('nginx'));
  cluster.advance(after);
  return cluster;
}

const kubectl = (cluster: Cluster, line: string) => runKubectl(cluster, line);

/** The pod the controller updated first. */
function firstUpdated(cluster: Cluster): string {
  const e = cluster.eventList().find((x) => x.reason === 'SuccessfulUpdatePodInPlace');
  return /pod (\S+) in-place/.exec(e!.message)![1];
}

describe('describe pod: the blog post’s in-place restart', () => {
  const cluster = blogA(63);
  const pod = firstUpdated(cluster);
  const out = kubectl(cluster, `describe pod ${pod}`);

  it('matches the golden file', async () => {
    expect(out.exitCode).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot('../golden/describe/pod-after-inplace-restart.txt');
  });

  it('has the post’s Events table: header, dashes, and Created/Started folded as (x2 over 59m)', () => {
    const lines = out.stdout.trimEnd().split('\n');
    const at = lines.indexOf('Events:');
    expect(lines[at + 1]).toMatch(/^ {2}Type {4}Reason +Age +From +Message$/);
    expect(lines[at + 2]).toMatch(/^ {2}---- {4}------ +---- +---- +-------$/);
    const col = (name: string) => lines[at + 1].indexOf(name);
    const rows = lines.slice(at + 3);
    for (const row of rows) {
      expect(row.slice(col('Reason') - 2, col('Reason'))).toBe('  ');
      expect(row.slice(col('From') - 2, col('From'))).toBe('  ');
    }
    expect(rows.find((r) => r.includes('Killing'))).toMatch(/Normal {2}Killing +\d+s +kubelet +Container nginx definition changed, will be restarted$/);
    expect(rows.find((r) => r.includes('Created'))).toMatch(/Normal {2}Created +\d+s \(x2 over 59m\) +kubelet +Created container nginx$/);
    expect(rows.find((r) => r.includes('Started'))).toMatch(/Normal {2}Started +\d+s \(x2 over 59m\) +kubelet +Started container nginx$/);
  });

  it('shows the restart as State Running, Last State Terminated, Restart Count 1', () => {
    expect(out.stdout).toMatch(/\n {4}State: +Running\n {6}Started: +\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\n {4}Last State: +Terminated\n {6}Reason: +Completed\n {6}Exit Code: +0\n/);
    expect(out.stdout).toMatch(/\n {4}Restart Count: +1\n/);
    expect(out.stdout).toMatch(/\nControlled By: +CloneSet\/nginx-2\n/);
    expect(out.stdout).toMatch(/\n {4}Type: +PersistentVolumeClaim \(a reference to a PersistentVolumeClaim in the same namespace\)\n {4}ClaimName: +data-vol-/);
  });
});

describe('describe cloneset: the blog post’s partition (Blog B)', () => {
  const cluster = blogA(0);
  cluster.settle();
  cluster.advance(30 * 60);
  cluster.apply(blogCloneSet('nginx:1.19.6-alpine', 3));
  cluster.settle();
  cluster.advance(5 * 60);
  const out = kubectl(cluster, 'describe clone nginx-2');

  it('matches the golden file', async () => {
    expect(out.exitCode).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot('../golden/describe/cloneset-partition.txt');
  });

  it('prints Status as the generic describer does: sorted, title-cased, values aligned', () => {
    const status = out.stdout.slice(out.stdout.indexOf('\nStatus:\n') + 1, out.stdout.indexOf('\nEvents:\n'));
    const lines = status.split('\n').slice(1);
    expect(lines.map((l) => l.trim().split(':')[0])).toEqual([
      'Available Replicas',
      'Collision Count',
      'Current Revision',
      'Expected Updated Replicas',
      'Label Selector',
      'Observed Generation',
      'Ready Replicas',
      'Replicas',
      'Update Revision',
      'Updated Available Replicas',
      'Updated Ready Replicas',
      'Updated Replicas',
    ]);
    const valueColumn = new Set(lines.map((l) => l.search(/\S+$/)));
    expect(valueColumn.size).toBe(1);
    expect(status).toMatch(/ {2}Updated Replicas: +2$/m);
    expect(status).toMatch(/ {2}Label Selector: +app=nginx-2$/m);
  });

  it('lists the in-place updates as SuccessfulUpdatePodInPlace events from cloneset-controller', () => {
    const events = out.stdout.slice(out.stdout.indexOf('\nEvents:\n'));
    expect(events).toMatch(/\n {2}Normal {2}SuccessfulUpdatePodInPlace {2}\d+m\d*s? +cloneset-controller {2}successfully update pod nginx-2-\w+ in-place\(revision nginx-2-\w+\)/);
    expect(events.match(/SuccessfulUpdatePodInPlace/g)).toHaveLength(7);
  });

  it('prints the Spec and Metadata of the object, skipping name, namespace, labels and annotations there', () => {
    expect(out.stdout).toMatch(/\nAPI Version: +apps\.kruise\.io\/v1alpha1\nKind: +CloneSet\nMetadata:\n {2}Creation Timestamp: +2026-07-01T00:00:00Z\n/);
    expect(out.stdout).toMatch(/\n {4}Partition: +3\n/);
    expect(out.stdout).not.toMatch(/last-applied-configuration/);
  });
});

describe('describe: kinds, lists and selectors', () => {
  const cluster = blogA(0);
  cluster.settle();

  it('describe pods describes every pod, separated by two blank lines', () => {
    const out = kubectl(cluster, 'describe pods');
    expect(out.stdout.split('\n\n\nName:')).toHaveLength(5);
  });

  it('a name that matches nothing exactly is a prefix, as kubectl describe does', () => {
    expect(kubectl(cluster, 'describe po nginx-2').stdout.match(/^Name: /gm)).toHaveLength(5);
  });

  it('-l selects; a selector that matches nothing says so', () => {
    expect(kubectl(cluster, 'describe pods -l app=nginx-2').stdout.match(/^Name: /gm)).toHaveLength(5);
    expect(kubectl(cluster, 'describe pods -l app=other')).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(kubectl(cluster, 'describe pods -l "a b c"').stderr).toMatch(/^error: unable to parse requirement/);
  });

  it('pvc: status, volume, capacity, access modes and the pod using it', () => {
    const pvc = cluster.store.list('PersistentVolumeClaim', 'default')[0];
    const out = kubectl(cluster, `describe pvc ${pvc.metadata.name}`).stdout;
    expect(out).toMatch(/^Status: +Bound$/m);
    expect(out).toMatch(/^Capacity: +20Gi$/m);
    expect(out).toMatch(/^Access Modes: +RWO$/m);
    expect(out).toMatch(/^Used By: +nginx-2-\w+$/m);
    expect(out).toMatch(/^Events: +<none>$/m);
  });

  it('node: conditions table, addresses, capacity and its non-terminated pods', () => {
    const out = kubectl(cluster, 'describe node node-1').stdout;
    expect(out).toMatch(/^ {2}Type +Status +LastHeartbeatTime +LastTransitionTime +Reason +Message$/m);
    expect(out).toMatch(/^ {2}InternalIP: +192\.168\.0\.11$/m);
    expect(out).toMatch(/^Non-terminated Pods: +\(\d+ in total\)$/m);
  });

  it('TYPE/NAME form, --show-events=false and -n', () => {
    expect(kubectl(cluster, 'describe clonesets.apps.kruise.io/nginx-2 --show-events=false').stdout).not.toMatch(/Events:/);
    expect(kubectl(cluster, 'describe clone nginx-2 -n other')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): clonesets.apps.kruise.io "nginx-2" not found\n' });
  });

  it('errors in kubectl’s words', () => {
    expect(kubectl(cluster, 'describe').stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(kubectl(cluster, 'describe foo')).toMatchObject({ exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "foo"\n' });
    expect(kubectl(cluster, 'describe pod nope')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(kubectl(cluster, 'describe pod --bogus')).toMatchObject({ exitCode: 1, stderr: "error: unknown flag: --bogus\nSee 'kubectl describe --help' for usage.\n" });
    expect(kubectl(cluster, 'describe pod -x')).toMatchObject({ exitCode: 1, stderr: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl describe --help' for usage.\n" });
    expect(kubectl(cluster, 'describe pod -l')).toMatchObject({ exitCode: 1, stderr: "error: flag needs an argument: 'l' in -l\nSee 'kubectl describe --help' for usage.\n" });
    expect(kubectl(cluster, 'describe pod pod/x').stderr).toMatch(/^error: there is no need to specify a resource type as a separate argument/);
  });
});

describe('layout helpers', () => {
  it('tabwriter: cells padded to the widest in their block plus 2; a tab-less line ends the block', () => {
    expect(tabwrite('a:\tx\nlonger:\ty\nbreak\nb:\tz\n')).toBe('a:       x\nlonger:  y\nbreak\nb:  z\n');
    expect(tabwrite('k\tv\n\tw\n')).toBe('k  v\n   w\n');
  });

  it('smartLabelFor and camelcase split as kubectl’s generic describer does', () => {
    expect(smartLabelFor('observedGeneration')).toBe('Observed Generation');
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
    expect(smartLabelFor('controller-revision-hash')).toBe('Controller - Revision - Hash');
    expect(camelcaseSplit('PDFLoader')).toEqual(['PDF', 'Loader']);
  });

  it('RFC 1123 times from virtual seconds', () => {
    expect(rfc1123z(0)).toBe('Wed, 01 Jul 2026 00:00:00 +0000');
    expect(rfc1123z(86_400 * 31 + 3723.9)).toBe('Sat, 01 Aug 2026 01:02:03 +0000');
  });
});
