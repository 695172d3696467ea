// Writes alloy.tmLanguage.json and the injection grammars for Alloy inside YAML. The grammar is kept as JavaScript so that the
// regular expressions can be written once with String.raw instead of twice-escaped JSON.
// Run: node grammars/build-grammar.mjs   (add --check to fail when the JSON is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const IDENT = String.raw`[\p{L}_][\p{L}\p{Nd}_]*`;
const IDENT_CHAR = String.raw`[\p{L}\p{Nd}_]`;
// No identifier character and no `.` before: the match starts a new name, not the middle of one.
const NAME_START = String.raw`(?<![\p{L}\p{Nd}_.])`;
const NAME_END = String.raw`(?!${IDENT_CHAR})`;
const DOTTED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})*`;
const DOUBLE_QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
const STDLIB_NAMESPACES = ['array', 'convert', 'encoding', 'file', 'string', 'sys'];
const STDLIB_GLOBALS = ['coalesce', 'json_path'];
const DEPRECATED_GLOBALS = [
  'env', 'nonsensitive', 'concat', 'json_decode', 'yaml_decode', 'base64_decode', 'format', 'join',
  'replace', 'split', 'to_lower', 'to_upper', 'trim', 'trim_prefix', 'trim_suffix', 'trim_space',
];
const CONSTANTS = ['hostname', 'os', 'arch', 'version'];

const dottedNameParts = (segmentScope) => ({
  patterns: [
    { match: IDENT, name: segmentScope },
    { match: String.raw`\.`, name: 'punctuation.accessor.alloy' },
  ],
});

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Alloy',
  scopeName: 'source.alloy',
  fileTypes: ['alloy', 'river'],
  patterns: [{ include: '#body' }],
  repository: {
    body: {
      patterns: [
        { include: '#comments' },
        { include: '#block' },
        { include: '#attribute' },
        { include: '#expression' },
      ],
    },
    block: {
      name: 'meta.block.alloy',
      begin: String.raw`${NAME_START}(${DOTTED})\s*(?:(${DOUBLE_QUOTED}|` + '`[^`]*`' + String.raw`)\s*)?(\{)`,
      beginCaptures: {
        1: dottedNameParts('entity.name.type.alloy'),
        2: { patterns: [{ include: '#block-label' }] },
        3: { name: 'punctuation.section.block.begin.alloy' },
      },
      end: String.raw`\}`,
      endCaptures: { 0: { name: 'punctuation.section.block.end.alloy' } },
      patterns: [{ include: '#body' }],
    },
    'block-label': {
      patterns: [
        {
          // A label is a double-quoted identifier (or ""); keywords are not identifiers.
          match: String.raw`(")(?!(?:true|false|null)")(${IDENT})?(")`,
          name: 'string.quoted.double.alloy',
          captures: {
            1: { name: 'punctuation.definition.string.begin.alloy' },
            2: { name: 'entity.name.label.alloy' },
            3: { name: 'punctuation.definition.string.end.alloy' },
          },
        },
        {
          match: String.raw`(")(.*)(")`,
          name: 'string.quoted.double.alloy',
          captures: {
            1: { name: 'punctuation.definition.string.begin.alloy' },
            2: { name: 'invalid.illegal.label.alloy' },
            3: { name: 'punctuation.definition.string.end.alloy' },
          },
        },
        { match: '`[^`]*`', name: 'invalid.illegal.label.alloy' },
      ],
    },
    attribute: {
      match: String.raw`${NAME_START}(${IDENT})\s*(=)(?!=)`,
      captures: {
        1: { name: 'variable.other.property.alloy' },
        2: { name: 'keyword.operator.assignment.alloy' },
      },
    },
    expression: {
      patterns: [
        { include: '#comments' },
        { include: '#strings' },
        { include: '#numbers' },
        { include: '#language-constants' },
        { include: '#function-calls' },
        { include: '#stdlib-constants' },
        { include: '#references' },
        { include: '#member-access' },
        { include: '#index' },
        { include: '#array' },
        { include: '#object' },
        { include: '#parens' },
        { include: '#operators' },
        { include: '#punctuation' },
        { include: '#illegal' },
      ],
    },
    comments: {
      patterns: [
        {
          name: 'comment.block.empty.alloy',
          match: String.raw`/\*\*/`,
          captures: { 0: { name: 'punctuation.definition.comment.alloy' } },
        },
        {
          name: 'comment.block.documentation.alloy',
          begin: String.raw`/\*\*`,
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.alloy' } },
          end: String.raw`\*/`,
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.alloy' } },
        },
        {
          name: 'comment.block.alloy',
          begin: String.raw`/\*`,
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.alloy' } },
          end: String.raw`\*/`,
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.alloy' } },
        },
        {
          name: 'comment.line.double-slash.alloy',
          match: String.raw`(//).*`,
          captures: { 1: { name: 'punctuation.definition.comment.alloy' } },
        },
      ],
    },
    strings: {
      patterns: [{ include: '#string-double' }, { include: '#string-raw' }, { include: '#string-single' }],
    },
    'string-double': {
      name: 'string.quoted.double.alloy',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.alloy' } },
      // A double-quoted string cannot contain a line feed: end at the line end so that an
      // unterminated string never colours the following lines.
      end: '(")|$',
      endCaptures: { 1: { name: 'punctuation.definition.string.end.alloy' } },
      patterns: [{ include: '#string-escapes' }],
    },
    'string-escapes': {
      patterns: [
        {
          name: 'constant.character.escape.alloy',
          match: String.raw`\\(?:[abfnrtv\\"]|[0-3][0-7]{2}|x[0-9a-fA-F]{2}|u(?![dD][89abAB])[0-9a-fA-F]{4}|U(?:000(?!0[dD][89abAB])[0-9a-fA-F]{5}|0010[0-9a-fA-F]{4}))`,
        },
        // Everything else after a backslash is rejected by the lexer, `\'` included.
        { name: 'invalid.illegal.escape.alloy', match: String.raw`\\(?:[0-7]{1,3}|x[0-9a-fA-F]{0,2}|u[0-9a-fA-F]{0,4}|U[0-9a-fA-F]{0,8}|.|$)` },
      ],
    },
    'string-raw': {
      name: 'string.quoted.raw.alloy',
      begin: '`',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.alloy' } },
      end: '`',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.alloy' } },
    },
    'string-single': {
      name: 'invalid.illegal.string.single-quoted.alloy',
      match: String.raw`'[^'\n]*'?`,
    },
    numbers: {
      patterns: [
        {
          name: 'invalid.illegal.numeric.exponent.alloy',
          match: String.raw`(?<!${IDENT_CHAR})(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE](?>[+-]?)(?![0-9])`,
        },
        {
          // `0x10`, `10s`, `1.5m`: the lexer ends the number at the letter, and the parser then rejects the name.
          name: 'invalid.illegal.numeric.suffix.alloy',
          match: String.raw`(?<!${IDENT_CHAR})(?>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)[\p{L}_][\p{L}\p{Nd}_]*`,
        },
        {
          name: 'constant.numeric.float.alloy',
          match: String.raw`(?<!${IDENT_CHAR})(?:[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)`,
        },
        { name: 'constant.numeric.integer.alloy', match: String.raw`(?<!${IDENT_CHAR})[0-9]+` },
      ],
    },
    'language-constants': {
      patterns: [
        { name: 'constant.language.boolean.alloy', match: String.raw`${NAME_START}(?:true|false)${NAME_END}` },
        { name: 'constant.language.null.alloy', match: String.raw`${NAME_START}null${NAME_END}` },
      ],
    },
    'function-calls': {
      patterns: [
        {
          name: 'meta.function-call.alloy',
          begin: String.raw`${NAME_START}(${STDLIB_NAMESPACES.join('|')})\s*(\.)\s*(${IDENT})\s*(\()`,
          beginCaptures: {
            1: { name: 'support.type.namespace.alloy' },
            2: { name: 'punctuation.accessor.alloy' },
            3: { name: 'support.function.builtin.alloy' },
            4: { name: 'punctuation.definition.arguments.begin.alloy' },
          },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.definition.arguments.end.alloy' } },
          patterns: [{ include: '#expression' }],
        },
        {
          name: 'meta.function-call.alloy',
          begin: String.raw`${NAME_START}(${STDLIB_GLOBALS.join('|')})\s*(\()`,
          beginCaptures: {
            1: { name: 'support.function.builtin.alloy' },
            2: { name: 'punctuation.definition.arguments.begin.alloy' },
          },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.definition.arguments.end.alloy' } },
          patterns: [{ include: '#expression' }],
        },
        {
          name: 'meta.function-call.alloy',
          begin: String.raw`${NAME_START}(${DEPRECATED_GLOBALS.join('|')})\s*(\()`,
          beginCaptures: {
            1: { name: 'support.function.builtin.deprecated.alloy' },
            2: { name: 'punctuation.definition.arguments.begin.alloy' },
          },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.definition.arguments.end.alloy' } },
          patterns: [{ include: '#expression' }],
        },
        {
          // Any other call: the last name segment is the function.
          name: 'meta.function-call.alloy',
          begin: String.raw`${NAME_START}(?:(${DOTTED})\s*(\.)\s*)?(${IDENT})\s*(\()`,
          beginCaptures: {
            1: { patterns: [{ include: '#references' }] },
            2: { name: 'punctuation.accessor.alloy' },
            3: { name: 'entity.name.function.alloy' },
            4: { name: 'punctuation.definition.arguments.begin.alloy' },
          },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.definition.arguments.end.alloy' } },
          patterns: [{ include: '#expression' }],
        },
      ],
    },
    'stdlib-constants': {
      match: String.raw`${NAME_START}(constants)\s*(\.)\s*(${CONSTANTS.join('|')})${NAME_END}`,
      captures: {
        1: { name: 'support.type.namespace.alloy' },
        2: { name: 'punctuation.accessor.alloy' },
        3: { name: 'support.constant.alloy' },
      },
    },
    references: {
      // `prometheus.exporter.unix.node.targets`: a name, then fields.
      match: String.raw`${NAME_START}(${IDENT})((?:\s*\.\s*${IDENT})*)`,
      captures: {
        1: { name: 'variable.other.readwrite.alloy' },
        2: { patterns: [{ include: '#member-access' }] },
      },
    },
    'member-access': {
      patterns: [
        {
          match: String.raw`(\.)\s*(${IDENT})`,
          captures: {
            1: { name: 'punctuation.accessor.alloy' },
            2: { name: 'variable.other.member.alloy' },
          },
        },
        { match: String.raw`\.`, name: 'punctuation.accessor.alloy' },
      ],
    },
    index: {
      // `targets[0]`, `f(x)[1]`, `a[0][1]`: a bracket right after a value indexes it.
      name: 'meta.index.alloy',
      begin: String.raw`(?<=[\p{L}\p{Nd}_)\]])\[`,
      beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.alloy' } },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.section.brackets.end.alloy' } },
      patterns: [{ include: '#expression' }],
    },
    array: {
      name: 'meta.array.alloy',
      begin: String.raw`\[`,
      beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.alloy' } },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.section.brackets.end.alloy' } },
      patterns: [{ include: '#expression' }],
    },
    object: {
      name: 'meta.object.alloy',
      begin: String.raw`\{`,
      beginCaptures: { 0: { name: 'punctuation.section.braces.begin.alloy' } },
      end: String.raw`\}`,
      endCaptures: { 0: { name: 'punctuation.section.braces.end.alloy' } },
      patterns: [{ include: '#comments' }, { include: '#object-key' }, { include: '#expression' }],
    },
    'object-key': {
      patterns: [
        {
          match: String.raw`${NAME_START}(${IDENT})\s*(=)(?!=)`,
          captures: {
            1: { name: 'meta.object-literal.key.alloy entity.other.attribute-name.alloy' },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
        {
          match: String.raw`(${DOUBLE_QUOTED})\s*(=)(?!=)`,
          captures: {
            1: { name: 'meta.object-literal.key.alloy', patterns: [{ include: '#string-double' }] },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
        {
          match: '(`[^`]*`)' + String.raw`\s*(=)(?!=)`,
          captures: {
            1: { name: 'meta.object-literal.key.alloy', patterns: [{ include: '#string-raw' }] },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
      ],
    },
    parens: {
      name: 'meta.parens.alloy',
      begin: String.raw`\(`,
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.alloy' } },
      end: String.raw`\)`,
      endCaptures: { 0: { name: 'punctuation.section.parens.end.alloy' } },
      patterns: [{ include: '#expression' }],
    },
    operators: {
      patterns: [
        { name: 'keyword.operator.logical.alloy', match: String.raw`\|\||&&|!(?!=)` },
        { name: 'invalid.illegal.operator.alloy', match: String.raw`[|&]` },
        { name: 'keyword.operator.comparison.alloy', match: String.raw`==|!=|<=|>=|<|>` },
        { name: 'keyword.operator.arithmetic.alloy', match: String.raw`[-+*/%^]` },
        { name: 'keyword.operator.assignment.alloy', match: '=' },
      ],
    },
    punctuation: {
      patterns: [{ name: 'punctuation.separator.comma.alloy', match: ',' }],
    },
    illegal: {
      patterns: [
        // Alloy has no `#` comments; the lexer rejects the character.
        { name: 'invalid.illegal.hash-comment.alloy', match: '#.*' },
        { name: 'invalid.illegal.character.alloy', match: String.raw`[;:?@$~\\]` },
        { name: 'invalid.illegal.stray-bracket.alloy', match: String.raw`[\]\)\}]` },
      ],
    },
  },
};

// Alloy inside YAML block scalars: an injection grammar for VS Code's YAML grammar (source.yaml).
// A literal block scalar (`|`, `|-`, `|+`, `|2`, after an anchor or a tag) under one of the keys
// alloy-lint extracts (`config.alloy`, `*.alloy`, `extraConfig`, `*ExtraConfig`, `content` under
// `configMap`), or after a `# language=alloy` comment, is tokenized with source.alloy.
// Every rule that holds Alloy is a begin/while rule whose `while` passes only on blank lines and
// lines indented deeper than the key: Alloy's own begin/end rules (an unclosed `{` or string)
// are popped with it when the scalar ends, so they never reach the YAML after it.
// The whiles are zero-width and anchored only by a look-behind on the line's leading spaces: the
// YAML grammar's whiles, checked first, may already have consumed part of the indentation.
const EMBEDDED_SCOPE = 'meta.embedded.block.alloy';
const HOST_SELECTOR_EXCLUSIONS = `-comment -string -${EMBEDDED_SCOPE}`;
/** `\1` is the indentation captured by `begin` (spaces); `extra` spaces more are required (the `- ` of a sequence item). */
const deeperThanCapturedIndentation = (extra = 0) => String.raw`(?<=^ *)(?= *+$| *+(?<=^\1 {${extra + 1},}))`;
const PLAIN_KEY_CHAR = String.raw`[^\s#:'"{}\[\],]`;
const ALLOY_KEY = String.raw`(?:${PLAIN_KEY_CHAR}[^\s:]*)?\.alloy|extraConfig|[\w.-]*ExtraConfig`;
const quotedKeys = (key) => String.raw`(?:"(?:${key})"|'(?:${key})'|(?:${key}))`;
// After the key: `: ` then anchors/tags, `|`, the chomping and indentation indicators, a comment.
const BLOCK_SCALAR_HEADER = String.raw`[ \t]*(:)[ \t]+((?:[!&][^\s]*[ \t]+)*)(\|)([1-9][-+]?|[-+][1-9]?)?[ \t]*(#.*)?$`;

const blockScalarBody = (whileExtra) => ({
  while: deeperThanCapturedIndentation(whileExtra),
  contentName: `${EMBEDDED_SCOPE} source.alloy`,
  patterns: [{ include: 'source.alloy' }],
});

const headerCaptures = (first) => ({
  [first]: { name: 'meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml' },
  [first + 1]: { name: 'punctuation.separator.map.value.yaml' },
  [first + 2]: { patterns: [{ match: String.raw`![^\s]*`, name: 'storage.type.tag.yaml' }, { match: String.raw`&[^\s]*`, name: 'keyword.control.flow.anchor.yaml' }] },
  [first + 3]: { name: 'keyword.control.flow.block-scalar.literal.yaml' },
  [first + 4]: { name: 'storage.modifier.chomping-indicator.yaml' },
  [first + 5]: { name: 'comment.line.number-sign.yaml' },
});

const keyedBlockScalar = (key) => ({
  begin: String.raw`(?<=^( *))(${quotedKeys(key)})${BLOCK_SCALAR_HEADER}`,
  beginCaptures: headerCaptures(2),
  ...blockScalarBody(0),
});

const itemKeyedBlockScalar = (key) => ({
  // `- config.alloy: |`: the mapping, and so the key's indentation, starts after the `- `.
  begin: String.raw`(?<=^( *)- )(${quotedKeys(key)})${BLOCK_SCALAR_HEADER}`,
  beginCaptures: headerCaptures(2),
  ...blockScalarBody(2),
});

const injectionGrammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Alloy in YAML',
  scopeName: 'alloy.injection.yaml',
  // Inside meta.stream.yaml: at the very start of a file the injection must not win over the YAML
  // grammar's own first rule (`\A`), which the rest of the file depends on.
  injectionSelector: `L:source.yaml meta.stream.yaml ${HOST_SELECTOR_EXCLUSIONS}`,
  patterns: [{ include: '#marked-block-scalar' }, { include: '#config-map' }, { include: '#keyed-block-scalar' }, { include: '#item-keyed-block-scalar' }],
  repository: {
    'keyed-block-scalar': keyedBlockScalar(ALLOY_KEY),
    'item-keyed-block-scalar': itemKeyedBlockScalar(ALLOY_KEY),
    // `configMap:` of the grafana/alloy chart: its `content` key holds the configuration. The mapping
    // below `configMap` stays YAML; the companion grammar (alloy.injection.yaml.config-map) is injected
    // into this rule's scope only and finds `content`.
    'config-map': {
      begin: String.raw`(?<=^( *))(configMap)[ \t]*(:)(?=[ \t]*(?:#.*)?$)`,
      beginCaptures: {
        2: { name: 'meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml' },
        3: { name: 'punctuation.separator.map.value.yaml' },
      },
      while: deeperThanCapturedIndentation(0),
      name: 'meta.alloy-config-map.yaml',
      patterns: [{ include: 'source.yaml.1.2#block-node' }],
    },
    // `# language=alloy` (or `language: alloy`) on the line before a `key: |` or a `- |`.
    // Limitations (TextMate keeps no state but the rule stack): a block scalar header at the
    // comment's indentation right after the marked scalar is taken as Alloy too; and after a plain
    // scalar value (`key: value` on the line before), VS Code's YAML grammar continues that value
    // over the comment, so the comment marks nothing there.
    'marked-block-scalar': {
      begin: String.raw`(?<=^( *))(#)[ \t]*(language)[ \t]*[=:][ \t]*(alloy)[ \t]*$`,
      beginCaptures: {
        0: { name: 'comment.line.number-sign.yaml' },
        2: { name: 'punctuation.definition.comment.yaml' },
      },
      // The header line, then the scalar's content.
      while: String.raw`(?<=^ *)(?= *+$| *+(?<=^\1 +)|(?<=^\1)(?:- +\||[^\s#][^:]*:[ \t]+(?:[!&][^\s]*[ \t]+)*\|))`,
      patterns: [
        {
          begin: String.raw`(?<=^( *))(-)[ \t]+((?:[!&][^\s]*[ \t]+)*)(\|)([1-9][-+]?|[-+][1-9]?)?[ \t]*(#.*)?$`,
          beginCaptures: {
            2: { name: 'punctuation.definition.block.sequence.item.yaml' },
            3: headerCaptures(2)[4],
            4: { name: 'keyword.control.flow.block-scalar.literal.yaml' },
            5: { name: 'storage.modifier.chomping-indicator.yaml' },
            6: { name: 'comment.line.number-sign.yaml' },
          },
          ...blockScalarBody(0),
        },
        keyedBlockScalar(String.raw`[^\s#:'"][^:]*?|"[^"]*"|'[^']*'`),
      ],
    },
  },
};

const configMapInjectionGrammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Alloy in the configMap of the grafana/alloy Helm chart',
  scopeName: 'alloy.injection.yaml.config-map',
  injectionSelector: `L:meta.alloy-config-map.yaml ${HOST_SELECTOR_EXCLUSIONS}`,
  patterns: [{ include: '#content' }],
  repository: { content: keyedBlockScalar('content') },
};

const directory = dirname(fileURLToPath(import.meta.url));
const outputs = [
  ['alloy.tmLanguage.json', grammar],
  ['alloy-yaml-injection.tmLanguage.json', injectionGrammar],
  ['alloy-yaml-config-map-injection.tmLanguage.json', configMapInjectionGrammar],
];
for (const [name, content] of outputs) {
  const outputPath = join(directory, name);
  const json = `${JSON.stringify(content, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current;
    try {
      current = readFileSync(outputPath, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== json) {
      console.error(`grammars/${name} is stale: run node grammars/build-grammar.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(outputPath, json);
    console.log(`wrote ${outputPath}`);
  }
}
