// Kruise feature gates that change CloneSet behaviour, with the v1.9.0 defaults (SPEC §17).
// Gates are passed into every decision that reads them; nothing here is global state.

export interface FeatureGates {
  CloneSetShortHash: boolean;
  CloneSetPartitionRollback: boolean;
  PreparingUpdateAsUpdate: boolean;
  InPlaceUpdateEnvFromMetadata: boolean;
  InPlaceWorkloadVerticalScaling: boolean;
  RecreatePodWhenChangeVCTInCloneSetGate: boolean;
  PreDownloadImageForInPlaceUpdate: boolean;
  PodUnavailableBudgetUpdateGate: boolean;
  CloneSetEventHandlerOptimization: boolean;
  TemplateNoDefaults: boolean;
  ResourcesDeletionProtection: boolean;
  ForceDeleteTimeoutExpectationFeatureGate: boolean;
}

export const DEFAULT_FEATURE_GATES: Readonly<FeatureGates> = Object.freeze({
  CloneSetShortHash: false,
  CloneSetPartitionRollback: false,
  PreparingUpdateAsUpdate: false,
  InPlaceUpdateEnvFromMetadata: true,
  InPlaceWorkloadVerticalScaling: false,
  RecreatePodWhenChangeVCTInCloneSetGate: false,
  PreDownloadImageForInPlaceUpdate: false,
  PodUnavailableBudgetUpdateGate: false,
  CloneSetEventHandlerOptimization: false,
  TemplateNoDefaults: false,
  ResourcesDeletionProtection: false,
  ForceDeleteTimeoutExpectationFeatureGate: false,
});

/** Defaults overlaid with the given gates; unknown gate names are an error, as kruise's flag parser says. */
export function withFeatureGates(overrides: Partial<Record<string, boolean>> | undefined): FeatureGates {
  const gates: FeatureGates = { ...DEFAULT_FEATURE_GATES };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!(name in gates)) throw new Error(`unrecognized feature gate: ${name}`);
    if (typeof value !== 'boolean') throw new Error(`invalid value of ${name}: ${String(value)}`);
    (gates as unknown as Record<string, boolean>)[name] = value;
  }
  return gates;
}
