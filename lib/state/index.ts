export * from './hcp-terraform-state';
export * from './remote-state';
export * from './state-backend';
export * from './state-names';
