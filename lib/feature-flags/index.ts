export * from './posthog-host';
export * from './feature-flag';
export * from './feature-flags';
