export * from './platform-conventions';
export * from './latency-metric';
export * from './app-namespace';
