package bench

import "testing"

// lib is one library's way of doing a benchmark case.
type lib struct {
	name string
	fn   func(b *testing.B)
}

// bcase is one input, done by each library in turn.
type bcase struct {
	name string
	libs []lib
}

// runCases names every sub-benchmark <Op>/case=<case>/library=<lib>, the
// key=value form benchstat needs to lay libraries out as columns
// (benchstat -col /library) and to pair them by case.
func runCases(b *testing.B, cases []bcase) {
	for _, c := range cases {
		b.Run("case="+c.name, func(b *testing.B) {
			for _, l := range c.libs {
				b.Run("library="+l.name, func(b *testing.B) {
					b.ReportAllocs()
					l.fn(b)
				})
			}
		})
	}
}
