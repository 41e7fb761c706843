// Package httpmw is gitauthd's HTTP middleware, one concern per file, as
// Coder's coderd/httpmw. internal/server composes them in this order, which
// is the order a request meets them:
//
//	BuildVersion    X-Coder-Build-Version on every answer (before routing)
//	RequestID       X-Request-ID
//	Metrics         requests counted and timed by route template
//	AccessLog       one line a request, its level set by the status
//	Recover         a panic becomes a 500, the server goes on
//	SecureHeaders   the headers every answer carries; JSONCharset
//	RequestContext  deadline, client address, audit fields, and the caller,
//	                from the key the operation's security names (one copy
//	                of the request)
//	BodyLimit       413 for bodies over the limit
//	RateLimit       per key, else per client address
//	RequireAuth     the 401 RequestContext's authentication found
//	Validate        the request against the contract (kin-openapi)
//
// Contract is the spec's operations prepared once at start-up:
// RequestContext, RateLimit and Validate look up the
// request's operation in it by Echo's matched route.
package httpmw
