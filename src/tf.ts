/**
 * The one module through which the library reaches the Terraform CDK core (cdktf). A move to the
 * community fork (cdktn) changes the imports here and the provider package names, not the design.
 * Internal: not part of the jsii API.
 */
export { Annotations, Aspects, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Token, Tokenization, App as TerraformApp } from 'cdktf';
export type { IAspect } from 'cdktf';
