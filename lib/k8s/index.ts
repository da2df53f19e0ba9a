export * from './platform-conventions';
export * from './latency-metric';
export * from './app-namespace';
export * from './k8s-ready-app-props';
export * from './k8s-ready-app';
export * from './chart-versions';
export * from './k8s-platform';
export * from './acme-cluster-issuer';
