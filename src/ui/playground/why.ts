// The controller's own why-records (cluster.decisions) in plain words, English and Chinese. The
// numbers come from the record as the controller computed them; nothing here decides anything.
import type { Decision } from '../../sim/cloneSetController';
import type { Lang } from '../i18n/strings';

type Words = (pods: string, n: Record<string, number>, forcedBy?: string) => string;

/** "1 pod", "3 pods". */
const podCount = (k: number) => `${k} ${k === 1 ? 'pod' : 'pods'}`;

const list = (pods: readonly string[], lang: Lang) => {
  if (pods.length === 0) return '';
  const shown = pods.slice(0, 6).join(', ');
  if (pods.length <= 6) return shown;
  return lang === 'zh' ? `${shown} 等 ${pods.length} 个` : `${shown} and ${pods.length - 6} more`;
};

const EN: Record<string, Words> = {
  replicasUnset: () => 'spec.replicas is not set, so the controller cannot scale.',
  cancelPreparingDelete: (p, n) => `Short of pods (${n.pods} for ${n.replicas} replicas): ${p} go back from PreparingDelete to Normal instead of new pods being created.`,
  scaleUpLimited: (_p, n) => `Wanted ${n.scaleUpNum} more pods but scaleStrategy.maxUnavailable (${n.scaleMaxUnavailable}) allows only ${n.scaleUpLimit} while ${n.unavailable} are unavailable.`,
  createAtCurrentRevision: (p, n) => `Created ${p} at the current (old) revision: replicas ${n.replicas}, partition ${n.partition}, so ${n.scaleUpNumOldRevision} new pods must stay old to keep the partition.`,
  createAtUpdateRevision: (p, n) => `Created ${p} at the update revision: replicas ${n.replicas} with ${n.pods} pods existing (${n.oldPods} old), partition ${n.partition}${n.reusedIds ? `, ${n.reusedIds} reusing a free instance id and its PVCs` : ''}.`,
  deleteAfterPreDelete: (p) => `Deleted ${p}: their PreparingDelete hook is done.`,
  waitForPreDeleteHook: (p) => `${p} wait in PreparingDelete for the lifecycle hook before deletion.`,
  deleteSpecified: (p) => `Deleted ${p}: listed in scaleStrategy.podsToDelete or labelled apps.kruise.io/specified-delete.`,
  specifiedDeleteOverBudget: (p) => `${p} are marked for deletion but the unavailable budget holds them back for now.`,
  scaleDown: (p, n) => `Scaled in: deleted ${p} (${n.scaleDownNum ?? '?'} to remove), chosen by kruise's deletion order: unscheduled, not ready, old revision and fewer restarts go first.`,
  scaleDownOverBudget: (p) => `${p} would be deleted but the unavailable budget holds them back for now.`,
  scaleDownWaitsForPlannedDeletes: (_p, n) => `Needs to remove ${n.scaleDownNum} pods but ${n.plannedDeletes} deletions are already planned: it waits for them first.`,
  enterPreparingDelete: (p) => `${p} enter PreparingDelete (a lifecycle hook asks the controller to wait).`,
  onDelete: () => 'updateStrategy.type is OnDelete: the controller never updates pods; delete one to replace it.',
  refreshLifecycle: (p) => `${p}: lifecycle state moved on (hook finished or in-place update done).`,
  refreshInPlace: (p) => `${p}: in-place update state refreshed (grace period or completion checked).`,
  fixPodTemplateHash: (p) => `${p}: pod-template-hash label set to match the revision.`,
  paused: (_p, n) => `updateStrategy.paused is true: no pod is updated (replicas ${n.replicas ?? '?'}, partition ${n.partition ?? '?'}, ${n.updatedPods ?? '?'} at the update revision, ${n.oldPods ?? '?'} old).`,
  noUpdateNeeded: (_p, n) => `Nothing to update: replicas ${n.replicas}, partition ${n.partition}, ${n.updatedPods} pods already at the update revision, ${n.oldPods} old pods kept by the partition.`,
  skipPreparingDelete: (p) => `${p} are being deleted (PreparingDelete) and are not updated.`,
  skipInGracePeriod: (p) => `${p} are inside their in-place grace period and wait.`,
  updateOrder: (p, n) => `Update order of the ${n.candidates} candidates (unready first, then by priority/scatter, then by name): ${p}.`,
  beyondUpdateNum: (p, n) => `${p} stay as they are: only ${podCount(Math.abs(n.updateNum))} should change (replicas minus partition minus pods already updated).`,
  overUnavailableBudget: (p, n) => `${p} wait: maxUnavailable allows ${n.updateMaxUnavailable} unavailable pods and ${n.unavailable} are unavailable now, so only ${n.chosen} could start.`,
  updateInPlace: (p, n) => `${p} updated in place (position ${n.position} in the update order; ${n.updateNum} to update, maxUnavailable ${n.updateMaxUnavailable}, ${n.unavailable} unavailable). Only images or metadata changed, so the pod is patched where it is: same pod name, same IP; a container whose image changed is restarted by the kubelet (RESTARTS +1).`,
  recreate: (p, n, forcedBy) =>
    `${p} recreated (position ${n.position} in the update order; ${n.updateNum} to update, maxUnavailable ${n.updateMaxUnavailable}, ${n.unavailable} unavailable)${forcedBy ? `, because ${forcedBy} cannot change in place` : ''}: the pod is deleted and a new one with a new name takes its place.`,
  enterPreparingUpdate: (p) => `${p} enter PreparingUpdate: a lifecycle hook runs before the in-place update.`,
  waitForInPlaceUpdateHook: (p) => `${p} wait for the in-place update hook.`,
  updateFailed: (p) => `Updating ${p} failed; the controller retries.`,
};

