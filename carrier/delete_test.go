package carrier_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

func isX(name string) bool { return len(name) > 2 && strings.EqualFold(name[:2], "x-") }

// listed is a carrier of another module: a Getter and Deleter that counts
// how often it is listed and deleted from.
type listed struct {
	m             map[string]string
	keys, deletes int
}

func (l *listed) Get(k string) string { return l.m[k] }
func (l *listed) Set(k, v string)     { l.m[k] = v }
func (l *listed) Delete(k string)     { l.deletes++; delete(l.m, k) }
func (l *listed) Keys() []string {
	l.keys++
	var ks []string
	for k := range l.m {
		ks = append(ks, k)
	}
	return ks
}

// setOnly can neither list nor delete.
type setOnly map[string]string

func (s setOnly) Set(k, v string) { s[k] = v }

func TestDeleteFunc(t *testing.T) {
	h := carrier.HTTPHeader{"X-A": {"1"}, "X-B": {"2"}, "Accept": {"*/*"}}
	carrier.DeleteFunc(h, isX)
	if diff := cmp.Diff(carrier.HTTPHeader{"Accept": {"*/*"}}, h); diff != "" {
		t.Errorf("HTTPHeader (-want +got):\n%s", diff)
	}
	m := carrier.Map{"x-a": "1", "X-A": "2", "other": "3"}
	carrier.DeleteFunc(m, isX)
	if diff := cmp.Diff(carrier.Map{"other": "3"}, m); diff != "" {
		t.Errorf("Map (-want +got):\n%s", diff)
	}
	md := carrier.Metadata{"x-a": {"1"}, "grpc-timeout": {"1S"}}
	carrier.DeleteFunc(md, isX)
	if diff := cmp.Diff(carrier.Metadata{"grpc-timeout": {"1S"}}, md); diff != "" {
		t.Errorf("Metadata (-want +got):\n%s", diff)
	}

	// Any other carrier is listed once and each match deleted once.
	l := &listed{m: map[string]string{"other": "y"}}
	for i := range 1000 {
		l.m[fmt.Sprintf("x-%d", i)] = "v"
	}
	carrier.DeleteFunc(l, isX)
	if l.keys != 1 || l.deletes != 1000 || len(l.m) != 1 {
		t.Errorf("listed %d times, %d deletes, %d left; want 1, 1000, 1", l.keys, l.deletes, len(l.m))
	}

	s := setOnly{"x-a": "1"}
	carrier.DeleteFunc(s, isX)
	if len(s) != 1 {
		t.Error("DeleteFunc changed a carrier that cannot delete")
	}
}

// A propagator clears headers whose names vary from a reused carrier.
func ExampleDeleteFunc() {
	h := carrier.HTTPHeader{"Uberctx-User": {"bob"}, "Uberctx-Tenant": {"acme"}, "Accept": {"*/*"}}
	carrier.DeleteFunc(h, func(name string) bool { return strings.HasPrefix(strings.ToLower(name), "uberctx-") })
	fmt.Println(h)
	// Output: map[Accept:[*/*]]
}
