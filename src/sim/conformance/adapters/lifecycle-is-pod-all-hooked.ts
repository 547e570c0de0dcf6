// TestIsPodAllHooked (kruise pkg/util/lifecycle): is a hook fully satisfied on a pod (SPEC §13)?
import { isPodAllHooked } from '../../controller/lifecycle';
import type { TableAdapter } from '../types';
import { hookAndPod } from './lifecycleFixtures';

const adapter: TableAdapter = {
  test: 'TestIsPodAllHooked',
  evaluate(c) {
    const { hook, pod } = hookAndPod(c);
    return { allHooked: isPodAllHooked(hook, pod) };
  },
};
export default adapter;
