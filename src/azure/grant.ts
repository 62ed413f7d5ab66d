import { IConstruct } from 'constructs';
import { shortHash } from '../core/internal/names';
import { Validation } from '../core/validation';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from '../tf';

/**
 * Something that can be granted access on Azure: it names one Microsoft Entra principal. `azure.GpuFleet` is one
 * (its scale set's system-assigned identity); `azure.Grantee.principal(...)` makes one from an object id. Every
 * `grantXxx` method of the Azure constructs takes one, as the AWS constructs take an `iam.IGrantable` and the Google
 * Cloud constructs a `gcp.IGrantable`.
 */
export interface IGrantable {
  /** The principal's object id (a GUID), which a role assignment names. */
  readonly grantPrincipalId: string;
  /**
   * The principal's type: `User`, `Group` or `ServicePrincipal` (managed identities are service principals).
   * Naming it lets Azure assign the role to a principal created moments before.
   *
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/role_assignment#principal_type
   * @default - not given: Azure looks the principal up
   */
  readonly grantPrincipalType?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = ['User', 'Group', 'ServicePrincipal'];

/**
 * A principal given by its object id, for grants to principals that are not constructs of this library.
 *
 * @example
 * declare const storage: azure.TieredStorage;
 * storage.grantRead(azure.Grantee.principal('00000000-0000-0000-0000-000000000001', 'Group'));
 */
export class Grantee implements IGrantable {
  /**
   * A Microsoft Entra principal by its object id.
   *
   * @param principalId the object id (a GUID)
   * @param principalType `User`, `Group` or `ServicePrincipal`
   * @default principalType - not given: Azure looks the principal up
   */
  public static principal(principalId: string, principalType?: string): IGrantable {
    const problems = [];
    if (typeof principalId !== 'string' || (!Token.isUnresolved(principalId) && !GUID.test(principalId))) {
      problems.push(Validation.problem('principalId', principalId, 'a principal\'s object id (a GUID, e.g. 00000000-0000-0000-0000-000000000001)'));
    }
    if (principalType !== undefined && !TYPES.includes(principalType)) {
      problems.push(Validation.problem('principalType', principalType, `${TYPES.join(', ')} or unset`));
    }
    Validation.throwIfAny('Grantee', 'azure.Grantee.principal', problems);
    return new Grantee(principalId, principalType);
  }

  private constructor(public readonly grantPrincipalId: string, public readonly grantPrincipalType?: string) {}
}

/**
 * The principal of a grantee, refusing what is not one (a JavaScript caller passing a string, say) with the library's
 * error naming the construct, its path and the property.
 */
export function principalOf(grantee: IGrantable, kind: string, path: string): { principalId: string; principalType?: string } {
  const principalId = (grantee as IGrantable | undefined)?.grantPrincipalId;
  if (typeof principalId !== 'string' || principalId === '') {
    Validation.throwIfAny(kind, path, [Validation.problem('grantee', grantee,
      'an azure.IGrantable: an azure.GpuFleet, or azure.Grantee.principal(objectId) for a principal by its object id')]);
  }
  return { principalId: principalId as string, principalType: grantee.grantPrincipalType };
}

/**
 * A short key of a principal for construct ids: of the reference a token resolves to (a resource's address), so the
 * Terraform address of a grant does not move when other tokens are created before it.
 */
export function principalKey(scope: IConstruct, principalId: string): string {
  if (!Token.isUnresolved(principalId)) return shortHash(principalId);
  return shortHash(String(Tokenization.resolve(principalId, { scope, resolver: new DefaultTokenResolver(new StringConcat()) })));
}
