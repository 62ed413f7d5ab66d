import { Construct } from 'constructs';
import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from '../tf';

/**
 * A key for a resource id that does not depend on the order constructs were created in: a literal id as it is, a token
 * as the Terraform expression it resolves to (`${azurerm_log_analytics_workspace.<address>.id}`). Internal.
 */
export function stableKey(scope: Construct, resourceId: string): string {
  if (!Token.isUnresolved(resourceId)) return resourceId;
  return JSON.stringify(Tokenization.resolve(resourceId, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }));
}

/**
 * The Terraform address a resource of `type` would have at `scope/id` (for a moved block from where a resource used
 * to sit), computed as cdktf allocates logical ids (the ids of the path below the stack) without adding a construct.
 */
export function addressAt(type: string, scope: Construct, id: string): string {
  const path = { scopes: [...scope.node.scopes, { node: { id } }] };
  return `${type}.${TerraformStack.of(scope).getLogicalId(path as any)}`;
}
