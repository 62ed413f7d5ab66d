export * from './aws-platform-stack';
export * from './gcp-platform-stack';
export * from './azure-platform-stack';
