export * from './location';
export * from './cluster-network';
export * from './gpu-fleet';
export * from './tiered-storage';
export * from './model-endpoint';
export * from './platform-monitoring';
export * from './grant';
