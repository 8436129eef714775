package baggage_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tracewire/tracewire"
	"github.com/tracewire/tracewire/baggage"
	"github.com/tracewire/tracewire/carrier"
)

// A server reads a user id from the baggage of an incoming request.
func Example_server() {
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header.Set("Baggage", "userId=alice%40example.com, tenant=acme;src=edge")

	var prop baggage.Propagator
	ctx := prop.Extract(req.Context(), carrier.HTTPHeader(req.Header))

	if m, ok := baggage.FromContext(ctx).Get("userId"); ok {
		fmt.Println("user:", m.Value())
	}
	// Output: user: alice@example.com
}

// A proxy adds a member to the baggage it received and forwards it.
func Example_proxy() {
	in := http.Header{"Baggage": {"userId=alice, bad member, tenant=acme"}}
	var prop baggage.Propagator

	b, err := prop.ExtractFrom(carrier.HTTPHeader(in))
	fmt.Println("dropped:", b.Dropped(), err)

	bd := b.Builder()
	bd.Set("proxy", "eu-west 1")
	out := http.Header{}
	prop.InjectInto(carrier.HTTPHeader(out), bd.Baggage())
	fmt.Println(out.Get("Baggage"))
	// Output:
	// dropped: 1 baggage: invalid key at offset 18
	// userId=alice,tenant=acme,proxy=eu-west%201
}

func ExampleParse() {
	b, err := baggage.Parse("k1=v1;p, k2=%E2%82%AC", "k3=")
	fmt.Println(b.Len(), err)
	for i, m := range b.All() {
		fmt.Printf("%d %s=%q props=%q\n", i, m.Key(), m.Value(), m.RawProperties())
	}
	// Output:
	// 3 <nil>
	// 0 k1="v1" props=";p"
	// 1 k2="€" props=""
	// 2 k3="" props=""
}

func ExampleParse_invalid() {
	b, err := baggage.Parse("a=1,b=50%,c=3")
	fmt.Println(baggage.Format(b))
	var pe *tracewire.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Kind().String(), pe.Offset(), errors.Is(err, tracewire.ErrEscape))
	}
	// Output:
	// a=1,c=3
	// escape 8 true
}

func ExampleParseBytes() {
	b, _ := baggage.ParseBytes([]byte("a=1"))
	fmt.Println(b.Len())
	// Output: 1
}

func ExampleLimits_Parse() {
	b, err := baggage.Limits{MaxMembers: 2}.Parse("a=1,b=2,c=3")
	fmt.Println(baggage.Format(b), b.Dropped(), err)
	// Output: a=1,b=2 1 baggage: too many list members at offset 8
}

func ExampleLimits_ParseBytes() {
	b, _ := baggage.Limits{MaxBytes: 3}.ParseBytes([]byte("a=1,b=2"))
	fmt.Println(baggage.Format(b))
	// Output: a=1
}

func ExampleBaggage_Get() {
	b, _ := baggage.Parse("k=1,k=2")
	m, ok := b.Get("k") // the last duplicate wins
	fmt.Println(m.Value(), ok, b.Len())
	// Output: 2 true 2
}

func ExampleBaggage_At() {
	b, _ := baggage.Parse("a=1,b=2")
	fmt.Println(b.At(1).Key())
	// Output: b
}

func ExampleBaggage_Len() {
	b, _ := baggage.Parse("a=1,,b=2,")
	fmt.Println(b.Len(), b.Dropped())
	// Output: 2 0
}

func ExampleBaggage_Dropped() {
	b, _ := baggage.Parse("a=1,=2,c")
	fmt.Println(b.Len(), b.Dropped())
	// Output: 1 2
}

func ExampleBaggage_All() {
	b, _ := baggage.Parse("a=1, b=2")
	for i, m := range b.All() {
		fmt.Println(i, m.Key(), m.Value())
	}
	// Output:
	// 0 a 1
	// 1 b 2
}

func ExampleBaggage_Limits() {
	b, _ := baggage.Limits{MaxMembers: 100}.Parse("a=1")
	fmt.Println(b.Limits().MaxMembers)
	// Output: 100
}

