// kubectl version and api-resources.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { resolveResource } from '../../src/kubectl/resources';

const cluster = new Cluster();
const k = (line: string) => runKubectl(cluster, line);

describe('kubectl version', () => {
  it('client, kustomize and server', () => {
    expect(k('version')).toEqual({ exitCode: 0, stdout: 'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.2\n', stderr: '' });
    expect(k('version --client').stdout).not.toMatch(/Server/);
    expect(JSON.parse(k('version -o json').stdout)).toMatchObject({ clientVersion: { major: '1', minor: '30', gitVersion: 'v1.30.2' }, serverVersion: { gitVersion: 'v1.30.2' } });
    // sigs.k8s.io/yaml sorts the keys
    expect(k('version -o yaml').stdout).toMatch(/^clientVersion:\n {2}buildDate: "2024-06-11T20:21:00Z"\n {2}compiler: gc\n/);
    expect(k('version -o yaml').stdout).toMatch(/\n {2}major: "1"\n/);
  });

  it('errors', () => {
    expect(k('version -o wide').stderr).toBe("error: --output must be 'yaml' or 'json'\n");
    expect(k('version --short').stderr).toBe("error: unknown flag: --short\nSee 'kubectl version --help' for usage.\n");
  });
});

describe('kubectl api-resources', () => {
  it('the served resources in kubectl’s columns, discovery order', () => {
    expect(k('api-resources').stdout).toBe(
      [
        'NAME                     SHORTNAMES   APIVERSION                NAMESPACED   KIND',
        'events                   ev           v1                        true         Event',
        'nodes                    no           v1                        false        Node',
        'persistentvolumeclaims   pvc          v1                        true         PersistentVolumeClaim',
        'pods                     po           v1                        true         Pod',
        'controllerrevisions                   apps/v1                   true         ControllerRevision',
        'clonesets                clone        apps.kruise.io/v1alpha1   true         CloneSet',
        '',
      ].join('\n'),
    );
  });

  it('filters and formats', () => {
    expect(k('api-resources --api-group=apps.kruise.io -o name').stdout).toBe('clonesets.apps.kruise.io\n');
    expect(k('api-resources --namespaced=false --no-headers').stdout).toBe('nodes   no    v1    false   Node\n');
    expect(k('api-resources -o wide').stdout.split('\n')[0]).toMatch(/KIND +VERBS +CATEGORIES$/);
    expect(k('api-resources -o json').stderr).toBe('error: --output json is not available\n');
    expect(k('api-resources --namespaced=maybe').stderr).toMatch(/^error: invalid argument "maybe" for "--namespaced" flag/);
  });

  it('resolves every alias of a resource', () => {
    for (const word of ['po', 'pod', 'pods', 'Pod', 'clone', 'cloneset', 'clonesets', 'clonesets.apps.kruise.io', 'pvc', 'no', 'controllerrevisions']) expect(resolveResource(word), word).toBeDefined();
    expect(resolveResource('deployments')).toBeUndefined();
  });
});
