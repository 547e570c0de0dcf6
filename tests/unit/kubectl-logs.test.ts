// kubectl logs: an nginx start log per container instance, the previous instance after an
// in-place restart, and every error path.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { nginxBuildOf } from '../../src/kubectl/logs';

const cloneSet = (image: string, containers = '') => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  updateStrategy: {type: InPlaceIfPossible}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
${containers}`;

function cluster(image = 'nginx:1.19.6-alpine', containers = ''): Cluster {
  const c = new Cluster({ seed: 3 });
  c.apply(cloneSet(image, containers));
  c.settle();
  return c;
}
const pod = (c: Cluster) => c.pods()[0].metadata.name;

describe('kubectl logs', () => {
  it('prints the entrypoint lines, then nginx up to its workers, stamped with the virtual start time', () => {
    const c = cluster();
    const out = runKubectl(c, `logs ${pod(c)}`);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^2026\/07\/01 00:00:\d\d \[notice\] 1#1: nginx\/1\.19\.6$/)]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/built by gcc 9\.3\.0 \(Alpine 9\.3\.0\) $/)]));
    // the node has 4 CPUs: four workers
    expect(lines.filter((l) => /start worker process \d+$/.test(l))).toHaveLength(4);
    // 1.19 predates the local-resolvers and worker-tuning scripts
    expect(out.stdout).not.toMatch(/15-local-resolvers|30-tune-worker-processes/);
    expect(runKubectl(c, `logs ${pod(c)}`)).toEqual(out);
  });

  it('--tail, --timestamps, -c and the pod through its CloneSet', () => {
    const c = cluster();
    expect(runKubectl(c, `logs ${pod(c)} --tail=2`).stdout.split('\n')).toHaveLength(3);
    expect(runKubectl(c, `logs ${pod(c)} --tail 0`).stdout).toBe('');
    expect(runKubectl(c, `logs ${pod(c)} --timestamps --tail 1`).stdout).toMatch(/^2026-07-01T00:00:\d\d(\.\d+)?Z 2026\/07\/01/);
    expect(runKubectl(c, `logs ${pod(c)} -c nginx`).exitCode).toBe(0);
    expect(runKubectl(c, 'logs clone/web').stdout).toBe(runKubectl(c, `logs ${pod(c)}`).stdout);
  });

  it('after an in-place update the log is a new instance; --previous shows the old one ending in a graceful shutdown', () => {
    const c = cluster('nginx:1.19.6-alpine');
    const name = pod(c);
    expect(runKubectl(c, `logs ${name} --previous`)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `Error from server (BadRequest): previous terminated container "nginx" in pod "${name}" not found\n`,
    });
    c.apply(cloneSet('nginx:1.18.0'));
    c.settle();
    expect(pod(c)).toBe(name);
    expect(runKubectl(c, `logs ${name}`).stdout).toMatch(/nginx\/1\.18\.0/);
    const previous = runKubectl(c, `logs ${name} -p`).stdout;
    expect(previous).toMatch(/nginx\/1\.19\.6/);
    expect(previous).toMatch(/signal 3 \(SIGQUIT\) received, shutting down/);
    expect(previous.trimEnd().split('\n').pop()).toMatch(/\[notice\] 1#1: exit$/);
  });

  it('other images write nothing', () => {
    expect(nginxBuildOf('busybox:1.36')).toBeUndefined();
    expect(nginxBuildOf('docker.io/library/nginx:1.25.3')).toEqual({ version: '1.25.3', alpine: false });
  });

  it('errors in kubectl’s words', () => {
    const c = cluster('nginx:alpine', '      - name: sidecar\n        image: busybox\n');
    const name = pod(c);
    expect(runKubectl(c, `logs ${name}`).stderr).toBe(`error: a container name must be specified for pod ${name}, choose one of: [nginx sidecar]\n`);
    expect(runKubectl(c, `logs ${name} -c nope`).stderr).toBe(`error: container nope is not valid for pod ${name}\n`);
    expect(runKubectl(c, 'logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(runKubectl(c, 'logs').stderr).toMatch(/^error: expected 'logs \[-f\] \[-p\] \(POD \| TYPE\/NAME\) \[-c CONTAINER\]'\./);
    expect(runKubectl(c, `logs ${name} --tail x`).stderr).toBe(`error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'kubectl logs --help' for usage.\n`);
    expect(runKubectl(c, `logs ${name} --since 1h`).stderr).toBe("error: unknown flag: --since\nSee 'kubectl logs --help' for usage.\n");
    expect(runKubectl(c, 'logs foo/x').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    const fresh = new Cluster({ seed: 3 });
    fresh.apply(cloneSet('nginx:alpine'));
    fresh.advance(0.5);
    const waiting = fresh.pods()[0].metadata.name;
    expect(runKubectl(fresh, `logs ${waiting}`).stderr).toBe(`Error from server (BadRequest): container "nginx" in pod "${waiting}" is waiting to start: ContainerCreating\n`);
  });
});
