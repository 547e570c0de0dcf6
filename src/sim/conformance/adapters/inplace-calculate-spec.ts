// TestCalculateInPlaceUpdateSpec (kruise pkg/util/inplaceupdate): the in-place plan between two
// revisions (SPEC §11.1).
import { calculateInPlaceUpdateSpec } from '../../controller/inplaceSpec';
import { CaseFormatError, type TableAdapter } from '../types';
import { isRecord } from './inplaceFixtures';
import { featureGatesOf, revisionFromTemplate } from './inplaceSpecFixtures';

const adapter: TableAdapter = {
  test: 'TestCalculateInPlaceUpdateSpec',
  evaluate(c) {
    const extra = c.revisionDataExtra ?? {};
    if (!isRecord(extra)) throw new CaseFormatError('revisionDataExtra: expected an object');
    const oldRevision = revisionFromTemplate('old-revision', c.oldTemplate, extra);
    const newRevision = revisionFromTemplate('new-revision', c.newTemplate, extra);
    const spec = calculateInPlaceUpdateSpec(oldRevision, newRevision, {}, featureGatesOf(c));
    if (!spec) return { inPlace: false };
    return {
      inPlace: true,
      containerImages: spec.containerImages,
      metadataPatch: spec.metaDataPatch ?? null,
      containerRefMetadata: spec.containerRefMetadata,
      updateEnvFromMetadata: spec.updateEnvFromMetadata,
    };
  },
};
export default adapter;