func ExampleBaggage_String() {
	b, _ := baggage.Parse(" a = 1 ; p ")
	fmt.Println(b.String())
	// Output: a=1;p
}

func ExampleBaggage_Builder() {
	b, _ := baggage.Parse("a=1,b=2")
	bd := b.Builder()
	bd.Set("b", "x y")
	fmt.Println(bd.String())
	// Output: a=1,b=x%20y
}

func ExampleMember_Value() {
	b, _ := baggage.Parse("name=Am%C3%A9lie,bad=%FF")
	fmt.Println(b.At(0).Value(), b.At(1).Value(), b.At(0).RawValue())
	// Output: Amélie � Am%C3%A9lie
}

func ExampleMember_AppendValue() {
	b, _ := baggage.Parse("k=a%20b")
	buf := make([]byte, 0, 64)
	buf = b.At(0).AppendValue(buf)
	fmt.Println(string(buf))
	// Output: a b
}

func ExampleMember_Key() {
	b, _ := baggage.Parse("UserId=1")
	fmt.Println(b.At(0).Key())
	// Output: UserId
}

func ExampleMember_RawValue() {
	b, _ := baggage.Parse("k=DF%2028")
	fmt.Println(b.At(0).RawValue())
	// Output: DF%2028
}

func ExampleMember_RawProperties() {
	b, _ := baggage.Parse("k=v ; p ; q=1")
	fmt.Printf("%q\n", b.At(0).RawProperties())
	// Output: "; p ; q=1"
}

func ExampleMember_Properties() {
	b, _ := baggage.Parse("k=v;bare;empty=;full=%2F")
	for p := range b.At(0).Properties() {
		fmt.Printf("%s %v %q\n", p.Key(), p.HasValue(), p.Value())
	}
	// Output:
	// bare false ""
	// empty true ""
	// full true "/"
}

func ExampleMember_Property() {
	b, _ := baggage.Parse("k=v;ttl=30")
	p, ok := b.At(0).Property("ttl")
	fmt.Println(p.Value(), ok)
	// Output: 30 true
}

func ExampleNewProperty() {
	var bd baggage.Builder
	bd.Set("k", "v", baggage.NewProperty("note", "a;b"), baggage.NewBareProperty("flag"))
	fmt.Println(bd.String())
	// Output: k=v;note=a%3Bb;flag
}

func ExampleNewBareProperty() {
	p := baggage.NewBareProperty("flag")
	fmt.Println(p.Key(), p.HasValue())
	// Output: flag false
}

func ExampleProperty_RawValue() {
	fmt.Println(baggage.NewProperty("p", "1 2").RawValue())
	// Output: 1%202
}

func ExampleProperty_AppendValue() {
	b, _ := baggage.Parse("k=v;p=%41")
	p, _ := b.At(0).Property("p")
	fmt.Println(string(p.AppendValue(nil)))
	// Output: A
}

func ExampleBuilder() {
	var bd baggage.Builder
	bd.Set("userId", "alice")
	bd.Set("note", "a,b;c d%\r\n") // encoded: no byte can escape the grammar
	bd.Set("userId", "bob")        // replaced in place
	fmt.Println(bd.String())
	// Output: userId=bob,note=a%2Cb%3Bc%20d%25%0D%0A
}

func ExampleBuilder_Set() {
	var bd baggage.Builder
	err := bd.Set("bad key", "v")
	fmt.Println(err)
	// Output: baggage: invalid key at offset 3
}

func ExampleBuilder_Delete() {
	b, _ := baggage.Parse("a=1,b=2,a=3")
	bd := b.Builder()
	bd.Delete("a")
	fmt.Println(bd.String(), bd.Len())
	// Output: b=2 1
}

func ExampleBuilder_Append() {
	bd := baggage.Builder{Limits: baggage.Limits{MaxMembers: 1}}
	bd.Set("a", "1")
	bd.Set("b", "2") // past the limit: left out whole
	buf := make([]byte, 0, 64)
	fmt.Println(string(bd.Append(buf)))
	// Output: a=1
}

