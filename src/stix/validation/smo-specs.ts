import {
  EXTENSION_DEFINITION_COMMON, LANGUAGE_CONTENT_COMMON, MARKING_COMMON,
} from './common-properties.ts';
import {
  ANY_OBJECT, DICTIONARY, STRING, STRINGS, TIMESTAMP, dictionaryOf, ref, vocab, vocabs,
} from './property-kinds.ts';
import { extensionPropertiesNeedTopLevel, languageContentKeys, markingDefinition } from './rules.ts';
import { defineType, type TypeSpec } from './type-spec.ts';
import { EXTENSION_TYPE, MARKING_DEFINITION_TYPE } from './vocabularies.ts';

/** STIX Meta Objects, STIX 2.1 §7. */

export const SMO_SPECS: readonly TypeSpec[] = [
  defineType({
    type: 'language-content', category: 'smo', section: '7.1', common: LANGUAGE_CONTENT_COMMON,
    properties: { object_ref: ref(ANY_OBJECT), object_modified: TIMESTAMP, contents: dictionaryOf(DICTIONARY) },
    required: ['object_ref', 'contents'],
    constraints: [languageContentKeys],
  }),
  defineType({
    type: 'marking-definition', category: 'smo', section: '7.2.1', common: MARKING_COMMON,
    // definition_type and definition are deprecated in favour of extensions, but still how TLP 1.0 is expressed.
    properties: { name: STRING, definition_type: vocab(MARKING_DEFINITION_TYPE), definition: DICTIONARY },
    constraints: [markingDefinition],
  }),
  defineType({
    type: 'extension-definition', category: 'smo', section: '7.3', common: EXTENSION_DEFINITION_COMMON,
    properties: {
      name: STRING, description: STRING, schema: STRING, version: STRING, extension_types: vocabs(EXTENSION_TYPE),
      extension_properties: STRINGS,
    },
    required: ['name', 'schema', 'version', 'extension_types'],
    constraints: [extensionPropertiesNeedTopLevel],
  }),
];
