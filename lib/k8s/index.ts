// The Kubernetes area's public API: constructs, their props, contracts and enum-like classes.
export * from './k8s-platform-attributes';
export * from './k8s-workload';
export * from './k8s-options';
export * from './latency-metric';
export * from './progressive-delivery';
export * from './alert-routing';
export * from './app-namespace';
export * from './k8s-ready-app-props';
export * from './k8s-ready-app';
export * from './k8s-platform';
export * from './acme-cluster-issuer';
export * from './rollout-alerts';
export * from './dashboard-panel';
export * from './grafana-dashboard';
