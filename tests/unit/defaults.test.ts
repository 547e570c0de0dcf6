import { describe, expect, it } from 'vitest';
import { defaultPullPolicyForImage, imageTag, setDefaultsCloneSet } from '../../src/sim/api/defaults';
import type { CloneSet } from '../../src/sim/api/types';
import { DEFAULT_FEATURE_GATES, withFeatureGates } from '../../src/sim/controller/featureGates';

function raw(edit: (cs: CloneSet) => void = () => {}): CloneSet {
  const cs: CloneSet = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'sample' } },
      template: {
        metadata: { labels: { app: 'sample' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.19.6-alpine' }] },
      },
    },
  };
  edit(cs);
  return cs;
}

const onCreate = (cs: CloneSet, gates = DEFAULT_FEATURE_GATES) => setDefaultsCloneSet(cs, { isCreate: true, featureGates: gates });

describe('setDefaultsCloneSet', () => {
  it('fills the CloneSet defaults of SPEC §1', () => {
    const cs = onCreate(raw());
    expect(cs.spec.replicas).toBe(1);
    expect(cs.spec.revisionHistoryLimit).toBe(10);
    expect(cs.spec.updateStrategy).toEqual({ type: 'ReCreate', partition: 0, maxUnavailable: '20%', maxSurge: 0 });
  });

  it('adds an empty inPlaceUpdateStrategy for the in-place types only', () => {
    const inPlace = onCreate(raw((cs) => (cs.spec.updateStrategy = { type: 'InPlaceIfPossible' })));
    expect(inPlace.spec.updateStrategy?.inPlaceUpdateStrategy).toEqual({});
    const kept = onCreate(raw((cs) => (cs.spec.updateStrategy = { type: 'InPlaceOnly', inPlaceUpdateStrategy: { gracePeriodSeconds: 10 } })));
    expect(kept.spec.updateStrategy?.inPlaceUpdateStrategy).toEqual({ gracePeriodSeconds: 10 });
    expect(onCreate(raw()).spec.updateStrategy?.inPlaceUpdateStrategy).toBeUndefined();
  });

  it('keeps values that are set, including zero', () => {
    const cs = onCreate(raw((cs) => {
      cs.spec.replicas = 0;
      cs.spec.updateStrategy = { type: 'ReCreate', partition: '50%', maxUnavailable: 0, maxSurge: '10%' };
    }));
    expect(cs.spec.replicas).toBe(0);
    expect(cs.spec.updateStrategy).toEqual({ type: 'ReCreate', partition: '50%', maxUnavailable: 0, maxSurge: '10%' });
  });

  it('defaults the pod template on create', () => {
    const spec = onCreate(raw()).spec.template.spec;
    expect(spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.19.6-alpine',
          imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('gives regular containers "Always" whatever the tag, init containers the Kubernetes tag rule', () => {
    const spec = onCreate(raw((cs) => {
      cs.spec.template.spec.initContainers = [
        { name: 'init-pinned', image: 'busybox:1.36' },
        { name: 'init-latest', image: 'busybox' },
      ];
    })).spec.template.spec;
    expect(spec.containers[0].imagePullPolicy).toBe('Always');
    expect(spec.initContainers?.map((c) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'Always']);
  });

  it('fills port protocols, probe and handler defaults', () => {
    const c = onCreate(raw((cs) => {
      Object.assign(cs.spec.template.spec.containers[0], {
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 80 } },
        lifecycle: { preStop: { httpGet: { port: 80 } } },
        env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      });
    })).spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.lifecycle).toEqual({ preStop: { httpGet: { port: 80, path: '/', scheme: 'HTTP' } } });
    expect(c.env?.[0].valueFrom?.fieldRef).toEqual({ fieldPath: 'metadata.name', apiVersion: 'v1' });
  });

  it('defaults volumes: an empty source is an emptyDir, config volumes get mode 0644', () => {
    const volumes = onCreate(raw((cs) => {
      cs.spec.template.spec.volumes = [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }];
    })).spec.template.spec.volumes;
    expect(volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
    ]);
  });

  it('marks volumeClaimTemplates Pending and leaves volumeMode alone (as kruise v1.9.0 does)', () => {
    const vct = onCreate(raw((cs) => {
      cs.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
    })).spec.volumeClaimTemplates?.[0];
    expect(vct?.status).toEqual({ phase: 'Pending' });
    expect(vct?.spec.volumeMode).toBeUndefined();
  });

  it('on update, defaults the template only when it changed — an already-set pull policy is kept', () => {
    const stored = onCreate(raw());
    const sameTemplate = structuredClone(stored);
    sameTemplate.spec.replicas = 4;
    delete sameTemplate.spec.revisionHistoryLimit;
    const again = setDefaultsCloneSet(sameTemplate, { isCreate: false, oldCs: stored, featureGates: DEFAULT_FEATURE_GATES });
    expect(again.spec.revisionHistoryLimit).toBe(10);
    expect(again.spec.template).toEqual(stored.spec.template);

    const edited = structuredClone(stored);
    edited.spec.template.spec.containers[0].image = 'nginx:latest';
    delete edited.spec.template.spec.dnsPolicy;
    const out = setDefaultsCloneSet(edited, { isCreate: false, oldCs: stored, featureGates: DEFAULT_FEATURE_GATES });
    expect(out.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(out.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });

  it('does not touch the template with TemplateNoDefaults', () => {
    const cs = onCreate(raw(), withFeatureGates({ TemplateNoDefaults: true }));
    expect(cs.spec.template).toEqual(raw().spec.template);
    expect(cs.spec.replicas).toBe(1);
  });

  it('does not modify its input', () => {
    const input = raw();
    const copy = structuredClone(input);
    onCreate(input);
    expect(input).toEqual(copy);
  });
});

describe('image tags (Kubernetes pull policy rule)', () => {
  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.19', '1.19', 'IfNotPresent'],
    ['registry.example.com:5000/team/app:v2', 'v2', 'IfNotPresent'],
    ['localhost:5000/app', 'latest', 'Always'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '', 'IfNotPresent'],
    ['Nginx:1.0', '', 'IfNotPresent'],
  ])('%s → tag %j, %s', (image, tag, policy) => {
    expect(imageTag(image)).toBe(tag);
    expect(defaultPullPolicyForImage(image)).toBe(policy);
  });
});
