// kubectl kruise rollout status | history | undo, worded as the kubectl-kruise plugin words them.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';

const cloneSet = (image: string, strategy = 'InPlaceIfPossible', partition?: number | string) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 5
  selector: {matchLabels: {app: web}}
  updateStrategy:
    type: ${strategy}
${partition === undefined ? '' : `    partition: ${JSON.stringify(partition)}\n`}  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

function cluster(): Cluster {
  const c = new Cluster({ seed: 5 });
  c.apply(cloneSet('nginx:1.18.0'));
  c.settle();
  return c;
}
const k = (c: Cluster, line: string) => runKubectl(c, line);
const images = (c: Cluster) => c.pods().map((p) => p.spec.containers[0].image);

describe('kruise rollout status', () => {
  it('partitioned in-place rollouts: waiting, then complete', () => {
    const c = cluster();
    c.apply(cloneSet('nginx:1.19.6', 'InPlaceIfPossible', 3));
    c.advance(0.5);
    expect(k(c, 'kruise rollout status clone/web').stdout).toMatch(/^Waiting for partitioned roll out to finish: [01] out of 2 new pods have been updated\.\.\.\n$/);
    c.settle();
    expect(k(c, 'kruise rollout status clone/web')).toEqual({ exitCode: 0, stdout: 'partitioned roll out complete: 2 new pods have been updated...\n', stderr: '' });
  });

  it('a percentage partition is read as 0 in the message, as the plugin reads only its integer form', () => {
    const c = cluster();
    c.apply(cloneSet('nginx:1.19.6', 'InPlaceIfPossible', '40%'));
    c.advance(0.5);
    expect(k(c, 'kruise rollout status clone/web').stdout).toMatch(/out of 5 new pods have been updated/);
  });

  it('ReCreate: waiting for pods to be ready, then complete at the update revision', () => {
    const c = cluster();
    c.apply(cloneSet('nginx:1.19.6', 'ReCreate'));
    c.advance(1);
    expect(k(c, 'kruise rollout status clone/web').stdout).toMatch(/^Waiting for \d+ pods to be ready\.\.\.\n$/);
    c.settle();
    const rev = c.cloneSets()[0].status!.updateRevision;
    expect(k(c, 'kruise rollout status clone/web -w=false').stdout).toBe(`CloneSet rolling update complete 5 pods at revision ${rev}...\n`);
  });

  it('errors', () => {
    const c = cluster();
    expect(k(c, 'kruise rollout status').stderr).toBe('error: required resource not specified\n');
    expect(k(c, 'kruise rollout status clone/nope').stderr).toBe('Error from server (NotFound): clonesets.apps.kruise.io "nope" not found\n');
    expect(k(c, 'kruise rollout status pod/x').stderr).toBe('error: no status viewer has been implemented for Pod\n');
    expect(k(c, 'kruise rollout status clone/web --revision=x').stderr).toBe(`error: invalid argument "x" for "--revision" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'kubectl kruise rollout status --help' for usage.\n`);
    expect(k(c, 'kruise rollout status clone/web --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl kruise rollout status --help' for usage.\n");
  });
});

describe('kruise rollout history and undo', () => {
  it('history lists the revisions; --revision prints that revision’s pod template', () => {
    const c = cluster();
    expect(k(c, 'kruise rollout history clone/web').stdout).toBe('cloneset.apps.kruise.io/web \nREVISION  CHANGE-CAUSE\n1         <none>\n');
    c.apply(cloneSet('nginx:1.19.6'));
    c.settle();
    expect(k(c, 'kruise rollout history clone/web').stdout).toBe('cloneset.apps.kruise.io/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    expect(k(c, 'kruise rollout history clone/web --revision=1').stdout).toBe(
      'cloneset.apps.kruise.io/web with revision #1\nPod Template:\n  Labels:\tapp=web\n  Containers:\n   nginx:\n    Image:\tnginx:1.18.0\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n',
    );
    expect(k(c, 'kruise rollout history clone/web --revision=9').stderr).toBe('error: unable to find the specified revision\n');
  });

  it('undo goes back to the previous revision through the controller; again it is skipped', () => {
    const c = cluster();
    c.apply(cloneSet('nginx:1.19.6'));
    c.settle();
    expect(images(c)).toEqual(Array(5).fill('nginx:1.19.6'));
    expect(k(c, 'kruise rollout undo clone/web')).toEqual({ exitCode: 0, stdout: 'cloneset.apps.kruise.io/web rolled back\n', stderr: '' });
    c.settle();
    expect(images(c)).toEqual(Array(5).fill('nginx:1.18.0'));
    // the controller re-numbers the revision it went back to: 1 is now 3
    expect(k(c, 'kruise rollout history clone/web').stdout).toBe('cloneset.apps.kruise.io/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
    expect(k(c, 'kruise rollout undo clone/web --to-revision=3').stdout).toBe('cloneset.apps.kruise.io/web skipped rollback (current template already matches revision 3)\n');
    expect(k(c, 'kruise rollout undo clone/web --to-revision=2 --dry-run=client').stdout).toMatch(/^cloneset\.apps\.kruise\.io\/web will roll back to Pod Template:\n/);
  });

  it('undo errors', () => {
    const c = cluster();
    expect(k(c, 'kruise rollout undo clone/web').stderr).toBe('error: no last revision to roll back to\n');
    expect(k(c, 'kruise rollout undo clone/web --to-revision=7').stderr).toBe('error: unable to find specified revision 7 in history\n');
    expect(k(c, 'kruise rollout undo clone/web --to-revision=-1').stderr).toBe('error: unable to find specified revision -1 in history\n');
    expect(k(c, 'kruise rollout undo po/x').stderr).toBe('error: no rollbacker has been implemented for "Pod"\n');
    expect(k(c, 'kruise rollout undo clone/web --to-revision').stderr).toBe("error: flag needs an argument: --to-revision\nSee 'kubectl kruise rollout undo --help' for usage.\n");
  });
});
