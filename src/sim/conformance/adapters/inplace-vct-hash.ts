// Test_defaultCalculateInPlaceUpdateSpec_VCTHash (kruise pkg/util/inplaceupdate): the
// volumeClaimTemplates hash annotation of both revisions vs. gate
// RecreatePodWhenChangeVCTInCloneSetGate (SPEC §11.1).
// `templateChange` reads "only containers[N].image A -> B". The Go test's template (one nginx
// container with an env var and a volume mount, as the API server would store it) is rebuilt here;
// the fixture does not name the container, so it is named after the image, as `kubectl create
// deployment --image` would.
import type { PodTemplateSpec } from '../../api/types';
import { calculateInPlaceUpdateSpec } from '../../controller/inplaceSpec';
import { CaseFormatError, type TableAdapter } from '../types';
import { featureGatesOf, revisionFromTemplate, vctAnnotations } from './inplaceSpecFixtures';

const CHANGE = /^only containers\[(\d+)\]\.image (\S+) -> (\S+)$/;

function imageName(image: string): string {
  const path = image.split('@')[0].split('/').pop() ?? image;
  return path.split(':')[0];
}

function template(name: string, image: string): PodTemplateSpec {
  return {
    metadata: { labels: { app: name } },
    spec: {
      containers: [
        {
          name,
          image,
          imagePullPolicy: 'Always',
          env: [{ name: 'version', value: 'v1' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: 'www-data' }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

const adapter: TableAdapter = {
  test: 'Test_defaultCalculateInPlaceUpdateSpec_VCTHash',
  evaluate(c) {
    const m = typeof c.templateChange === 'string' ? CHANGE.exec(c.templateChange) : null;
    if (!m || m[1] !== '0') throw new CaseFormatError('templateChange: expected "only containers[0].image A -> B"');
    const name = imageName(m[2]);
    const oldRevision = revisionFromTemplate('old-revision', template(name, m[2]), {}, vctAnnotations(c.oldRevisionVCTHash, 'oldRevisionVCTHash'));
    const newRevision = revisionFromTemplate('new-revision', template(name, m[3]), {}, vctAnnotations(c.newRevisionVCTHash, 'newRevisionVCTHash'));
    const spec = calculateInPlaceUpdateSpec(oldRevision, newRevision, { ignoreVolumeClaimTemplatesHashDiff: c.ignoreVolumeClaimTemplatesHashDiff === true }, featureGatesOf(c));
    return spec ? { inPlace: true, containerImages: spec.containerImages } : { inPlace: false, containerImages: null };
  },
};
export default adapter;
