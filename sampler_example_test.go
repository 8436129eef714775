package tracewire_test

import (
	"fmt"

	"github.com/tracewire/tracewire"
)

func ExampleSampler() {
	// A service decides the traces it starts with a Sampler. nil, like
	// SamplingAccept, samples every root, as OpenTelemetry's default does.
	samplers := []tracewire.Sampler{nil, tracewire.SamplingDeny, tracewire.NewRatioSampler(0)}
	for _, s := range samplers {
		root := tracewire.NewRoot(s)
		fmt.Println(root.IsValid(), root.IsRandom(), root.Sampling())
	}
	// Output:
	// true true accept
	// true true deny
	// true true deny
}

func ExampleNewRatioSampler() {
	// The rejection threshold is (1 - p) * 2^56; a trace is kept when its
	// 56-bit randomness reaches it.
	for _, p := range []float64{1, 0.5, 0.25, 0.1, 0.01} {
		fmt.Printf("%-4v %014x\n", p, tracewire.NewRatioSampler(p).Threshold())
	}
	// Output:
	// 1    00000000000000
	// 0.5  80000000000000
	// 0.25 c0000000000000
	// 0.1  e6666666666666
	// 0.01 fd70a3d70a3d71
}

func ExampleRatioSampler_SampleRoot() {
	// Three services sample a quarter of the traces and tell OpenTelemetry
	// about it in the "ot" tracestate member.
	services := []tracewire.RatioSampler{
		tracewire.NewRatioSampler(0.25).WithOTelMember(true),
		tracewire.NewRatioSampler(0.25).WithOTelMember(true),
		tracewire.NewRatioSampler(0.25).WithOTelMember(true),
	}

	// The first starts a trace; this id's low 56 bits (ce929d0e0e4736)
	// are above the threshold c0000000000000, so it is kept.
	t, _ := tracewire.ParseTraceID("4bf92f3577b34da6a3ce929d0e0e4736")
	s, _ := tracewire.ParseSpanID("00f067aa0ba902b7")
	root := tracewire.NewSpanContext(t, s, tracewire.FlagRandom)
	d, ts := services[0].SampleRoot(root)
	sc := root.WithSampling(d).WithTraceState(ts)
	fmt.Println(sc.Sampling(), sc.TraceState())

	// The others, given the same trace, decide the same and leave the
	// member as it is.
	for _, svc := range services[1:] {
		d, ts := svc.SampleRoot(sc.NewChild())
		fmt.Println(d, ts)
	}
	// Output:
	// accept ot=th:c
	// accept ot=th:c
	// accept ot=th:c
}

func ExampleRatioSampler_WithOTelMember() {
	// A trace id that came from another system is not known to be
	// random: leave the random flag clear and let the sampler decide.
	// With the "ot" member on, it draws the randomness and writes it as
	// rv, so every service after it decides alike.
	t, _ := tracewire.ParseTraceID("0af7651916cd43dd8448eb211c80319c")
	root := tracewire.NewSpanContext(t, tracewire.NewSpanID(), 0)
	d, ts := tracewire.NewRatioSampler(0.5).WithOTelMember(true).SampleRoot(root)
	root = root.WithSampling(d).WithTraceState(ts)

	o, _ := root.TraceState().OTelState()
	_, hasRv := o.Randomness()
	_, hasTh := o.Threshold()
	fmt.Println(root.IsRandom(), hasRv, hasTh == root.IsSampled())
	// Output: false true true
}
