package twgrpc

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/stats"
)

// TestMetadataOf: a server whose propagator reads the call's header names
// (Jaeger's uberctx-*) reads a copy of the metadata as carrier.Metadata,
// and decides and stores what it does reading the metadata one key at a
// time; one whose propagator does not keeps reading a key at a time.
func TestMetadataOf(t *testing.T) {
	const (
		tp    = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
		trace = "80f198ee56343ba864fe8b2a57d3eff7"
		span  = "e457b5a2e4d86bd1"
	)
	jaegerComposite, err := propagator.New("tracecontext", "baggage", "b3", "jaeger")
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Parent, Baggage, Debug string
		Links                  int
	}
	summarize := func(ctx context.Context) got {
		d, _ := propagator.DecisionFromContext(ctx)
		return got{d.Parent.String(), baggage.Format(baggage.FromContext(ctx)), jaeger.DebugIDFromContext(ctx), len(d.Links)}
	}
	info := &stats.RPCTagInfo{FullMethodName: "/svc/Method"}
	for _, md := range []metadata.MD{
		{"traceparent": {tp}, "content-type": {"application/grpc"}},
		{"traceparent": {tp}, "uberctx-user": {"alice"}, "baggage": {"tier=gold"}, "jaeger-debug-id": {"dbg"}},
		{"b3": {trace + "-" + span + "-1"}, "uber-trace-id": {trace + ":" + span + ":0:1"}, "uberctx-a": {"1"}},
		{"traceparent": {tp}, "b3": {trace + "-" + span + "-1"}, "user-agent": {"grpc-go"}},
		{"Uberctx-User": {"bob"}, "Traceparent": {tp}}, // built by hand in another case
		{"x-b3-traceid": {trace}, "x-b3-spanid": {span}, "x-b3-flags": {"1"}},
	} {
		ctx := metadata.NewIncomingContext(context.Background(), md)
		for _, s := range []Server{{Propagator: jaegerComposite}, {}} {
			h := s.Handler().(*serverHandler)
			if h.walks != (s.Propagator != nil) {
				t.Fatalf("propagator %v: walks %v", s.Propagator, h.walks)
			}
			if _, keyByKey := h.metadataOf(ctx).(incoming); keyByKey == h.walks {
				t.Errorf("walks %v: metadataOf gave %T", h.walks, h.metadataOf(ctx))
			}
			keyByKey := *h
			keyByKey.walks = false
			want, read := summarize(keyByKey.TagRPC(ctx, info)), summarize(h.TagRPC(ctx, info))
			if diff := cmp.Diff(want, read); diff != "" {
				t.Errorf("walks %v, %v (-key by key +as read):\n%s", h.walks, md, diff)
			}
			if h.walks && md["jaeger-debug-id"] != nil && (read.Debug != "dbg" || read.Baggage != "tier=gold,user=alice") {
				t.Errorf("%v: read %+v, want the debug id and both baggage items", md, read)
			}
		}
	}
	// Without metadata there is nothing to copy: the key-by-key reader
	// finds nothing either.
	if _, keyByKey := (&serverHandler{walks: true}).metadataOf(context.Background()).(incoming); !keyByKey {
		t.Error("a context without metadata was not read key by key")
	}
}
