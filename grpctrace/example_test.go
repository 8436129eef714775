package grpctrace_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/grpctrace"
)

func ExampleParse() {
	sc, err := grpctrace.Parse("AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE")
	if err != nil {
		panic(err)
	}
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.Sampling())
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 accept
}

func ExampleParse_error() {
	// Version 1: the first base64 character already encodes the bad byte.
	_, err := grpctrace.Parse("AQBL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tracewire.ErrVersion))
	// Output:
	// grpc-trace-bin: invalid version at offset 0
	// true
}

func ExampleParseBytes() {
	// Padded base64 is read as well as unpadded.
	sc, _ := grpctrace.ParseBytes([]byte("AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgA="))
	fmt.Println(sc.IsValid(), sc.IsSampled())
	// Output: true false
}

func ExampleParseBinary() {
	b := []byte{
		0,                                                                                                 // version
		0, 0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36, // trace id
		1, 0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7, // span id
		2, 1, // options: sampled
		3, 0xde, 0xad, // a field this decoder does not know: ignored
	}
	sc, err := grpctrace.ParseBinary(b)
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), err)
	// Output: 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 true <nil>
}

func ExampleAppend() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, tracewire.FlagSampled)
	fmt.Println(string(grpctrace.Append(nil, sc)))
	// Output: AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE
}

func ExampleAppendBinary() {
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	sc := tracewire.NewSpanContext(t, s, 0)
	fmt.Printf("% x\n", grpctrace.AppendBinary(nil, sc))
	// Output: 00 00 4b f9 2f 35 77 b3 4d a6 a3 ce 92 9d 0e 0e 47 36 01 00 f0 67 aa 0b a9 02 b7 02 00
}

func ExampleFormat() {
	sc, _ := grpctrace.Parse(" AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE= ")
	fmt.Println(grpctrace.Format(sc))
	// Output: AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE
}

func ExamplePropagator() {
	// An HTTP/2 proxy sees the metadata as base64 header text.
	in := http.Header{"Grpc-Trace-Bin": {"AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE"}}
	var p grpctrace.Propagator
	ctx := p.Extract(context.Background(), carrier.HTTPHeader(in))
	fmt.Println(tracewire.SpanContextFromContext(ctx).TraceID())

	out := http.Header{}
	p.Inject(ctx, carrier.HTTPHeader(out))
	fmt.Println(out.Get("Grpc-Trace-Bin"))
	// Output:
	// 4bf92f3577b34da6a3ce929d0e0e4736
	// AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE
}

func ExamplePropagator_binary() {
	// grpc-go's metadata.MD holds -bin values decoded; gRPC encodes them
	// on the wire. Binary writes the raw bytes, and extraction reads both.
	md := carrier.Metadata{}
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	grpctrace.Propagator{Binary: true}.InjectInto(md, tracewire.NewSpanContext(t, s, tracewire.FlagSampled))
	fmt.Println(len(md.Get("grpc-trace-bin")))

	sc, err := grpctrace.Propagator{}.ExtractFrom(md)
	fmt.Println(sc.SpanID(), sc.IsRemote(), err)
	// Output:
	// 29
	// 00f067aa0ba902b7 true <nil>
}

func ExamplePropagator_ExtractFrom() {
	// Two values joined with ",": the first counts.
	g := carrier.Map{"grpc-trace-bin": "AABL+S81d7NNpqPOkp0ODkc2AQDwZ6oLqQK3AgE,AAAA"}
	sc, err := grpctrace.Propagator{}.ExtractFrom(g)
	fmt.Println(sc.IsValid(), err)

	// No header: nothing found, and no error.
	sc, err = grpctrace.Propagator{}.ExtractFrom(carrier.Map{})
	fmt.Println(sc.IsValid(), err)
	// Output:
	// true <nil>
	// false <nil>
}

func ExamplePropagator_Fields() {
	fmt.Println(grpctrace.Propagator{}.Fields())
	// Output: [grpc-trace-bin]
}
