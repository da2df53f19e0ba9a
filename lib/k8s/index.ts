export * from './platform-conventions';
export * from './latency-metric';
export * from './app-namespace';
export * from './k8s-ready-app-props';
export * from './k8s-ready-app';