const ZH: Record<string, Words> = {
  replicasUnset: () => '未设置 spec.replicas，控制器无法扩缩容。',
  cancelPreparingDelete: (p, n) => `Pod 不足（期望 ${n.replicas}，现有 ${n.pods}）：${p} 从 PreparingDelete 恢复为 Normal，而不是新建 Pod。`,
  scaleUpLimited: (_p, n) => `需要新建 ${n.scaleUpNum} 个 Pod，但 scaleStrategy.maxUnavailable（${n.scaleMaxUnavailable}）在 ${n.unavailable} 个不可用时只允许 ${n.scaleUpLimit} 个。`,
  createAtCurrentRevision: (p, n) => `以当前（旧）版本创建 ${p}：replicas ${n.replicas}，partition ${n.partition}，需要 ${n.scaleUpNumOldRevision} 个新 Pod 保持旧版本以维持 partition。`,
  createAtUpdateRevision: (p, n) => `以目标版本创建 ${p}：replicas ${n.replicas}，现有 ${n.pods} 个 Pod（旧版本 ${n.oldPods} 个），partition ${n.partition}${n.reusedIds ? `，其中 ${n.reusedIds} 个复用空闲的 instance id 及其 PVC` : ''}。`,
  deleteAfterPreDelete: (p) => `删除 ${p}：PreparingDelete 钩子已完成。`,
  waitForPreDeleteHook: (p) => `${p} 处于 PreparingDelete，等待生命周期钩子。`,
  deleteSpecified: (p) => `删除 ${p}：它们在 scaleStrategy.podsToDelete 中或带有 apps.kruise.io/specified-delete 标签。`,
  specifiedDeleteOverBudget: (p) => `${p} 被指定删除，但不可用预算暂时不允许。`,
  scaleDown: (p, n) => `缩容：删除 ${p}（需删除 ${n.scaleDownNum ?? '?'} 个），按 kruise 的删除顺序：未调度、未就绪、旧版本、重启次数少的优先。`,
  scaleDownOverBudget: (p) => `${p} 本应删除，但不可用预算暂时不允许。`,
  scaleDownWaitsForPlannedDeletes: (_p, n) => `需要删除 ${n.scaleDownNum} 个 Pod，但已有 ${n.plannedDeletes} 个删除在计划中，先等待它们。`,
  enterPreparingDelete: (p) => `${p} 进入 PreparingDelete（生命周期钩子要求控制器等待）。`,
  onDelete: () => 'updateStrategy.type 为 OnDelete：控制器不会升级 Pod，需手动删除来替换。',
  refreshLifecycle: (p) => `${p}：生命周期状态前进（钩子完成或原地升级完成）。`,
  refreshInPlace: (p) => `${p}：刷新原地升级状态（检查优雅期或完成情况）。`,
  fixPodTemplateHash: (p) => `${p}：设置 pod-template-hash 标签以匹配版本。`,
  paused: (_p, n) => `updateStrategy.paused 为 true：不升级任何 Pod（replicas ${n.replicas ?? '?'}，partition ${n.partition ?? '?'}，目标版本 ${n.updatedPods ?? '?'} 个，旧版本 ${n.oldPods ?? '?'} 个）。`,
  noUpdateNeeded: (_p, n) => `无需升级：replicas ${n.replicas}，partition ${n.partition}，已有 ${n.updatedPods} 个目标版本 Pod，partition 保留 ${n.oldPods} 个旧版本。`,
  skipPreparingDelete: (p) => `${p} 正在删除（PreparingDelete），不升级。`,
  skipInGracePeriod: (p) => `${p} 处于原地升级优雅期内，等待。`,
  updateOrder: (p, n) => `${n.candidates} 个候选 Pod 的升级顺序（未就绪优先，然后按优先级/打散，再按名称）：${p}。`,
  beyondUpdateNum: (p, n) => `${p} 保持不变：只应升级 ${Math.abs(n.updateNum)} 个（replicas 减 partition 减已升级数）。`,
  overUnavailableBudget: (p, n) => `${p} 等待：maxUnavailable 允许 ${n.updateMaxUnavailable} 个不可用，当前已有 ${n.unavailable} 个，所以只能开始 ${n.chosen} 个。`,
  updateInPlace: (p, n) => `${p} 原地升级（升级顺序第 ${n.position} 位；需升级 ${n.updateNum} 个，maxUnavailable ${n.updateMaxUnavailable}，不可用 ${n.unavailable} 个）。只改了镜像或元数据，Pod 原地修改：名称和 IP 不变；镜像变化的容器由 kubelet 重启（RESTARTS +1）。`,
  recreate: (p, n, forcedBy) =>
    `${p} 重建升级（升级顺序第 ${n.position} 位；需升级 ${n.updateNum} 个，maxUnavailable ${n.updateMaxUnavailable}，不可用 ${n.unavailable} 个）${forcedBy ? `，因为 ${forcedBy} 无法原地修改` : ''}：删除旧 Pod，新建一个新名称的 Pod。`,
  enterPreparingUpdate: (p) => `${p} 进入 PreparingUpdate：原地升级前运行生命周期钩子。`,
  waitForInPlaceUpdateHook: (p) => `${p} 等待原地升级钩子。`,
  updateFailed: (p) => `升级 ${p} 失败，控制器会重试。`,
};

