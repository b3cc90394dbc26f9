package ingest

// LooksLikeOrganization is exported for tests.
var LooksLikeOrganization = looksLikeOrganization
