package tracewire_test

import (
	"errors"
	"fmt"

	"github.com/tracewire/tracewire"
)

func ExampleParseTraceState() {
	// Every tracestate line of a request, in order, as one list.
	ts, err := tracewire.ParseTraceState("rojo=00f067aa0ba902b7", " congo=t61rcWkgMzE , ")
	fmt.Println(ts.Len(), ts, err)

	// One bad member discards the whole header.
	ts, err = tracewire.ParseTraceState("rojo=1,Congo=2")
	fmt.Println(ts.Len(), err, errors.Is(err, tracewire.ErrKey))
	// Output:
	// 2 rojo=00f067aa0ba902b7,congo=t61rcWkgMzE <nil>
	// 0 tracestate: invalid key at offset 7 true
}

func ExampleTraceStateOptions_Parse() {
	lenient := tracewire.TraceStateOptions{Lenient: true}
	ts, err := lenient.Parse("rojo=1,Congo=2,congo=3")
	fmt.Println(ts, err)

	level1 := tracewire.TraceStateOptions{Level1: true}
	_, err = level1.Parse("1abc=x")
	fmt.Println(err)
	// Output:
	// rojo=1,congo=3 tracestate: invalid key at offset 7
	// tracestate: invalid key at offset 0
}

func ExampleTraceState_Get() {
	ts, _ := tracewire.ParseTraceState("rojo=1,congo=2,rojo=3")
	fmt.Println(ts.Get("rojo"))
	fmt.Println(ts.Get("other"))
	// Output:
	// 1 true
	//  false
}

func ExampleTraceState_All() {
	ts, _ := tracewire.ParseTraceState("rojo=1, congo= 2 ,rojo=3")
	for k, v := range ts.All() {
		fmt.Printf("%s=%q\n", k, v)
	}
	// Output:
	// rojo="1"
	// congo=" 2"
}

func ExampleTraceState_Len() {
	ts, _ := tracewire.ParseTraceState("a=1,,b=2,a=3")
	fmt.Println(ts.Len())
	// Output: 2
}

func ExampleTraceState_Insert() {
	ts, _ := tracewire.ParseTraceState("rojo=1,congo=2")
	ts, err := ts.Insert("congo", "3")
	fmt.Println(ts, err)

	_, err = ts.Insert("Congo", "3")
	fmt.Println(err)
	// Output:
	// congo=3,rojo=1 <nil>
	// tracestate: invalid key at offset 0
}

func ExampleTraceState_Delete() {
	ts, _ := tracewire.ParseTraceState("rojo=1,congo=2,other=3")
	fmt.Println(ts.Delete("congo"))
	// Output: rojo=1,other=3
}

func ExampleTraceState_Truncate() {
	ts, _ := tracewire.ParseTraceState("a=1,b=2,c=3")
	fmt.Println(ts.Truncate(7), ts.Truncate(7).Len())
	// Output: a=1,b=2 2
}

func ExampleTraceState_AppendTruncated() {
	ts, _ := tracewire.ParseTraceState("a=1,b=2,c=3")
	buf := make([]byte, 0, 512)
	buf = append(buf, "tracestate: "...)
	buf = ts.AppendTruncated(buf, 7)
	fmt.Println(string(buf))
	// Output: tracestate: a=1,b=2
}

func ExampleTraceState_AppendText() {
	ts, _ := tracewire.ParseTraceState(" a=1 ,, b=2\t")
	buf := make([]byte, 0, 512)
	buf, _ = ts.AppendText(buf)
	fmt.Println(string(buf))
	// Output: a=1,b=2
}

func ExampleTraceState_String() {
	ts, _ := tracewire.ParseTraceState("a=1", "", "b=2")
	fmt.Println(ts.String())
	// Output: a=1,b=2
}

func ExampleTraceState_MarshalText() {
	ts, _ := tracewire.ParseTraceState("a=1 , b=2")
	b, _ := ts.MarshalText()
	fmt.Println(string(b))
	// Output: a=1,b=2
}