export interface WhyLine {
  time: number;
  cloneSet: string;
  step: 'scale' | 'update';
  rule: string;
  spec: string;
  text: string;
  numbers: [string, number][];
}

/** One decision in words, with its numbers as recorded. */
export function describeDecision(d: Decision, lang: Lang): WhyLine {
  const table = lang === 'zh' ? ZH : EN;
  const words = table[d.why.rule];
  const pods = list(d.why.pods, lang);
  return {
    time: d.time,
    cloneSet: d.cloneSet,
    step: d.step,
    rule: d.why.rule,
    spec: d.why.spec,
    text: words ? words(pods, d.why.numbers, 'forcedBy' in d.why ? d.why.forcedBy : undefined) : `${d.why.rule}${pods ? `: ${pods}` : ''}`,
    numbers: Object.entries(d.why.numbers).map(([k, v]) => [k, Number(v)]),
  };
}

/** Rules recorded on every quiet reconcile: shown for a pod only when they name it. */
const ROUTINE = new Set(['noUpdateNeeded', 'updateOrder']);

/**
 * The decisions that concern a pod, newest first: those naming it, merging repeats of the same
 * rule with the same numbers (a rule re-recorded on every reconcile shows once, with its first time).
 */
export function decisionsForPod(decisions: readonly Decision[], pod: string, limit = 8): Decision[] {
  const found: Decision[] = [];
  let last = '';
  for (const d of decisions) {
    if (!d.why.pods.includes(pod)) continue;
    const key = `${d.why.rule}|${JSON.stringify(d.why.numbers)}`;
    if (key === last && ROUTINE.has(d.why.rule)) continue;
    last = key;
    found.push(d);
  }
  return found.slice(-limit).reverse();
}

/** The decisions of a CloneSet's reconciles nearest before (or at) `time`. */
export function decisionsAt(decisions: readonly Decision[], cloneSet: string | null, time: number): Decision[] {
  let at: number | undefined;
  for (const d of decisions) {
    if (cloneSet !== null && d.cloneSet !== cloneSet) continue;
    if (d.time <= time + 1e-9) at = d.time;
    else break;
  }
  if (at === undefined) return [];
  return decisions.filter((d) => d.time === at && (cloneSet === null || d.cloneSet === cloneSet));
}
