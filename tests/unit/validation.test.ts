import { describe, expect, it } from 'vitest';
import { setDefaultsCloneSet } from '../../src/sim/api/defaults';
import { aggregateMessage, errorString, goQuote, type FieldError } from '../../src/sim/api/fieldErrors';
import type { CloneSet, Pod } from '../../src/sim/api/types';
import { admitCloneSet, validateCloneSet, validateCloneSetUpdate, type ValidationContext } from '../../src/sim/api/validation';
import { DEFAULT_FEATURE_GATES } from '../../src/sim/controller/featureGates';

const UID = 'cs-uid';

function pod(name: string, opts: { owner?: string; terminating?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: opts.owner === undefined ? [] : [{ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'x', uid: opts.owner, controller: true }],
      ...(opts.terminating ? { deletionTimestamp: 5 } : {}),
    },
    spec: { containers: [] },
    status: {},
  };
}

const pods = new Map<string, Pod>([
  ['p0', pod('p0', { owner: UID })],
  ['gone', pod('gone', { owner: UID, terminating: true })],
  ['stranger', pod('stranger', { owner: 'other-uid' })],
]);
const ctx: ValidationContext = { getPod: (name) => pods.get(name) };

/** A CloneSet as stored after the mutating webhook, with `edit` applied to a raw copy first. */
function cloneSet(edit: (cs: CloneSet) => void = () => {}): CloneSet {
  const cs: CloneSet = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'sample', namespace: 'default', uid: UID, resourceVersion: '1', generation: 1 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'sample' } },
      template: { metadata: { labels: { app: 'sample' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.19' }] } },
    },
  };
  edit(cs);
  return setDefaultsCloneSet(cs, { isCreate: true, featureGates: DEFAULT_FEATURE_GATES });
}

const messages = (errs: FieldError[]) => errs.map(errorString);
const create = (cs: CloneSet) => messages(validateCloneSet(cs, undefined, ctx));
const update = (old: CloneSet, cs: CloneSet) => messages(validateCloneSetUpdate(cs, old, ctx));

