package baggage

import (
	"testing"

	"github.com/tracewire/tracewire/carrier"
)

func BenchmarkParse5(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(five)))
	for b.Loop() {
		Parse(five)
	}
}

func BenchmarkParse64(b *testing.B) {
	s := manyMembers(64)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Parse(s)
	}
}

func BenchmarkParseInvalid(b *testing.B) {
	s := "a=1, bad, b=%zz, k v=1, c=3;p, d=\"x\""
	b.ReportAllocs()
	for b.Loop() {
		Parse(s)
	}
}

func BenchmarkGet(b *testing.B) {
	bg, _ := Parse(five)
	b.ReportAllocs()
	for b.Loop() {
		m, _ := bg.Get("userId")
		_ = m.Value()
	}
}

func BenchmarkGet64Last(b *testing.B) {
	bg, _ := Parse(manyMembers(64))
	key := bg.At(0).Key() // the first member: Get scans from the end
	b.ReportAllocs()
	for b.Loop() {
		bg.Get(key)
	}
}

func BenchmarkAll(b *testing.B) {
	bg, _ := Parse(five)
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range bg.All() {
			_ = m.RawValue()
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	bg, _ := Parse(five)
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		bd := bg.Builder()
		bd.Set("user", "alice smith")
		buf = bd.Append(buf[:0])
	}
}

func BenchmarkBuilderAppend(b *testing.B) {
	bg, _ := Parse(five)
	bd := bg.Builder()
	bd.Set("user", "alice smith")
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		buf = bd.Append(buf[:0])
	}
}

func BenchmarkExtractInject(b *testing.B) {
	in := carrier.HTTPHeader{"Baggage": {five}}
	out := carrier.HTTPHeader{}
	var p Propagator
	b.ReportAllocs()
	for b.Loop() {
		bg, _ := p.ExtractFrom(in)
		p.InjectInto(out, bg)
	}
}
