// kubectl get's outputs and errors, watch, and the verbs that change the cluster.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl, startKubectl } from '../../src/kubectl/run';

const CLONESET = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;

function cluster(): Cluster {
  const c = new Cluster();
  c.apply(CLONESET);
  c.settle(600);
  return c;
}

describe('kubectl get', () => {
  const c = cluster();
  const pods = c.pods().map((p) => p.metadata.name).sort();

  it.each([
    ['get pods nope', 1, '', 'Error from server (NotFound): pods "nope" not found\n'],
    ['get clone nope', 1, '', 'Error from server (NotFound): clonesets.apps.kruise.io "nope" not found\n'],
    ['get nope', 1, '', `error: the server doesn't have a resource type "nope"\n`],
    ['get pods -n other', 0, '', 'No resources found in other namespace.\n'],
    ['get pods -l app=none', 0, '', 'No resources found in default namespace.\n'],
    ['get pods -o bogus', 1, '', 'error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['get pods -o jsonpath={.a[', 1, '', 'error: error parsing jsonpath {.a[, unterminated array\n'],
    ['get pods -o custom-columns=NAME', 1, '', 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'],
  ])('%s', (line, exitCode, stdout, stderr) => {
    expect(runKubectl(c, line)).toEqual({ exitCode, stdout, stderr });
  });

  it('names, kinds and aliases', () => {
    for (const word of ['pods', 'pod', 'po', 'PODS', 'pods.v1']) expect(runKubectl(c, `get ${word} -o name`).stdout).toBe(pods.map((p) => `pod/${p}\n`).join(''));
    for (const word of ['clonesets', 'cloneset', 'clone', 'clonesets.apps.kruise.io']) expect(runKubectl(c, `get ${word} -o name`).stdout).toBe('cloneset.apps.kruise.io/web\n');
    expect(runKubectl(c, `get pod/${pods[0]} clone/web -o name`).stdout).toBe(`pod/${pods[0]}\ncloneset.apps.kruise.io/web\n`);
  });

  it('one named object prints as itself, anything else as a List', () => {
    expect(runKubectl(c, `get pod ${pods[0]} -o jsonpath={.kind}`).stdout).toBe('Pod');
    expect(runKubectl(c, 'get pods -o jsonpath={.kind}').stdout).toBe('List');
    expect(runKubectl(c, 'get pods -l app=none -o yaml').stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(JSON.parse(runKubectl(c, 'get pods -o json').stdout).items).toHaveLength(2);
  });

  it('label selectors', () => {
    const names = (sel: string) => runKubectl(c, `get pods -l ${sel} -o name`).stdout.split('\n').filter(Boolean).length;
    expect(names('app=web')).toBe(2);
    expect(names('app==web')).toBe(2);
    expect(names('app!=web')).toBe(0);
    expect(names("'app in (web,x)'")).toBe(2);
    expect(names("'app notin (web)'")).toBe(0);
    expect(names('app')).toBe(2);
    expect(names("'!app'")).toBe(0);
  });

  it('-L, --show-labels, --no-headers, -A and --sort-by', () => {
    const r = runKubectl(c, 'get pods -L app,missing --no-headers --sort-by=.metadata.name');
    const rows = r.stdout.split('\n').filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(rows[0].startsWith(pods[0])).toBe(true);
    expect(rows[0]).toMatch(/ web {3}$/);
    expect(runKubectl(c, 'get pods -A').stdout.split('\n')[0]).toBe('NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE');
    expect(runKubectl(c, 'get clone --show-labels').stdout).toMatch(/LABELS\nweb .* app=web\n$/);
    expect(runKubectl(c, 'get pods --sort-by=.nope')).toMatchObject({ exitCode: 1, stderr: `error: couldn't find any field with path "{.nope}" in the list of objects\n` });
  });

  it('pod STATUS follows the pod: Pending, ContainerCreating, Running, then Terminating', () => {
    const fresh = new Cluster();
    fresh.apply(CLONESET);
    fresh.advance(0.5);
    expect(runKubectl(fresh, 'get pods').stdout).toMatch(/0\/1 {5}Pending {3}0 {10}0s/);
    fresh.advance(2);
    expect(runKubectl(fresh, 'get pods').stdout).toMatch(/0\/1 {5}ContainerCreating {3}0 {10}2s/);
    fresh.settle(600);
    const pod = fresh.pods()[0].metadata.name;
    expect(runKubectl(fresh, `delete pod ${pod}`).stdout).toBe(`pod "${pod}" deleted\n`);
    expect(runKubectl(fresh, `get pod ${pod}`).stdout).toMatch(/Terminating/);
  });
});

describe('kubectl get --watch', () => {
  it('prints the table, then a row per change, without a second header', () => {
    const c = cluster();
    const started = startKubectl(c, 'get pods -w');
    expect(started.stdout.split('\n')[0]).toMatch(/^NAME +READY/);
    expect(started.watch).toBeDefined();
    expect(started.watch!.poll()).toBe('');
    runKubectl(c, 'scale clone/web --replicas=3');
    c.settle(600);
    const rows = started.watch!.poll().split('\n').filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.startsWith('NAME'))).toBe(false);
    expect(rows.at(-1)).toMatch(/1\/1 +Running/);
    started.watch!.stop();
    runKubectl(c, 'scale clone/web --replicas=1');
    c.settle(600);
    expect(started.watch!.poll()).toBe('');
  });

  it('--watch-only prints the header with the first change; runKubectl prints the first listing only', () => {
    const c = cluster();
    const started = startKubectl(c, 'get clone --watch-only');
    expect(started.stdout).toBe('');
    runKubectl(c, 'scale clone/web --replicas=3');
    expect(started.watch!.poll().split('\n')[0]).toMatch(/^NAME +DESIRED/);
    started.watch!.stop();
    expect(runKubectl(c, 'get clone -w').stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('the verbs that change the cluster', () => {
  it('create -f: created, then AlreadyExists', () => {
    const c = new Cluster();
    expect(runKubectl(c, 'create -f -', CLONESET)).toEqual({ exitCode: 0, stdout: 'cloneset.apps.kruise.io/web created\n', stderr: '' });
    expect(runKubectl(c, 'create -f -', CLONESET)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "STDIN": clonesets.apps.kruise.io "web" already exists\n',
    });
  });

  it('apply -f FILE reads the editor file; a missing file is an error', () => {
    const c = new Cluster();
    const readFile = (name: string) => (name === 'web.yaml' ? CLONESET : undefined);
    expect(runKubectl(c, 'apply -f web.yaml', undefined, { readFile }).stdout).toBe('cloneset.apps.kruise.io/web created\n');
    expect(runKubectl(c, 'apply -f other.yaml', undefined, { readFile }).stderr).toBe('error: the path "other.yaml" does not exist\n');
    expect(runKubectl(c, 'apply').stderr).toBe("error: must specify one of -f and -k\nSee 'kubectl apply --help' for usage.\n");
  });

  it('delete: names, -l, --all, missing names', () => {
    const c = cluster();
    const [a, b] = c.pods().map((p) => p.metadata.name).sort();
    expect(runKubectl(c, `delete pod ${a} nope`)).toEqual({ exitCode: 1, stdout: `pod "${a}" deleted\n`, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(runKubectl(c, 'delete pod -l app=web').stdout).toContain(`pod "${b}" deleted\n`);
    expect(runKubectl(c, 'delete pod')).toMatchObject({ exitCode: 1, stderr: 'error: resource(s) were provided, but no name was specified\n' });
    expect(runKubectl(c, 'delete clone --all').stdout).toBe('cloneset.apps.kruise.io "web" deleted\n');
  });

  it('label and annotate a CloneSet; --overwrite rule', () => {
    const c = cluster();
    expect(runKubectl(c, 'label clone web tier=front').stdout).toBe('cloneset.apps.kruise.io/web labeled\n');
    expect(runKubectl(c, 'label clone web tier=back').stderr).toBe("error: 'tier' already has a value (front), and --overwrite is false\n");
    expect(runKubectl(c, 'label clone web tier=back --overwrite').stdout).toBe('cloneset.apps.kruise.io/web labeled\n');
    expect(runKubectl(c, 'annotate clone/web note=hi').stdout).toBe('cloneset.apps.kruise.io/web annotated\n');
    expect(c.cloneSets()[0].metadata).toMatchObject({ labels: { tier: 'back' }, annotations: { note: 'hi' } });
    expect(runKubectl(c, 'annotate clone web note-').stdout).toBe('cloneset.apps.kruise.io/web annotated\n');
    expect(runKubectl(c, 'label clone web').stderr).toBe('error: at least one label update is required\n');
  });

  it('patch: merge and json change the CloneSet; strategic is refused for a custom resource', () => {
    const c = cluster();
    expect(runKubectl(c, `patch clone web --type merge -p '{"spec":{"replicas":3}}'`).stdout).toBe('cloneset.apps.kruise.io/web patched\n');
    expect(runKubectl(c, `patch clone web --type json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`).stdout).toBe('cloneset.apps.kruise.io/web patched (no change)\n');
    expect(runKubectl(c, `patch clone web -p '{"spec":{"replicas":4}}'`).stderr).toBe(
      'error: application/strategic-merge-patch+json is not supported by apps.kruise.io/v1alpha1, Kind=CloneSet: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
    );
    expect(runKubectl(c, 'patch clone web --type foo -p {}').stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
  });

  it('scale: errors', () => {
    const c = cluster();
    expect(runKubectl(c, 'scale clone/web').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(runKubectl(c, 'scale clone/nope --replicas=1').stderr).toBe('Error from server (NotFound): clonesets.apps.kruise.io "nope" not found\n');
    expect(runKubectl(c, 'scale clone/web --replicas=x').stderr).toMatch(/^error: invalid argument "x" for "--replicas" flag/);
  });
});

describe('the changing verbs on pods and claims', () => {
  const withClaims = () => {
    const c = new Cluster();
    c.apply(CLONESET.replace('spec: {containers: [{name: nginx, image: nginx}]}', 'spec: {containers: [{name: nginx, image: nginx}]}\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}'));
    c.settle(600);
    return c;
  };

  it('annotate pod: annotated, --overwrite rule, removal, not annotated', () => {
    const c = cluster();
    const pod = c.pods()[0].metadata.name;
    expect(runKubectl(c, `annotate pod ${pod} note=a`)).toEqual({ exitCode: 0, stdout: `pod/${pod} annotated\n`, stderr: '' });
    expect(runKubectl(c, `annotate pod ${pod} note=b`).stderr).toBe(`error: 'note' already has a value (a), and --overwrite is false\n`);
    expect(runKubectl(c, `annotate po/${pod} note=b --overwrite`).stdout).toBe(`pod/${pod} annotated\n`);
    expect(runKubectl(c, `get pod ${pod} -o jsonpath={.metadata.annotations.note}`).stdout).toBe('b');
    expect(runKubectl(c, `annotate pod ${pod} note-`).stdout).toBe(`pod/${pod} annotated\n`);
    expect(runKubectl(c, `annotate pod ${pod} gone-`).stdout).toBe(`pod/${pod} not annotated\n`);
    expect(runKubectl(c, 'annotate pods -l app=web team=x').stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(runKubectl(c, 'annotate pod nope a=b')).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it('patch pod: strategic (the default), merge and json change the image, and the container restarts', () => {
    const c = cluster();
    const [a, b] = c.pods().map((p) => p.metadata.name);
    const image = (name: string) => runKubectl(c, `get pod ${name} -o jsonpath={.spec.containers[0].image}`).stdout;
    expect(runKubectl(c, `patch pod ${a} -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.19"}]}}'`)).toEqual({ exitCode: 0, stdout: `pod/${a} patched\n`, stderr: '' });
    expect(image(a)).toBe('nginx:1.19');
    expect(runKubectl(c, `patch pod ${a} -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.19"}]}}'`).stdout).toBe(`pod/${a} patched (no change)\n`);
    expect(runKubectl(c, `patch pod ${b} --type json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.20"}]'`).stdout).toBe(`pod/${b} patched\n`);
    expect(runKubectl(c, `patch pod ${b} --type=merge -p '{"metadata":{"labels":{"tier":"web"}}}'`).stdout).toBe(`pod/${b} patched\n`);
    expect(image(b)).toBe('nginx:1.20');
    c.settle(600);
    const rows = runKubectl(c, 'get pods --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([['1/1', 'Running', '1'], ['1/1', 'Running', '1']]);
  });

  it('patch pod: a field the API server does not let change is refused in its words', () => {
    const c = cluster();
    const pod = c.pods()[0].metadata.name;
    const r = runKubectl(c, `patch pod ${pod} --type merge -p '{"spec":{"restartPolicy":"Never"}}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^The Pod "${pod}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec\\.containers\\[\\*\\]\\.image\`.*\\n$`));
    expect(runKubectl(c, `patch pod ${pod} -p '{"spec":{"containers":[{"image":"x"}]}}'`).stderr).toMatch(/does not contain declared merge key: name/);
    expect(runKubectl(c, `patch pod ${pod} --type json -p '[{"op":"remove","path":"/spec/nope"}]'`).stderr).toMatch(/^Error from server \(UnprocessableEntity\): /);
    expect(runKubectl(c, 'patch pod nope -p {}').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('delete pvc: by name, by -l, missing names', () => {
    const c = withClaims();
    const claims = c.store.list('PersistentVolumeClaim', 'default').map((p) => p.metadata.name).sort();
    expect(claims).toHaveLength(2);
    expect(runKubectl(c, `delete pvc ${claims[0]}`)).toEqual({ exitCode: 0, stdout: `persistentvolumeclaim "${claims[0]}" deleted\n`, stderr: '' });
    expect(runKubectl(c, `delete pvc ${claims[0]}`).stderr).toBe(`Error from server (NotFound): persistentvolumeclaims "${claims[0]}" not found\n`);
    expect(runKubectl(c, `delete pvc ${claims[0]} --ignore-not-found`)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(runKubectl(c, 'delete pvc -l app=none')).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found\n' });
    expect(runKubectl(c, 'delete persistentvolumeclaims -l app=web').stdout).toBe(`persistentvolumeclaim "${claims[1]}" deleted\n`);
    expect(runKubectl(c, 'get pvc').stderr).toBe('No resources found in default namespace.\n');
  });
});
