//go:build linux

package propagator_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
	"github.com/tracewire/tracewire/jaeger"
	"github.com/tracewire/tracewire/propagator"
)

// hostileMap returns n headers, a fifth of them uberctx-* items and a
// twentieth ot-baggage-* items, the rest an application's own, with a
// traceparent: what a reused message map or a hostile request can hold.
func hostileMap(n int) map[string]string {
	m := make(map[string]string, n+1)
	for i := range n {
		switch {
		case i%5 == 0:
			m[fmt.Sprintf("uberctx-item%d", i)] = "v"
		case i%20 == 1:
			m[fmt.Sprintf("ot-baggage-item%d", i)] = "v"
		default:
			m[fmt.Sprintf("x-app-header-%d", i)] = "v"
		}
	}
	m["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	return m
}

// minTime returns the least CPU time op took over reps runs, each on a
// fresh carrier made by fresh (outside the measure). It counts the CPU
// time of the thread op runs on, not the time on the clock: on a shared
// machine a long op is more often descheduled than a short one, which
// would make linear work look worse than linear.
func minTime[C any](reps int, fresh func() C, op func(C)) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := time.Duration(1<<63 - 1)
	for range reps {
		c := fresh()
		runtime.GC() // a collection left over from fresh is not op's cost
		start := threadCPU()
		op(c)
		best = min(best, threadCPU()-start)
	}
	return best
}

// threadCPU returns the CPU time of the calling thread, from
// clock_gettime(CLOCK_THREAD_CPUTIME_ID), which the kernel brings up to
// date when asked (getrusage and /proc's schedstat lag by a tick).
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		panic(errno)
	}
	return time.Duration(ts.Nano())
}

// TestHostileMapsLinear: extracting from and injecting into a carrier of
// 100,000 headers (20,000 uberctx-*, 5,000 ot-baggage-*) costs about ten
// times what 10,000 headers cost, not a hundred: no lookup walks the map,
// and clearing the stale items is one pass per member that has them. So
// does extracting from a message's list of headers (KafkaHeaders, Packed)
// or an Env, whose Get scans the list: the items are read in the one walk.
// So does a Batch that deletes, after each Set, a name set before. The
// bound is a ratio of the two sizes' best times, generous against noise
// (linear is 10, quadratic 100), never a wall-time limit.
func TestHostileMapsLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("times 110,000-header carriers; skipped with -short and under the race detector")
	}
	c, err := propagator.New("tracecontext", "baggage", "b3", "jaeger", "ottrace")
	if err != nil {
		t.Fatal(err)
	}
	ctx := injectContext(t)
	const n, reps, bound = 10_000, 7, 40.0
	small, large := hostileMap(n), hostileMap(10*n)
	for _, tc := range []struct {
		name string
		run  func(m map[string]string) func() time.Duration
	}{
		{"Extract from Map", func(m map[string]string) func() time.Duration {
			return func() time.Duration {
				return minTime(reps, func() carrier.Map { return carrier.Map(m) },
					func(g carrier.Map) { _ = c.Extract(context.Background(), g) })
			}
		}},
		{"Inject into Map", func(m map[string]string) func() time.Duration {
			return func() time.Duration {
				return minTime(reps, func() carrier.Map { return clone(m) },
					func(s carrier.Map) { c.Inject(ctx, s) })
			}
		}},
		{"Extract from HTTPHeader", func(m map[string]string) func() time.Duration {
			h := headerOfMap(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.HTTPHeader { return carrier.HTTPHeader(h) },
					func(g carrier.HTTPHeader) { _ = c.Extract(context.Background(), g) })
			}
		}},
		{"Inject into HTTPHeader", func(m map[string]string) func() time.Duration {
			h := headerOfMap(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.HTTPHeader { return carrier.HTTPHeader(h.Clone()) },
					func(s carrier.HTTPHeader) { c.Inject(ctx, s) })
			}
		}},
		{"Set one by one into Map", func(m map[string]string) func() time.Duration {
			return func() time.Duration {
				return minTime(reps, func() carrier.Map { return clone(m) }, func(s carrier.Map) {
					for _, k := range []string{"traceparent", "tracestate", "b3", "x-b3-traceid", "uber-trace-id"} {
						s.Set(k, "v")
						s.Delete(k)
					}
					carrier.DeleteFunc(s, func(k string) bool { return len(k) > 8 && k[:8] == "uberctx-" })
				})
			}
		}},
		{"Extract from KafkaHeaders", func(m map[string]string) func() time.Duration {
			list := recordsOf(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.KafkaHeaders[record] { return carrier.KafkaHeadersOf(&list) },
					func(g carrier.KafkaHeaders[record]) { _ = c.Extract(context.Background(), g) })
			}
		}},
		{"Extract from Packed", func(m map[string]string) func() time.Duration {
			var b strings.Builder
			for k, v := range m {
				b.WriteString(k + ":" + v + "\n")
			}
			p := carrier.Packed(b.String())
			return func() time.Duration {
				return minTime(reps, func() carrier.Packed { return p },
					func(g carrier.Packed) { _ = c.Extract(context.Background(), g) })
			}
		}},
		{"Extract from Env", func(m map[string]string) func() time.Duration {
			// Header names as variable names, which Jaeger reads its
			// items by (carrier.Family), and the Jaeger context under
			// its variable name, so that Jaeger's items are read.
			env := carrier.Env{"UBER_TRACE_ID=4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}
			for k, v := range m {
				env = append(env, k+"="+v)
			}
			return func() time.Duration {
				return minTime(reps, func() carrier.Env { return env },
					func(g carrier.Env) { _ = c.Extract(context.Background(), g) })
			}
		}},
		{"Batch of its uberctx-* items into Map", func(m map[string]string) func() time.Duration {
			items := respelledItems(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.Map { return clone(m) }, func(s carrier.Map) { batchItems(s, items) })
			}
		}},
		{"Batch of its uberctx-* items into KafkaHeaders", func(m map[string]string) func() time.Duration {
			list, items := recordsOf(m), respelledItems(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.KafkaHeaders[record] {
					l := list // the batch replaces the list, and never writes into it
					return carrier.KafkaHeadersOf(&l)
				}, func(s carrier.KafkaHeaders[record]) { batchItems(s, items) })
			}
		}},
		{"Batch of its uberctx-* items into HTTPHeader", func(m map[string]string) func() time.Duration {
			h, items := headerOfMap(m), respelledItems(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.HTTPHeader { return carrier.HTTPHeader(h.Clone()) },
					func(s carrier.HTTPHeader) { batchItems(s, items) })
			}
		}},
		{"Batch of interleaved Sets and Deletes into Map", func(m map[string]string) func() time.Duration {
			items := respelledItems(m)
			return func() time.Duration {
				return minTime(reps, func() carrier.Map { return clone(m) }, func(s carrier.Map) {
					b := carrier.NewBatch(s)
					for i, k := range items {
						b.Set(k, "v")
						b.Delete(items[i/2])
					}
					b.Flush()
				})
			}
		}},
	} {
		ts, tl := tc.run(small)(), tc.run(large)()
		ratio := float64(tl) / float64(max(ts, 1))
		t.Logf("%s: %d headers %v, %d headers %v: ratio %.1f", tc.name, n, ts, 10*n, tl, ratio)
		if ratio > bound {
			t.Errorf("%s: 10× the headers cost %.1f× the time (want at most %.0f×: linear)", tc.name, ratio, bound)
		}
	}
}

