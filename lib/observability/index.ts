export * from './contracts';
export * from './render-notifications';
export * from './alert-routing';
export * from './render-workspace-observability';
export * from './render-release-guard';
export * from './render-observability';
