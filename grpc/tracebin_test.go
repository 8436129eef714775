package twgrpc_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	twgrpc "github.com/tracewire/tracewire/grpc"
	"github.com/tracewire/tracewire/grpctrace"
	"github.com/tracewire/tracewire/propagator"
	"github.com/tracewire/tracewire/traceparent"
	"google.golang.org/grpc/metadata"
)

// grpc-trace-bin over a real connection: what the server's metadata holds
// (gRPC decodes -bin values, so the raw 29 bytes, whatever form the
// client's propagator was given) and what the server makes of it. A
// client without tracewire sets the raw bytes itself, as grpc-go's
// deprecated stats.SetTrace does.
func TestTraceBin(t *testing.T) {
	nothing := twgrpc.Client{Propagator: propagator.Composite{}}
	tests := []struct {
		name    string
		client  twgrpc.Client
		server  twgrpc.Server
		foreign func(raw []byte) string // what a client without tracewire sends, if any
		wantBin bool                    // the server's metadata holds the raw bytes
		wantTP  bool                    // and a traceparent
		want    hopView
	}{
		{"binary propagator", twgrpc.Client{Propagator: grpctrace.Propagator{Binary: true}}, twgrpc.Server{Propagator: grpctrace.Propagator{}}, nil,
			true, false, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}},
		{"a text propagator is switched to binary", twgrpc.Client{Propagator: grpctrace.Propagator{}}, twgrpc.Server{TraceBin: true}, nil,
			true, false, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}},
		{"so is one in a composite, by pointer", twgrpc.Client{Propagator: propagator.Compose(propagator.TraceContext(), &grpctrace.Propagator{})}, twgrpc.Server{Propagator: grpctrace.Propagator{}}, nil,
			true, true, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}},
		{"TraceBin beside the default", twgrpc.Client{TraceBin: true}, twgrpc.Server{TraceBin: true}, nil,
			true, true, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Baggage: "user=alice", Remote: true}},
		{"a foreign client's raw bytes", nothing, twgrpc.Server{TraceBin: true}, func(raw []byte) string { return string(raw) },
			true, false, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}},
		{"a foreign client's text, encoded twice, is read too", nothing, twgrpc.Server{TraceBin: true}, grpctraceText,
			false, false, hopView{Policy: "continue", Parent: "client", Child: "client", Trace: "client", Remote: true}},
		{"a server without TraceBin ignores it", nothing, twgrpc.Server{}, func(raw []byte) string { return string(raw) },
			true, false, hopView{Policy: "continue", Trace: "A"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hops, first := chain(t, service{"A", tc.server, tc.client})
			ctx, root := callerContext(t)
			raw := grpctrace.AppendBinary(nil, root)
			if tc.foreign != nil {
				ctx = metadata.AppendToOutgoingContext(ctx, "grpc-trace-bin", tc.foreign(raw))
			}
			if err := calls[0].do(ctx, first); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]hopView{tc.want}, views(t, root, hops)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			md := hops[0].last(t).md
			if got := md["grpc-trace-bin"]; tc.wantBin && !cmp.Equal(got, []string{string(raw)}) {
				t.Errorf("grpc-trace-bin at the server: %q, want the raw bytes %q", got, raw)
			}
			wantTP := []string(nil)
			if tc.wantTP {
				wantTP = []string{traceparent.Format(root)}
			}
			if diff := cmp.Diff(wantTP, md["traceparent"]); diff != "" {
				t.Errorf("traceparent at the server (-want +got):\n%s", diff)
			}
		})
	}
}

// grpctraceText returns the base64 text form of the raw context.
func grpctraceText(raw []byte) string {
	sc, err := grpctrace.ParseBinary(raw)
	if err != nil {
		panic(err)
	}
	return grpctrace.Format(sc)
}

// The client handler injects into a copy of the call's outgoing metadata:
// the application's own keys go out, stale trace fields are replaced (not
// sent twice), and the metadata the caller attached is left as it was.
func TestOutgoingMetadata(t *testing.T) {
	hops, first := chain(t, service{"A", twgrpc.Server{}, twgrpc.Client{}})
	ctx, root := callerContext(t)
	mine := metadata.MD{"traceparent": {"stale"}, "tracestate": {"old=1"}, "x-user": {"7"}}
	keep := mine.Copy()
	ctx = metadata.NewOutgoingContext(ctx, mine)
	ctx = metadata.AppendToOutgoingContext(ctx, "x-more", "1")
	if err := calls[0].do(ctx, first); err != nil {
		t.Fatal(err)
	}
	md := hops[0].last(t).md
	got := metadata.MD{}
	for _, k := range []string{"traceparent", "tracestate", "baggage", "x-user", "x-more"} {
		if v, ok := md[k]; ok {
			got[k] = v
		}
	}
	want := metadata.MD{"traceparent": {traceparent.Format(root)}, "baggage": {"user=alice"}, "x-user": {"7"}, "x-more": {"1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("at the server (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(keep, mine); diff != "" {
		t.Errorf("the caller's metadata changed (-before +after):\n%s", diff)
	}
}

// A call without a trace context and without metadata of its own goes
// out as it came: nothing to inject, no metadata attached.
func TestClientNothingToSend(t *testing.T) {
	h := twgrpc.Client{}.Handler()
	ctx := context.Background()
	if got := h.TagRPC(ctx, nil); got != ctx {
		t.Errorf("TagRPC returned a new context %v", got)
	}
}
