package carrier_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/carrier"
)

var (
	_ carrier.Getter  = carrier.Env(nil)
	_ carrier.Deleter = (*carrier.Env)(nil)
	_ carrier.Getter  = carrier.EnvLookup(nil)
)

func TestEnvName(t *testing.T) {
	for in, want := range map[string]string{
		"traceparent":      "TRACEPARENT",
		"x-amzn-trace-id":  "X_AMZN_TRACE_ID",
		"_X_AMZN_TRACE_ID": "_X_AMZN_TRACE_ID",
		"uberctx-User.Id":  "UBERCTX_USER_ID",
		"ot-baggage-k":     "OT_BAGGAGE_K",
		"a b\x00é":         "A_B___",
		"":                 "",
	} {
		if got := carrier.EnvName(in); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = carrier.EnvName("TRACEPARENT") }); n != 0 {
		t.Errorf("EnvName of a variable name allocates %v times", n)
	}
}

func TestEnvGet(t *testing.T) {
	e := carrier.Env{
		"PATH=/bin",
		"TRACEPARENT=first",
		"traceparent=lowercase is another variable",
		"X_AMZN_TRACE_ID=Root=1-x",
		"NOEQUALS",
		"TRACEPARENT=last",
		"BAGGAGE=",
		"3ABC=digit first",
		"TRACESTATE=a=1=2",
	}
	for key, want := range map[string]string{
		"traceparent":     "last", // the last entry wins, as for exec.Cmd
		"TRACEPARENT":     "last",
		"TraceParent":     "last",
		"x-amzn-trace-id": "Root=1-x",
		"baggage":         "",
		"tracestate":      "a=1=2",
		"NOEQUALS":        "",
		"3abc":            "", // not a valid variable name
		"":                "",
		"path":            "/bin",
		"pat":             "",
	} {
		if got := e.Get(key); got != want {
			t.Errorf("Get(%q) = %q, want %q", key, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = e.Get("x-amzn-trace-id") }); n != 0 {
		t.Errorf("Get allocates %v times, want 0", n)
	}
	keys := e.Keys()
	slices.Sort(keys)
	want := []string{"3ABC", "BAGGAGE", "PATH", "TRACEPARENT", "TRACEPARENT", "TRACESTATE", "X_AMZN_TRACE_ID", "traceparent"}
	if d := cmp.Diff(want, keys); d != "" {
		t.Errorf("Keys (-want +got):\n%s", d)
	}
}

func TestEnvSetDelete(t *testing.T) {
	orig := []string{"PATH=/bin", "TRACEPARENT=old", "B=2", "TRACEPARENT=older"}
	saved := slices.Clone(orig)
	e := carrier.Env(orig)
	e.Set("traceparent", "new")
	if d := cmp.Diff(carrier.Env{"PATH=/bin", "B=2", "TRACEPARENT=new"}, e); d != "" {
		t.Errorf("Set (-want +got):\n%s", d)
	}
	e.Set("x-amzn-trace-id", "Root=1-x")
	e.Set("3abc", "ignored")
	e.Delete("b")
	e.Delete("")
	if d := cmp.Diff(carrier.Env{"PATH=/bin", "TRACEPARENT=new", "X_AMZN_TRACE_ID=Root=1-x"}, e); d != "" {
		t.Errorf("Set and Delete (-want +got):\n%s", d)
	}
	if d := cmp.Diff(saved, orig); d != "" {
		t.Errorf("the caller's slice changed (-want +got):\n%s", d)
	}
	var empty carrier.Env
	empty.Set("baggage", "k=v")
	if d := cmp.Diff(carrier.Env{"BAGGAGE=k=v"}, empty); d != "" {
		t.Errorf("Set on nil (-want +got):\n%s", d)
	}
}

func TestEnvLookup(t *testing.T) {
	vars := map[string]string{"TRACEPARENT": "tp", "_X_AMZN_TRACE_ID": "Root=1-x"}
	var asked []string
	f := carrier.EnvLookup(func(name string) (string, bool) {
		asked = append(asked, name)
		v, ok := vars[name]
		return v, ok
	})
	for key, want := range map[string]string{"traceparent": "tp", "_X_AMZN_TRACE_ID": "Root=1-x", "baggage": "", "3x": ""} {
		if got := f.Get(key); got != want {
			t.Errorf("Get(%q) = %q, want %q", key, got, want)
		}
	}
	slices.Sort(asked)
	if d := cmp.Diff([]string{"BAGGAGE", "TRACEPARENT", "_X_AMZN_TRACE_ID"}, asked); d != "" {
		t.Errorf("looked up (-want +got):\n%s", d)
	}
	if f.Keys() != nil {
		t.Error("Keys is not nil")
	}
	g := carrier.EnvLookup(func(string) (string, bool) { return "", false })
	if n := testing.AllocsPerRun(100, func() { _ = g.Get("_X_AMZN_TRACE_ID") }); n != 0 {
		t.Errorf("Get of a variable name allocates %v times, want 0", n)
	}
}

func ExampleEnv() {
	// A parent process hands its trace context to a child: copy the
	// environment, inject, and start the child with it. The copy from
	// os.Environ() is never written to; Set builds a new slice.
	env := carrier.Env{"HOME=/home/me", "TRACEPARENT=stale"}
	env.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	fmt.Println(env)

	// The child reads it back with the header's name.
	fmt.Println(env.Get("traceparent"))
	// Output:
	// [HOME=/home/me TRACEPARENT=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01]
	// 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
}

func ExampleEnvLookup() {
	// In a program, carrier.EnvLookup(os.LookupEnv) reads the live
	// environment at each call; here a stand-in.
	lookup := carrier.EnvLookup(func(name string) (string, bool) {
		if name == "_X_AMZN_TRACE_ID" {
			return "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", true
		}
		return "", false
	})
	fmt.Println(lookup.Get("_X_AMZN_TRACE_ID"))
	// Output: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1
}

func ExampleEnvName() {
	fmt.Println(carrier.EnvName("traceparent"), carrier.EnvName("x-amzn-trace-id"), carrier.EnvName("ot-baggage-user.id"))
	// Output: TRACEPARENT X_AMZN_TRACE_ID OT_BAGGAGE_USER_ID
}
