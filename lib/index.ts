// The package's public API. Only exports live here.
export { Errors } from './core/errors';
export * from './core/secrets';
export * from './core/contracts';
export * from './core/container-image';
export * from './core/scaling';
export * from './core/terraform-data';
export * from './environment/environment';
export * from './environment/environment-props';
export * from './stack/environment-stack';
export * from './iam';
export * from './kms';
export * from './storage';
export * from './checks';
export * from './state';
export * from './render';
export * from './networking';
export * from './k8s';
export * from './supabase';
export * from './feature-flags';
export * from './observability';

// Typed bindings generated from the Render, Supabase and Grafana provider schemas (jsii submodules).
export * as render from './providers/render/gen';
export * as supabase from './providers/supabase/gen';
export * as grafana from './providers/grafana/gen';
