export { TerraformFinding } from './terraform/rule';
export * from './terraform/pack';
