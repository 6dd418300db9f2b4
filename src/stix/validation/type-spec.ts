import type { CommonProperties } from './common-properties.ts';
import { atLeastOneOf } from './constraints.ts';
import type { Category } from './object-categories.ts';
import { shape, type Constraint, type Kind, type Shape } from './property-kinds.ts';

/** The full description of one object type: its properties (common ones included), requirements and rules. */
export interface TypeSpec extends Shape {
  readonly type: string;
  readonly category: Category;
  /** Predefined object extensions (§3.10) of this type, by their key in `extensions`. */
  readonly extensions: ReadonlyMap<string, Shape>;
}

export interface TypeDefinition {
  readonly type: string;
  readonly category: Category;
  readonly section: string;
  readonly common: CommonProperties;
  readonly properties: Readonly<Record<string, Kind>>;
  readonly required?: readonly string[];
  readonly constraints?: readonly Constraint[];
  readonly extensions?: Readonly<Record<string, Shape>>;
}

export function defineType(definition: TypeDefinition): TypeSpec {
  const merged = shape(definition.type, definition.section, { ...definition.common.properties, ...definition.properties }, {
    required: [...definition.common.required, ...(definition.required ?? [])],
    constraints: [...definition.common.constraints, ...(definition.constraints ?? [])],
  });
  return {
    ...merged,
    type: definition.type,
    category: definition.category,
    extensions: new Map(Object.entries(definition.extensions ?? {})),
  };
}

/** A shape all of whose properties are optional but at least one of which must be present. */
export function someOf(name: string, properties: Readonly<Record<string, Kind>>, section: string): Shape {
  return shape(name, section, properties, { constraints: [atLeastOneOf(Object.keys(properties), section)] });
}
