package carrier

// FuncDeleter is a Setter that can delete, in one pass, every header whose
// name a function reports true for. DeleteFunc uses it when a carrier
// implements it: Env, Packed and the Kafka header lists rebuild themselves
// once rather than once per deleted header, and a Batch records the
// function for the carrier it writes to.
type FuncDeleter interface {
	Setter
	// DeleteFunc deletes every header whose name del reports true for.
	DeleteFunc(del func(name string) bool)
}

// DeleteFunc deletes from s every header whose name del reports true for,
// if s can: a FuncDeleter, or a Deleter whose names can be listed (a
// Getter); otherwise it does nothing. It is for headers whose names vary,
// such as Jaeger's uberctx-{key}, which a propagator clears from a reused
// carrier before injecting. del sees each name as the carrier spells it,
// so it should match case-insensitively.
//
// The cost is linear in the number of headers: this package's map
// adapters delete in the one pass over the map (which Go's maps allow),
// a FuncDeleter in its own one pass, and any other carrier is listed once,
// through Keys, and the matches deleted after.
func DeleteFunc(s Setter, del func(name string) bool) {
	switch c := s.(type) {
	case HTTPHeader:
		deleteFunc(c, del)
		return
	case Map:
		deleteFunc(c, del)
		return
	case Metadata:
		deleteFunc(c, del)
		return
	case NATSHeader:
		deleteFunc(c, del)
		return
	case FuncDeleter:
		c.DeleteFunc(del)
		return
	}
	d, ok := s.(Deleter)
	if !ok {
		return
	}
	g, ok := s.(Getter)
	if !ok {
		return
	}
	var names []string
	for k := range AllKeys(g) {
		if del(k) {
			names = append(names, k)
		}
	}
	for _, k := range names {
		d.Delete(k)
	}
}

// deleteFunc deletes the keys of m that del reports true for, in one pass.
func deleteFunc[V any](m map[string]V, del func(string) bool) {
	for k := range m {
		if del(k) {
			delete(m, k)
		}
	}
}
