package carrier_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

// readCase is what Get and Values must return for one key.
type readCase struct {
	key    string
	get    string
	values []string
}

// checkReads checks Get and Values of c against every case.
func checkReads(t *testing.T, name string, c carrier.ValuesGetter, cases []readCase) {
	t.Helper()
	for _, tt := range cases {
		if got := c.Get(tt.key); got != tt.get {
			t.Errorf("%s: Get(%q) = %q, want %q", name, tt.key, got, tt.get)
		}
		if d := cmp.Diff(tt.values, c.Values(tt.key)); d != "" {
			t.Errorf("%s: Values(%q) (-want +got):\n%s", name, tt.key, d)
		}
	}
}
