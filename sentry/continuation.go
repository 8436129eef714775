package sentry

import "github.com/tracewire/tracewire/baggage"

// orgIDKey is the baggage member in which Sentry SDKs send the
// organization that started the trace.
const orgIDKey = "sentry-org_id"

// ContinueTrace reports whether a service of the Sentry organization
// orgID ("" if it does not know its own) may continue a trace that
// arrived with the baggage in, by Sentry's rule for refusing traces from
// other organizations:
//
//   - both sides name an organization: continue only if they are the
//     same;
//   - neither does: continue;
//   - only one does: continue unless strict (Sentry's
//     strictTraceContinuation option).
//
// When it reports false, Sentry SDKs start a new trace and drop the
// incoming baggage; with this module, restart rather than continue (for
// example with a Middleware policy that asks this function). The org id is
// the value of the last sentry-org_id member, compared as a string.
func ContinueTrace(in baggage.Baggage, orgID string, strict bool) bool {
	var incoming string
	if m, ok := in.Get(orgIDKey); ok {
		incoming = m.Value()
	}
	switch {
	case incoming != "" && orgID != "":
		return incoming == orgID
	case incoming == "" && orgID == "":
		return true
	}
	return !strict
}
