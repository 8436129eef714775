package carrier_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// FuzzBatchMatchesDirect is TestBatchMatchesDirect with the writes and
// the carriers' starting keys read from the input, so that coverage
// guides them to the Batch's paths: past 24 entries and deleted names
// the sorted index, Deletes after the Sets they drop, refused names and
// values, spellings that differ only in case.
//
// The input is read a byte at a time: the round (which picks the
// carriers' variants), the number of starting keys and a name for each,
// then a kind, a name and a value per write. A name is two bytes, one
// choosing among batchNames and eight uberctx-* items, one flipping the
// case of its letters.
func FuzzBatchMatchesDirect(f *testing.F) {
	f.Add([]byte{0, 2, 0, 0, 3, 0, 's', 0, 0, 1, 'd', 1, 0, 2})
	f.Add([]byte{2, 1, 12, 0xff, 's', 12, 0, 7, 'b', 12, 0x05, 9, 'g', 0, 0, 0, 'f', 0, 0, 0})
	f.Add([]byte{3, 0, 'd', 19, 0, 0, 's', 19, 1, 4, 's', 20, 0, 5, 'd', 17, 0, 0})
	// A batch large enough for the sorted index: 40 writes of a few
	// names in several cases, Sets and Deletes interleaved.
	long := []byte{6, 4, 0, 0, 10, 1, 19, 2, 4, 3}
	for i := range 40 {
		long = append(long, "ssbdfg"[i%6], byte(i%24), byte(i*37), byte(i))
	}
	f.Add(long)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInput(data)
		round := int(in.next())
		start := map[string]string{}
		for range in.next() % 64 {
			start[in.name()] = "old"
		}
		var ops []batchOp
		for len(in) > 0 && len(ops) < 400 {
			kind := "ssbddfg"[in.next()%7]
			name, v := in.name(), in.next()
			value := fmt.Sprint(v)
			if v%16 == 0 {
				value = []string{"line\nfeed", "return\r"}[v/16%2]
			}
			ops = append(ops, batchOp{kind: kind, key: name, value: value})
		}
		checkBatch(t, round, ops, start, rand.New(rand.NewPCG(uint64(round), 0)))
	})
}

// fuzzInput is the unread rest of a fuzz input; it reads as zeros past
// its end.
type fuzzInput []byte

func (in *fuzzInput) next() byte {
	if len(*in) == 0 {
		return 0
	}
	b := (*in)[0]
	*in = (*in)[1:]
	return b
}

// name reads a name: one of batchNames or uberctx-i0 to uberctx-i7, with
// the case of its letters flipped where the second byte's bits say.
func (in *fuzzInput) name() string {
	i, flips := int(in.next()), in.next()
	n := fmt.Sprintf("uberctx-i%d", i%8)
	if i%(len(batchNames)+8) < len(batchNames) {
		n = batchNames[i%(len(batchNames)+8)]
	}
	b := []byte(n)
	for j, c := range b {
		if flips&(1<<(j%8)) == 0 {
			continue
		}
		switch {
		case 'a' <= c && c <= 'z':
			b[j] = c - ('a' - 'A')
		case 'A' <= c && c <= 'Z':
			b[j] = c + ('a' - 'A')
		}
	}
	return string(b)
}
