// The bad-input matrix, one file per area (each area's team owns its file).
import { CORE_BAD_INPUTS } from './cases-core';
import { FEATURE_FLAGS_BAD_INPUTS } from './cases-feature-flags';
import { K8S_BAD_INPUTS } from './cases-k8s';
import { NETWORKING_BAD_INPUTS } from './cases-networking';
import { OBSERVABILITY_BAD_INPUTS } from './cases-observability';
import { RENDER_BAD_INPUTS } from './cases-render';
import { STORAGE_BAD_INPUTS } from './cases-storage';
import { SUPABASE_BAD_INPUTS } from './cases-supabase';
export type { BadInput } from './support';

export const BAD_INPUTS = [
  ...CORE_BAD_INPUTS,
  ...STORAGE_BAD_INPUTS,
  ...RENDER_BAD_INPUTS,
  ...NETWORKING_BAD_INPUTS,
  ...SUPABASE_BAD_INPUTS,
  ...K8S_BAD_INPUTS,
  ...FEATURE_FLAGS_BAD_INPUTS,
  ...OBSERVABILITY_BAD_INPUTS,
];
