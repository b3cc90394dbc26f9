// Starts GraphiQL against this server's /graphql, with an example query.
// Kept out of index.html so that the page's Content-Security-Policy can
// forbid inline scripts.
(function () {
  var example = [
    '# crimegraph: every recommendation on trafficking in persons,',
    '# with the paragraph it comes from. Press the run button (Ctrl-Enter).',
    '{',
    '  recommendations(filter: {crimeType: "trafficking in persons"}, first: 10) {',
    '    totalCount',
    '    nodes {',
    '      citation',
    '      text',
    '      crimeTypes { nodes { label iccsCode } }',
    '      paragraph { citation }',
    '    }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    ''
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: example,
    defaultEditorToolsVisibility: false,
    isHeadersEditorEnabled: false
  }));
})();
