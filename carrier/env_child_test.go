package carrier_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/propagator"
)

// childEnvVar switches this test binary into the child's role.
const childEnvVar = "TRACEWIRE_TEST_ENV_CHILD"

// TestEnvChild is the child process of TestEnvCarrierChildProcess. Run
// normally it does nothing. Run with childEnvVar set, it extracts the
// trace context from its own environment, as a program started by a
// traced parent does (SPEC.md §9.10), starts a child span, prints what
// it found and exits before the testing package can print anything else.
func TestEnvChild(t *testing.T) {
	if os.Getenv(childEnvVar) != "1" {
		return
	}
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	ctx := p.Extract(context.Background(), carrier.EnvLookup(os.LookupEnv))
	ctx, span := tracewire.ContextWithChild(ctx)
	user, _ := baggage.FromContext(ctx).Get("user")
	fmt.Printf("trace=%s\nparent=%s\nsampled=%t\ntracestate=%s\nbaggage=%s\nuser=%s\n",
		span.TraceID(), span.ParentSpanID(), span.IsSampled(), span.TraceState(),
		baggage.FromContext(ctx), user.Value())
	os.Exit(0)
}

// TestEnvCarrierChildProcess runs this test binary again as a child
// process whose environment the parent filled through carrier.Env, and
// checks what the child extracted.
func TestEnvCarrierChildProcess(t *testing.T) {
	if os.Getenv(childEnvVar) == "1" {
		t.Skip("in the child")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("no executable to re-run: %v", err)
	}
	tid, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	ts, _ := tracewire.ParseTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
	sc := tracewire.NewSpanContext(tid, sid, tracewire.FlagSampled).WithTraceState(ts)
	bag, _ := baggage.Parse("user=alice%20smith,tenant=7;p=1")

	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{
			name: "trace context and baggage",
			ctx:  baggage.ContextWith(tracewire.ContextWithSpanContext(context.Background(), sc), bag),
			want: "trace=4bf92f3577b34da6a3ce929d0e0e4736\nparent=00f067aa0ba902b7\nsampled=true\n" +
				"tracestate=rojo=00f067aa0ba902b7,congo=t61rcWkgMzE\nbaggage=user=alice%20smith,tenant=7;p=1\nuser=alice smith\n",
		},
		{
			// The template environment's stale values are removed, not
			// passed on beside the new context.
			name: "no tracestate, no baggage",
			ctx:  tracewire.ContextWithSpanContext(context.Background(), tracewire.NewSpanContext(tid, sid, 0)),
			want: "trace=4bf92f3577b34da6a3ce929d0e0e4736\nparent=00f067aa0ba902b7\nsampled=false\n" +
				"tracestate=\nbaggage=\nuser=\n",
		},
	}
	p := propagator.Compose(propagator.TraceContext(), propagator.Baggage())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run=^TestEnvChild$", "-test.count=1")
			// A template that already holds stale trace variables, as the
			// environment of a process started by a traced parent does.
			// GORACE: a race-enabled child would otherwise sleep a
			// second at exit.
			template := append(os.Environ(), childEnvVar+"=1",
				"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"),
				"TRACEPARENT=00-11111111111111111111111111111111-2222222222222222-01",
				"TRACESTATE=stale=1", "BAGGAGE=stale=1")
			saved := strings.Join(template, "\n")
			env := carrier.Env(template)
			p.Inject(tt.ctx, &env)
			cmd.Env = env
			if strings.Join(template, "\n") != saved {
				t.Error("Inject wrote into the template environment")
			}

			out, err := cmd.Output()
			if err != nil {
				msg := ""
				if ee, ok := err.(*exec.ExitError); ok {
					msg = string(ee.Stderr)
				}
				t.Fatalf("child: %v\n%s%s", err, out, msg)
			}
			if d := cmp.Diff(tt.want, string(out)); d != "" {
				t.Errorf("the child extracted (-want +got):\n%s", d)
			}
		})
	}
}