describe('validating webhook: create', () => {
  it('accepts a defaulted CloneSet', () => {
    expect(create(cloneSet())).toEqual([]);
  });

  it('prints a single rejection exactly as the API server does', () => {
    const result = admitCloneSet('CREATE', cloneSet((cs) => (cs.spec.replicas = -1)), undefined, ctx);
    expect(result.allowed).toBe(false);
    expect(result.message).toBe(
      'admission webhook "vcloneset.kb.io" denied the request: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('joins several rejections as [e1, e2] (progress deadline -1 is also not above minReadySeconds)', () => {
    const result = admitCloneSet('CREATE', cloneSet((cs) => (cs.spec.progressDeadlineSeconds = -1)), undefined, ctx);
    expect(result.message).toBe(
      'admission webhook "vcloneset.kb.io" denied the request: [spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0, ' +
        'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds]',
    );
  });

  it('drops repeated messages from the aggregate', () => {
    const e: FieldError = { type: 'Required', field: 'spec.x', detail: '' };
    expect(aggregateMessage([e, e])).toBe('spec.x: Required value');
  });

  it('checks the object name', () => {
    expect(create(cloneSet((cs) => (cs.metadata.name = 'Bad_Name')))).toEqual([
      'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, ' +
        "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('requires a selector that matches the template labels', () => {
    expect(create(cloneSet((cs) => delete cs.spec.selector))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"sample"}: `selector` does not match template `labels`',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.selector = { matchLabels: { app: 'other' } })))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"sample"}: `selector` does not match template `labels`',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.selector = { matchLabels: {} })))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for cloneset',
    ]);
  });

  it('rejects an invalid template label key with the Kubernetes message and path', () => {
    const errs = create(
      cloneSet((cs) => {
        cs.spec.template.metadata = { labels: { app: 'sample', 'NoUppercaseOrSpecialCharsLike=Equals': 'b' } };
      }),
    );
    expect(errs).toEqual([
      'spec.template.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": name part must consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', " +
        "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('rejects an invalid label value', () => {
    expect(create(cloneSet((cs) => (cs.spec.template.metadata = { labels: { app: 'sample', tier: 'front end' } }))))
      .toEqual([
        'spec.template.labels: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters, ' +
          "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', " +
          "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ]);
  });

  it('requires containers, container names and images', () => {
    expect(create(cloneSet((cs) => (cs.spec.template.spec.containers = []))))
      .toEqual(['spec.template.spec.containers: Required value']);
    expect(create(cloneSet((cs) => (cs.spec.template.spec.containers = [{ name: '', image: '' }])))).toEqual([
      'spec.template.spec.containers[0].name: Required value',
      'spec.template.spec.containers[0].image: Required value',
    ]);
  });

  it('wants DNS-label container names, unique', () => {
    const errs = create(
      cloneSet((cs) => {
        cs.spec.template.spec.containers = [
          { name: 'Web', image: 'a' },
          { name: 'side', image: 'b' },
          { name: 'side', image: 'c' },
        ];
      }),
    );
    expect(errs[0]).toMatch(/^spec\.template\.spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label must consist of/);
    expect(errs[1]).toBe('spec.template.spec.containers[2].name: Duplicate value: "side"');
  });

  it('lets volumeMounts name a volumeClaimTemplate, but not an unknown volume', () => {
    const withMount = (name: string) =>
      cloneSet((cs) => {
        cs.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
        cs.spec.template.spec.containers[0].volumeMounts = [{ name, mountPath: '/data' }];
      });
    expect(create(withMount('data'))).toEqual([]);
    expect(create(withMount('cache'))).toEqual(['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "cache"']);
  });

  it('lists supported values for enumerations', () => {
    expect(create(cloneSet((cs) => (cs.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes')))).toEqual([
      'spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('only allows restartPolicy Always and no activeDeadlineSeconds', () => {
    expect(create(cloneSet((cs) => (cs.spec.template.spec.restartPolicy = 'Never')))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.template.spec.activeDeadlineSeconds = 60)))).toEqual([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in cloneset is not Supported',
    ]);
  });

  it('checks podsToDelete against the existing pods', () => {
    const withDelete = (...names: string[]) => cloneSet((cs) => (cs.spec.scaleStrategy = { podsToDelete: names }));
    expect(create(withDelete('p0'))).toEqual([]);
    expect(create(withDelete('p0', 'p0'))).toEqual([
      'spec.scaleStrategy.podsToDelete: Invalid value: []string{"p0", "p0"}: duplicated items [p0]',
    ]);
    expect(create(withDelete('p1'))).toEqual(['spec.scaleStrategy.podsToDelete: Invalid value: "p1": find pod p1 failed: pods "p1" not found']);
    expect(create(withDelete('gone'))).toEqual(['spec.scaleStrategy.podsToDelete: Invalid value: "gone": find pod gone already terminating']);
    expect(create(withDelete('stranger'))).toEqual([
      'spec.scaleStrategy.podsToDelete: Invalid value: "stranger": find pod stranger owner is not this CloneSet',
    ]);
  });

  it('only checks the podsToDelete names an update adds', () => {
    const old = cloneSet((cs) => (cs.spec.scaleStrategy = { podsToDelete: ['p1'] }));
    const next = cloneSet((cs) => (cs.spec.scaleStrategy = { podsToDelete: ['p1', 'p0'] }));
    expect(update(old, next)).toEqual([]);
  });

  it('rejects OnDelete and other types, with kruise’s uneven quotes', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { type: 'OnDelete' })))).toEqual([
      "spec.updateStrategy.type: Invalid value: \"OnDelete\": must be 'ReCreate', InPlaceIfPossible or 'InPlaceOnly'",
    ]);
  });

  it('accepts a fractional percent partition and one larger than replicas', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { partition: '12.5%' })))).toEqual([]);
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { partition: 100 })))).toEqual([]);
  });

  it('rejects an unreadable or negative partition', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { partition: 'abc' })))).toEqual([
      'spec.updateStrategy.partition: Invalid value: "abc": failed GetScaledValueFromIntOrPercent for partition: invalid type: string is not a percentage',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { partition: -2 })))).toEqual([
      'spec.updateStrategy.partition: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('validates priority and scatter strategies', () => {
    const strategy = (s: CloneSet['spec']['updateStrategy']) => create(cloneSet((cs) => (cs.spec.updateStrategy = s)));
    expect(
      strategy({ priorityStrategy: { weightPriority: [{ weight: 10, matchSelector: { matchLabels: { a: 'b' } } }], orderPriority: [{ orderedKey: 'k' }] } }),
    ).toEqual(['spec.updateStrategy.priorityStrategy: Required value: only one of weightPriority and orderPriority can be used']);
    expect(strategy({ priorityStrategy: { weightPriority: [{ weight: 101, matchSelector: { matchLabels: { a: 'b' } } }] } })).toEqual([
      'spec.updateStrategy.priorityStrategy: Required value: weight must be valid number in the range 1-100',
    ]);
    expect(strategy({ priorityStrategy: { weightPriority: [{ weight: 0, matchSelector: { matchLabels: { a: 'b' } } }] } })).toEqual([]);
    expect(strategy({ priorityStrategy: { weightPriority: [{ weight: 5, matchSelector: {} }] } })).toEqual([
      'spec.updateStrategy.priorityStrategy: Required value: selector can not be empty',
    ]);
    expect(strategy({ priorityStrategy: { orderPriority: [{ orderedKey: '' }] } })).toEqual([
      'spec.updateStrategy.priorityStrategy: Required value: order key can not be empty',
    ]);
    expect(strategy({ scatterStrategy: [{ key: '', value: 'x' }] })).toEqual([
      'spec.updateStrategy.scatterStrategy: Required value: key should not be empty',
    ]);
    expect(strategy({ scatterStrategy: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'a' }] })).toEqual([
      'spec.updateStrategy.scatterStrategy: Required value: duplicated key=zone value=a',
    ]);
  });

  it('rejects "5" (no percent sign) for maxSurge and maxUnavailable', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { maxSurge: '5' })))).toEqual([
      'spec.updateStrategy.maxSurge: Invalid value: "5": failed GetScaledValueFromIntOrPercent for maxSurge: invalid type: string is not a percentage',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { maxUnavailable: '5', maxSurge: 1 })))).toEqual([
      'spec.updateStrategy.maxUnavailable: Invalid value: "5": failed GetScaledValueFromIntOrPercent for maxUnavailable: invalid type: string is not a percentage',
    ]);
  });

  it('forbids maxSurge with InPlaceOnly', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { type: 'InPlaceOnly', maxSurge: 1 })))).toEqual([
      'spec.updateStrategy.maxSurge: Invalid value: "1": can not use maxSurge with strategy type InPlaceOnly',
    ]);
  });

  it('needs maxUnavailable or maxSurge of at least one pod, rounding up', () => {
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { maxUnavailable: 0 })))).toEqual([
      'spec.updateStrategy.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: maxUnavailable and maxSurge should not both be less than 1',
    ]);
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { maxUnavailable: '0%' })))).toEqual([
      'spec.updateStrategy.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: maxUnavailable and maxSurge should not both be less than 1',
    ]);
    // 1% of 3 pods rounds up to 1; fractional percents are fine here.
    expect(create(cloneSet((cs) => (cs.spec.updateStrategy = { maxUnavailable: '0.5%' })))).toEqual([]);
    expect(create(cloneSet((cs) => ((cs.spec.replicas = 0), (cs.spec.updateStrategy = { maxUnavailable: 0 }))))).toEqual([]);
  });

  it('wants progressDeadlineSeconds above minReadySeconds unless it is MaxInt32', () => {
    expect(create(cloneSet((cs) => ((cs.spec.progressDeadlineSeconds = 10), (cs.spec.minReadySeconds = 10))))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds',
    ]);
    expect(create(cloneSet((cs) => ((cs.spec.progressDeadlineSeconds = 11), (cs.spec.minReadySeconds = 10))))).toEqual([]);
    expect(create(cloneSet((cs) => ((cs.spec.progressDeadlineSeconds = 2147483647), (cs.spec.minReadySeconds = 2147483647))))).toEqual([]);
  });
});

