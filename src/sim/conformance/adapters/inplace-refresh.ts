// TestRefresh (kruise pkg/util/inplaceupdate): one refresh of a pod (SPEC §10.2, §11.3). The
// result lists, when the pod changed, its conditions, containers and annotations (those it has),
// in the tables' notation ("clock now" = the evaluation instant).
import { LABEL_CONTROLLER_REVISION_HASH } from '../../api/constants';
import type { Pod } from '../../api/types';
import { getInPlaceUpdateStateText, parseInPlaceUpdateState } from '../../controller/inplaceState';
import { refreshInPlaceUpdate } from '../../controller/inplaceRefresh';
import { DEFAULT_FEATURE_GATES } from '../../controller/featureGates';
import type { TableAdapter } from '../types';
import { FIXTURE_NOW, isRecord, podFromFixture, renderAnnotations, renderConditions } from './inplaceFixtures';

const NOW_WORD = 'clock now';

/**
 * The table leaves out pod labels. In the Go test every pod with an in-place state is labelled
 * with the revision that state names (the grace check compares that label), so we put it back.
 */
function withRevisionLabel(pod: Pod): Pod {
  const text = getInPlaceUpdateStateText(pod);
  if (pod.metadata.labels || text === undefined) return pod;
  const revision = parseInPlaceUpdateState(text).revision;
  return { ...pod, metadata: { ...pod.metadata, labels: { [LABEL_CONTROLLER_REVISION_HASH]: revision } } };
}

const adapter: TableAdapter = {
  test: 'TestRefresh',
  evaluate(c) {
    const before = withRevisionLabel(podFromFixture(c.pod, FIXTURE_NOW));
    const res = refreshInPlaceUpdate(before, FIXTURE_NOW, DEFAULT_FEATURE_GATES);
    if (res.error !== undefined) return { changed: false, error: res.error };
    const after = res.pod;
    if (!after) return res.requeueAfter !== undefined ? { changed: false, requeueAfterSeconds: res.requeueAfter } : { changed: false };
    const out: Record<string, unknown> = { changed: true };
    if (after.status.conditions?.length) {
      const fixtureConditions = isRecord(c.pod) && isRecord(c.pod.conditions) ? c.pod.conditions : {};
      out.conditions = renderConditions(before.status.conditions ?? [], fixtureConditions, after.status.conditions, FIXTURE_NOW, NOW_WORD);
    }
    if (after.spec.containers.length > 0) out.containers = after.spec.containers.map((x) => ({ name: x.name, image: x.image }));
    if (before.metadata.annotations) out.annotations = renderAnnotations(before.metadata.annotations, after.metadata.annotations ?? {}, FIXTURE_NOW, NOW_WORD);
    return out;
  },
};
export default adapter;
