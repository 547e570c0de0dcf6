// TestDefaultCalculateInPlaceUpdateSpec (kruise pkg/util/inplaceupdate): in place with resource
// changes under gate InPlaceWorkloadVerticalScaling (SPEC §11.1).
import { calculateInPlaceUpdateSpec } from '../../controller/inplaceSpec';
import type { TableAdapter } from '../types';
import { featureGatesOf, renderContainerResources, revisionFromTemplate } from './inplaceSpecFixtures';

const adapter: TableAdapter = {
  test: 'TestDefaultCalculateInPlaceUpdateSpec',
  evaluate(c) {
    const oldRevision = revisionFromTemplate('old-revision', c.oldTemplate);
    const newRevision = revisionFromTemplate('new-revision', c.newTemplate);
    const spec = calculateInPlaceUpdateSpec(oldRevision, newRevision, {}, featureGatesOf(c));
    if (!spec) return { inPlace: false };
    return { inPlace: true, containerImages: spec.containerImages, containerResources: renderContainerResources(spec) };
  },
};
export default adapter;