func ExampleBuilder_Len() {
	var bd baggage.Builder
	bd.Set("a", "1")
	fmt.Println(bd.Len())
	// Output: 1
}

func ExampleBuilder_String() {
	var bd baggage.Builder
	bd.Set("k", "€")
	fmt.Println(bd.String())
	// Output: k=%E2%82%AC
}

func ExampleBuilder_Baggage() {
	var bd baggage.Builder
	bd.Set("k", "v")
	ctx := baggage.ContextWith(context.Background(), bd.Baggage())
	h := http.Header{}
	baggage.Propagator{}.Inject(ctx, carrier.HTTPHeader(h))
	fmt.Println(h.Get("Baggage"))
	// Output: k=v
}

func ExampleAppend() {
	b, _ := baggage.Parse("a = 1 ; p", "b=2")
	fmt.Println(string(baggage.Append([]byte("baggage: "), b)))
	// Output: baggage: a=1;p,b=2
}

func ExampleFormat() {
	b, _ := baggage.Parse("a=1, bad, b=2")
	fmt.Println(baggage.Format(b))
	// Output: a=1,b=2
}

func ExampleContextWith() {
	b, _ := baggage.Parse("a=1")
	ctx := baggage.ContextWith(context.Background(), b)
	fmt.Println(baggage.FromContext(ctx).Len())
	// Output: 1
}

func ExampleFromContext() {
	fmt.Println(baggage.FromContext(context.Background()).Len())
	// Output: 0
}

func ExamplePropagator_ExtractFrom() {
	h := http.Header{"Baggage": {"a=1", "b=2"}} // two lines, one list
	b, err := baggage.Propagator{}.ExtractFrom(carrier.HTTPHeader(h))
	fmt.Println(baggage.Format(b), err)
	// Output: a=1,b=2 <nil>
}

func ExamplePropagator_InjectInto() {
	b, _ := baggage.Parse("a=1,b=2,c=3")
	m := carrier.Map{}
	baggage.Propagator{Limits: baggage.Limits{MaxMembers: 2}}.InjectInto(m, b)
	fmt.Println(m["baggage"])
	// Output: a=1,b=2
}

func ExamplePropagator_Extract() {
	md := carrier.Metadata{"baggage": {"tenant=acme"}}
	ctx := baggage.Propagator{}.Extract(context.Background(), md)
	m, _ := baggage.FromContext(ctx).Get("tenant")
	fmt.Println(m.Value())
	// Output: acme
}

func ExamplePropagator_Inject() {
	b, _ := baggage.Parse("a=1")
	ctx := baggage.ContextWith(context.Background(), b)
	m := carrier.Map{}
	baggage.Propagator{}.Inject(ctx, m)
	fmt.Println(m)
	// Output: map[baggage:a=1]
}

func ExamplePropagator_Fields() {
	fmt.Println(baggage.Propagator{}.Fields())
	// Output: [baggage]
}

func ExampleProperty() {
	b, _ := baggage.Parse("k=v;ttl=60;sensitive;note=a%20b")
	for p := range b.At(0).Properties() {
		fmt.Printf("%s %v %q\n", p.Key(), p.HasValue(), p.Value())
	}
	// Output:
	// ttl true "60"
	// sensitive false ""
	// note true "a b"
}

// Jaeger's uberctx-user is a lossy copy of the W3C member User: merged,
// the W3C member wins the key and the other items join it.
func ExampleMerge() {
	w3c, _ := baggage.Parse("User=bob;source=web")
	jaeger, _ := baggage.Parse("user=alice,region=eu")
	fmt.Println(baggage.Merge(w3c, jaeger))
	// Output: User=bob;source=web,region=eu
}

// AppendValue writes a value from another API's baggage as this package
// writes a member's value: ',', ';', spaces, '%' and non-ASCII bytes are
// percent-encoded.
func ExampleAppendValue() {
	line := baggage.AppendValue([]byte("userId="), "alice; 50% off, ünïcode")
	fmt.Println(string(line))
	// Output: userId=alice%3B%2050%25%20off%2C%20%C3%BCn%C3%AFcode
}