func clone(m map[string]string) carrier.Map {
	out := make(carrier.Map, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// record has the shape of a Kafka client's header record.
type record struct {
	Key   string
	Value []byte
}

// recordsOf returns m as a list of header records, as a message carries
// them: whose Get scans the list.
func recordsOf(m map[string]string) []record {
	list := make([]record, 0, len(m))
	for k, v := range m {
		list = append(list, record{k, []byte(v)})
	}
	return list
}

// respelledItems returns the uberctx-* keys of m with their first letter
// upper-cased: a Batch writing them into m must replace each item under
// its other spelling, and clear the rest.
func respelledItems(m map[string]string) []string {
	var items []string
	for k := range m {
		if strings.HasPrefix(k, "uberctx-") {
			items = append(items, "U"+k[1:])
		}
	}
	return items
}

// batchItems writes items through one Batch into s, after asking it to
// clear every uberctx-* header, as a composite carrying Jaeger baggage
// does: a Batch as large as the carrier's item count.
func batchItems(s carrier.Setter, items []string) {
	b := carrier.NewBatch(s)
	b.DeleteFunc(func(k string) bool { return len(k) > 8 && strings.EqualFold(k[:8], "uberctx-") })
	for _, k := range items {
		b.Set(k, "v")
	}
	b.Flush()
}

func headerOfMap(m map[string]string) http.Header {
	h := make(http.Header, len(m))
	for k, v := range m {
		h.Set(k, v)
	}
	return h
}

// TestHostileBaggageLinear: under limits raised past the defaults, a
// baggage that repeats each of its keys costs about ten times as much for
// ten times the members, when a Builder sets each key of it, when it is
// merged into another (a Builder marks the duplicates a Set removes as
// gone, where it moved every later member over for each: 100× the time
// for 10× the members), and when Jaeger writes its items into a Kafka
// header list (through a Batch, where each item's Set copied the list).
func TestHostileBaggageLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("times baggage of 200,000 members; skipped with -short and under the race detector")
	}
	lim := baggage.Limits{MaxMembers: 1 << 20, MaxBytes: 1 << 30}
	repeated := func(n int) baggage.Baggage {
		var b strings.Builder
		for i := range n / 2 {
			fmt.Fprintf(&b, "k%d=1,k%d=2,", i, i)
		}
		bg, err := lim.Parse(strings.TrimSuffix(b.String(), ","))
		if err != nil || bg.Len() != n {
			t.Fatalf("Parse: %d members, %v", bg.Len(), err)
		}
		return bg
	}
	primary, err := lim.Parse("a=1,a=2")
	if err != nil {
		t.Fatal(err)
	}
	injectCtx := injectContext(t)
	const n, reps, bound = 20_000, 5, 40.0
	for _, tc := range []struct {
		name string
		op   func(b baggage.Baggage)
	}{
		{"Set each key", func(b baggage.Baggage) {
			bd := b.Builder()
			for _, m := range b.All() {
				_ = bd.Set(m.Key(), "v")
			}
		}},
		{"Merge", func(b baggage.Baggage) { _ = baggage.Merge(primary, b) }},
		{"Jaeger Inject into KafkaHeaders", func(b baggage.Baggage) {
			ctx := baggage.ContextWith(injectCtx, b)
			var list []record
			jaeger.Propagator{}.Inject(ctx, carrier.KafkaHeadersOf(&list))
		}},
	} {
		small, large := repeated(n), repeated(10*n)
		ts := minTime(reps, func() baggage.Baggage { return small }, tc.op)
		tl := minTime(reps, func() baggage.Baggage { return large }, tc.op)
		ratio := float64(tl) / float64(max(ts, 1))
		t.Logf("%s: %d members %v, %d members %v: ratio %.1f", tc.name, n, ts, 10*n, tl, ratio)
		if ratio > bound {
			t.Errorf("%s: 10× the members cost %.1f× the time (want at most %.0f×: linear)", tc.name, ratio, bound)
		}
	}
}
