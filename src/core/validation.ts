import { show } from './internal/text';

/**
 * One thing wrong with a set of properties.
 */
export interface ValidationProblem {
  /** The property, as a path from the props (e.g. `tiers[1].afterDays`). */
  readonly property: string;
  /** The value given, rendered as text. */
  readonly value: string;
  /** What is allowed instead. */
  readonly allowed: string;
}

/**
 * Collects and reports validation problems.
 *
 * Errors name the construct (or spec), its path, the property, the value and what is
 * allowed, e.g.:
 *
 * ```
 * [ai-infra] GpuFleet 'Platform/Training': invalid properties
 *   - nodes = -1: allowed: a whole number from 0 to 1000
 * ```
 */
export class Validation {
  /**
   * Builds a problem.
   *
   * @param property the property path
   * @param value the value given (any type; rendered as text)
   * @param allowed what is allowed
   */
  public static problem(property: string, value: any, allowed: string): ValidationProblem {
    return { property, value: show(value), allowed };
  }

  /** Formats problems into one message. */
  public static format(kind: string, path: string, problems: ValidationProblem[]): string {
    const lines = problems.map((p) => `  - ${p.property} = ${p.value}: allowed: ${p.allowed}`);
    return `[ai-infra] ${kind} '${path}': invalid ${problems.length === 1 ? 'property' : 'properties'}\n${lines.join('\n')}`;
  }

  /**
   * Throws an `Error` listing every problem, if there is any.
   *
   * @param kind the construct or spec class, e.g. `GpuFleet`
   * @param path the construct path (or a name when there is no construct)
   * @param problems the problems found
   */
  public static throwIfAny(kind: string, path: string, problems: ValidationProblem[]): void {
    if (problems.length > 0) {
      throw new Error(Validation.format(kind, path, problems));
    }
  }

  private constructor() {}
}
