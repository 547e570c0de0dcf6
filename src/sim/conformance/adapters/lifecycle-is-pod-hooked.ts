// TestIsPodHooked (kruise pkg/util/lifecycle): does a hook match a pod (SPEC §13)?
import { isPodHooked } from '../../controller/lifecycle';
import type { TableAdapter } from '../types';
import { hookAndPod } from './lifecycleFixtures';

const adapter: TableAdapter = {
  test: 'TestIsPodHooked',
  evaluate(c) {
    const { hook, pod } = hookAndPod(c);
    return { hooked: isPodHooked(hook, pod) };
  },
};
export default adapter;
