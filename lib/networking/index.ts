// Constructs, their props, contracts and enum-like classes only; helpers live in ./private.
export * from './networking-module';
export * from './vpc';
export * from './security-group';
export * from './security-group-rule';
export * from './flow-logs';
export * from './cloudflare-edge-props';
export * from './cloudflare-edge';
export * from './zone-security-settings';
export * from './edge-phase';
export * from './edge-rules';
export * from './edge-protection';
export * from './managed-waf';
export * from './redirects';
export * from './keep-alive';
