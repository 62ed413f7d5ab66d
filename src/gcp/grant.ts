import { Validation } from '../core/validation';
import { Token } from '../tf';

/**
 * Something that can be granted access on Google Cloud: it names one IAM principal. `gcp.GpuFleet` is one (its
 * service account); `gcp.Grantee.member(...)` makes one from a principal identifier. Every `grantXxx` method of the
 * Google Cloud constructs takes one, as the AWS constructs take an `iam.IGrantable` and the Azure constructs an
 * `azure.IGrantable`.
 */
export interface IGrantable {
  /**
   * The IAM principal identifier the grant binds, e.g. `serviceAccount:fleet@my-project.iam.gserviceaccount.com`.
   *
   * @see https://cloud.google.com/iam/docs/principal-identifiers
   */
  readonly grantMember: string;
}

/**
 * The principal types a grant may name (https://cloud.google.com/iam/docs/principal-identifiers, allow policies).
 * `allUsers` and `allAuthenticatedUsers` are refused: a grant of this library never makes data or an endpoint public.
 */
const MEMBER = /^(user|serviceAccount|group|domain):[^\s:]+$|^(principal|principalSet):\/\/\S+$/;

/**
 * A principal given by its IAM identifier, for grants to principals that are not constructs of this library.
 *
 * @example
 * declare const storage: gcp.TieredStorage;
 * storage.grantRead(gcp.Grantee.member('group:ml-readers@example.com'));
 */
export class Grantee implements IGrantable {
  /**
   * A principal by its IAM identifier: `user:EMAIL`, `serviceAccount:EMAIL`, `group:EMAIL`, `domain:DOMAIN`,
   * `principal://...` or `principalSet://...` (https://cloud.google.com/iam/docs/principal-identifiers).
   * `allUsers` and `allAuthenticatedUsers` are refused.
   *
   * @param member the principal identifier
   */
  public static member(member: string): IGrantable {
    if (typeof member !== 'string' || (!Token.isUnresolved(member) && !MEMBER.test(member))) {
      Validation.throwIfAny('Grantee', 'gcp.Grantee.member', [Validation.problem('member', member,
        'an IAM principal identifier: user:EMAIL, serviceAccount:EMAIL, group:EMAIL, domain:DOMAIN, principal://... or principalSet://... ' +
        '(allUsers and allAuthenticatedUsers are refused: a grant never makes a resource public)')]);
    }
    return new Grantee(member);
  }

  private constructor(public readonly grantMember: string) {}
}

/**
 * The member of a grantee, refusing what is not one (a JavaScript caller passing a string, say) with the library's
 * error naming the construct, its path and the property.
 */
export function memberOf(grantee: IGrantable, kind: string, path: string): string {
  const member = (grantee as IGrantable | undefined)?.grantMember;
  if (typeof member !== 'string' || member === '') {
    Validation.throwIfAny(kind, path, [Validation.problem('grantee', grantee,
      'a gcp.IGrantable: a gcp.GpuFleet, or gcp.Grantee.member(\'group:ml@example.com\') for a principal by its IAM identifier')]);
  }
  return member as string;
}
