package carrier

// A Batch into a list carrier (KafkaHeaders, SaramaHeaders,
// SaramaHeaderPtrs) builds the new list in one pass: the records no Set,
// Delete or DeleteFunc of the batch removes, in order, then one new
// record per live entry, in the order of their Sets. Each direct Set or
// Delete copies the list, so a composite writing m headers, the uberctx-*
// items of a large baggage among them, cost O(m·n) for a list of n
// records. In a list, names are matched ASCII case-insensitively, and a
// Set replaces every record of its name, as in HTTPHeader; unlike it, the
// new record keeps the key as set.

func (c KafkaHeaders[H]) setBatch(b *Batch) { recordsSetBatch[H, kafkaOps[H]](c.list, b) }

func (c SaramaHeaders[H]) setBatch(b *Batch) { recordsSetBatch[H, saramaOps[H]](c.list, b) }

func (c SaramaHeaderPtrs[H]) setBatch(b *Batch) { recordsSetBatch[*H, saramaPtrOps[H]](c.list, b) }

// recordsSetBatch stores b in *list as a new slice, and leaves *list as it
// is when b neither sets a value nor removes a record, as Delete does. A
// nil list takes nothing, as its Set does. It never writes into the old
// list's backing array, which the caller's message may share.
func recordsSetBatch[R any, O recordOps[R]](list *[]R, b *Batch) {
	if list == nil {
		return
	}
	n := b.prepare(dropAnyCase)
	var o O
	out := make([]R, 0, len(*list)+n)
	for _, r := range *list {
		if k, ok := o.key(r); !ok || !b.replaces(k, false) {
			out = append(out, r)
		}
	}
	if n == 0 && len(out) == len(*list) {
		return
	}
	for i := range b.sets {
		if e := &b.sets[i]; !e.gone {
			out = append(out, o.make(b.key(e), b.value(e)))
		}
	}
	*list = out
}

// replaces reports whether the batch removes a record named k from a list
// or a Packed, or the variable k from an Env: a DeleteFunc asks for it, or
// a deleted or set name equals it, exactly (an Env, whose Batch has made
// every name a variable name: see Env.setBatch) or but for case.
func (b *Batch) replaces(k string, exact bool) bool {
	for _, del := range b.funcs {
		if del(k) {
			return true
		}
	}
	if slot, ok := foldedSlot(k); ok && b.known&(1<<slot) != 0 && equalFoldASCII(k, knownNames[slot].lower) {
		return true
	}
	if !b.maybeName(k) {
		return false
	}
	return b.deleted(k, exact) || b.setAt(k, exact)
}
