export * from './rule';
export * from './pack';
