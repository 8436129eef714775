package main

import (
	"strings"

	"github.com/tracewire/tracewire/internal/ascii"
)

// The header list every command works on, and the small byte-level
// predicates of HTTP's header grammar.

// firstNonToken returns the index of the first byte of s that is not a
// token character, or -1.
func firstNonToken(s string) int {
	for i := 0; i < len(s); i++ {
		if !ascii.IsTokenChar(s[i]) {
			return i
		}
	}
	return -1
}

// headers is a carrier.ValuesGetter over a header list: names match
// case-insensitively, repeated lines come back in order.
type headers []header

func (hs headers) Get(key string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, key) {
			return h.Value
		}
	}
	return ""
}

func (hs headers) Values(key string) []string {
	var vs []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, key) {
			vs = append(vs, h.Value)
		}
	}
	return vs
}

// Keys returns the lowercase names, each once, in order of first
// appearance, so that prefix scans see a deterministic order.
func (hs headers) Keys() []string {
	var ks []string
	seen := map[string]bool{}
	for _, h := range hs {
		k := strings.ToLower(h.Name)
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	return ks
}

// indexed returns hs as a carrier whose Get and Values look names up in a
// map: jaeger.ExtractBaggage calls Get once per uberctx-* header, and a
// scan of hs for each would make a block of many such headers quadratic.
func (hs headers) indexed() indexedHeaders {
	ih := indexedHeaders{hs: hs, values: map[string][]string{}}
	for _, h := range hs {
		k := strings.ToLower(h.Name)
		ih.values[k] = append(ih.values[k], h.Value)
	}
	return ih
}

// indexedHeaders is a carrier.ValuesGetter over headers, built by indexed.
type indexedHeaders struct {
	hs     headers
	values map[string][]string // lowercase name to values, in order
}

func (ih indexedHeaders) Get(key string) string {
	if vs := ih.Values(key); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func (ih indexedHeaders) Values(key string) []string { return ih.values[strings.ToLower(key)] }

func (ih indexedHeaders) Keys() []string { return ih.hs.Keys() }

// filter returns the headers for which keep is true: hs itself when that
// is all of them, so that the common case copies nothing.
func (hs headers) filter(keep func(header) bool) headers {
	i := 0
	for i < len(hs) && keep(hs[i]) {
		i++
	}
	if i == len(hs) {
		return hs
	}
	out := append(headers(nil), hs[:i]...)
	for _, h := range hs[i+1:] {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}