describe('validating webhook: update', () => {
  it('forbids changing the selector', () => {
    const old = cloneSet();
    const next = cloneSet((cs) => {
      cs.spec.selector = { matchLabels: { app: 'sample', tier: 'web' } };
      cs.spec.template.metadata = { labels: { app: 'sample', tier: 'web' } };
    });
    expect(update(old, next)).toEqual([
      "spec: Forbidden: updates to cloneset spec for fields other than 'replicas', 'template', 'lifecycle', 'scaleStrategy', 'updateStrategy', " +
        "'minReadySeconds', 'progressDeadlineSeconds', 'volumeClaimTemplates' and 'revisionHistoryLimit' are forbidden",
    ]);
  });

  it('allows every mutable field to change at once', () => {
    const old = cloneSet();
    const next = cloneSet((cs) => {
      cs.spec.replicas = 5;
      cs.spec.minReadySeconds = 3;
      cs.spec.revisionHistoryLimit = 2;
      cs.spec.template.spec.containers[0].image = 'nginx:1.20';
      cs.spec.updateStrategy = { type: 'InPlaceIfPossible', partition: 2 };
    });
    expect(update(old, next)).toEqual([]);
  });

  it('with InPlaceOnly, allows image and template metadata changes only', () => {
    const inPlaceOnly = (edit: (cs: CloneSet) => void = () => {}) =>
      cloneSet((cs) => {
        cs.spec.updateStrategy = { type: 'InPlaceOnly' };
        edit(cs);
      });
    const old = inPlaceOnly();
    expect(update(old, inPlaceOnly((cs) => (cs.spec.template.spec.containers[0].image = 'nginx:1.20')))).toEqual([]);
    expect(update(old, inPlaceOnly((cs) => (cs.spec.template.metadata = { labels: { app: 'sample', v: '2' } })))).toEqual([]);
    expect(update(old, inPlaceOnly((cs) => (cs.spec.template.spec.containers[0].env = [{ name: 'A', value: '1' }])))).toEqual([
      'spec: Forbidden: only allowed to update images in spec for InPlaceOnly, but found add /containers/0/env',
    ]);
    const pullPolicy = structuredClone(old);
    pullPolicy.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    expect(update(old, pullPolicy)).toEqual([
      'spec: Forbidden: only allowed to update images in spec for InPlaceOnly, but found replace /containers/0/imagePullPolicy',
    ]);
  });
});

describe('Go value formatting', () => {
  it('quotes strings like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\x01é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });
});
