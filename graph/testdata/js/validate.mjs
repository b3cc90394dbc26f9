// Validates crimegraph's GraphQL contract with graphql-js, the reference
// implementation, independently of gqlgen:
//
//   1. the SDL in schema/*.graphqls builds into a valid schema;
//   2. every example query in graph/testdata/queries validates against it
//      (these are the queries docs/graphql.md shows);
//   3. given the server's introspection result (a JSON file, argument 1),
//      the schema the server serves is the SDL: same types, fields,
//      arguments, defaults and descriptions.
//
// Usage: node validate.mjs [introspection.json]
// Exit status: 0 when all holds, 1 otherwise. Run by graph/graphqljs_test.go.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema, buildClientSchema, validateSchema, parse, validate,
  printSchema, lexicographicSortSchema, version, GraphQLSchema,
} from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, '..', '..', '..', 'schema');
const queryDir = join(here, '..', 'queries');
let failures = 0;
const fail = (what, msg) => { failures++; console.error(`FAIL ${what}: ${msg}`); };

const sdlFiles = readdirSync(schemaDir).filter((f) => f.endsWith('.graphqls')).sort();
const sdl = sdlFiles.map((f) => readFileSync(join(schemaDir, f), 'utf8')).join('\n');
let schema;
try {
  schema = buildSchema(sdl);
} catch (e) {
  fail('schema', e.message);
  process.exit(1);
}
for (const e of validateSchema(schema)) fail('schema', e.message);
console.log(`graphql-js ${version}: schema from ${sdlFiles.length} files, ${Object.keys(schema.getTypeMap()).length} types`);

// The contract's names, checked by name so a rename cannot slip through.
const mustHave = {
  Query: ['node', 'entity', 'recommendations', 'search', 'neighbourhood', 'paths', 'cooccurrence', 'documents', 'stats'],
  Entity: ['id', 'kind', 'label', 'aliases', 'mentions'],
  State: ['iso3'], CrimeType: ['iccsCode'], Document: ['symbol', 'title'],
  Recommendation: ['ref', 'text', 'document', 'section', 'crimeTypes', 'instruments', 'themes', 'actors', 'evidence'],
  RecommendationFilter: ['document', 'section', 'crimeType', 'instrument', 'theme', 'actor', 'text'],
  SearchHit: ['entity', 'score', 'snippets'],
  Evidence: ['document', 'ref', 'citation', 'quote'],
  Quote: ['before', 'match', 'after'],
  PageInfo: ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'],
};
for (const [type, fields] of Object.entries(mustHave)) {
  const t = schema.getType(type);
  if (!t) { fail('contract', `no type ${type}`); continue; }
  const have = t.getFields();
  for (const f of fields) if (!have[f]) fail('contract', `${type}.${f} is missing`);
}
for (const kind of ['State', 'Organization', 'CrimeType', 'Instrument', 'Recommendation', 'Document',
  'Section', 'Paragraph', 'Theme', 'Person', 'Meeting']) {
  const t = schema.getType(kind);
  const ifaces = t ? t.getInterfaces().map((i) => i.name) : [];
  if (!ifaces.includes('Entity') || !ifaces.includes('Node')) fail('contract', `${kind} does not implement Node and Entity`);
}
// Every list of graph objects is a connection with first/after.
for (const t of Object.values(schema.getTypeMap())) {
  if (t.name.startsWith('__') || !t.getFields || !t.name.endsWith('Connection')) continue;
  const f = t.getFields();
  for (const name of ['edges', 'nodes', 'pageInfo', 'totalCount']) {
    if (!f[name]) fail('connections', `${t.name}.${name} is missing`);
  }
}
for (const t of Object.values(schema.getTypeMap())) {
  if (t.name.startsWith('__') || !t.getFields || t.constructor.name === 'GraphQLInputObjectType') continue;
  for (const f of Object.values(t.getFields())) {
    const named = String(f.type).replace(/[\[\]!]/g, '');
    if (named.endsWith('Connection')) {
      const args = f.args.map((a) => a.name);
      if (!args.includes('first') || !args.includes('after')) fail('connections', `${t.name}.${f.name} lacks first/after`);
    }
  }
}

const queries = readdirSync(queryDir).filter((f) => f.endsWith('.graphql')).sort();
for (const f of queries) {
  let doc;
  try {
    doc = parse(readFileSync(join(queryDir, f), 'utf8'));
  } catch (e) {
    fail(f, e.message);
    continue;
  }
  for (const e of validate(schema, doc)) fail(f, e.message);
}
console.log(`${queries.length} example queries validated`);

if (process.argv[2]) {
  const result = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  if (result.errors) fail('introspection', JSON.stringify(result.errors));
  const served = buildClientSchema(result.data ?? result);
  // Types, fields, arguments, defaults and descriptions are compared;
  // directives are not (gqlgen serves its own, such as @defer).
  const print = (s) => printSchema(lexicographicSortSchema(new GraphQLSchema({ ...s.toConfig(), directives: [] })));
  const want = print(schema);
  const got = print(served);
  if (want !== got) {
    const w = want.split('\n');
    const g = got.split('\n');
    const i = w.findIndex((line, k) => line !== g[k]);
    fail('introspection', `the served schema differs from the SDL at line ${i + 1}:\n  SDL:    ${w[i]}\n  served: ${g[i]}`);
  } else {
    console.log('the served schema is the SDL');
  }
}

if (failures > 0) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
console.log('ok');
