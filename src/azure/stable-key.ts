import { Construct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from '../tf';

/**
 * A key for a resource id that does not depend on the order constructs were created in: a literal id as it is, a token
 * as the Terraform expression it resolves to (`${azurerm_log_analytics_workspace.<address>.id}`). Internal.
 */
export function stableKey(scope: Construct, resourceId: string): string {
  if (!Token.isUnresolved(resourceId)) return resourceId;
  return JSON.stringify(Tokenization.resolve(resourceId, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }));
}
