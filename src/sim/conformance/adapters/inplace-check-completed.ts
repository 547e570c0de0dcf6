// TestCheckInPlaceUpdateCompleted (kruise pkg/util/inplaceupdate): has an in-place update finished
// (SPEC §11.3)? `specImages` are the pod spec's container images (none when absent).
import { checkInPlaceUpdateCompleted } from '../../controller/inplaceCompletion';
import { DEFAULT_FEATURE_GATES } from '../../controller/featureGates';
import { CaseFormatError, type TableAdapter } from '../types';
import { FIXTURE_NOW, isRecord, podFromFixture } from './inplaceFixtures';

const adapter: TableAdapter = {
  test: 'TestCheckInPlaceUpdateCompleted',
  evaluate(c) {
    if (!isRecord(c.pod)) throw new CaseFormatError('pod: expected an object');
    const specImages = c.pod.specImages ?? {};
    if (!isRecord(specImages)) throw new CaseFormatError('pod.specImages: expected an object');
    const containers = Object.entries(specImages).map(([name, image]) => ({ name, image }));
    const pod = podFromFixture({ ...c.pod, containers }, FIXTURE_NOW);
    const error = checkInPlaceUpdateCompleted(pod, DEFAULT_FEATURE_GATES);
    return error === undefined ? { completed: true } : { completed: false, error };
  },
};
export default adapter;
