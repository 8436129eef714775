package baggage

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

// TestHasMore: the probe is true exactly when some baggage line is not
// empty, on a carrier of value slices and on a plain Getter.
func TestHasMore(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  bool
	}{
		{"absent", nil, false},
		{"one empty line", []string{""}, false},
		{"empty then a member", []string{"", "k=v"}, true},
		{"a member", []string{"k=v"}, true},
		{"invalid but not empty", []string{"=;"}, true},
	}
	var p Propagator
	for _, tt := range tests {
		h := carrier.HTTPHeader{"Other": {"x"}}
		m := carrier.Map{"other": "x"}
		if tt.lines != nil {
			h["Baggage"] = tt.lines
			m["baggage"] = tt.lines[len(tt.lines)-1]
		}
		if got := p.HasMore(h); got != tt.want {
			t.Errorf("%s: HasMore(HTTPHeader) = %v, want %v", tt.name, got, tt.want)
		}
		// A Map holds one line: the last of the case's.
		wantMap := tt.lines != nil && tt.lines[len(tt.lines)-1] != ""
		if got := p.HasMore(m); got != wantMap {
			t.Errorf("%s: HasMore(Map) = %v, want %v", tt.name, got, wantMap)
		}
	}
}
