package carrier

// DeleteFunc deletes from s every header whose name del reports true for,
// if s is a Deleter whose names can be listed (a Getter); otherwise it
// does nothing. It is for headers whose names vary, such as Jaeger's
// uberctx-{key}, which a propagator clears from a reused carrier before
// injecting. del sees each name as the carrier spells it, so it should
// match case-insensitively.
//
// The cost is linear in the number of headers: for this package's
// adapters it deletes in the one pass over the container (which Go's
// maps allow), and for any other carrier it lists the names once, through
// Keys, and deletes the matches after.
func DeleteFunc(s Setter, del func(name string) bool) {
	switch c := s.(type) {
	case HTTPHeader:
		for k := range c {
			if del(k) {
				delete(c, k)
			}
		}
		return
	case Map:
		for k := range c {
			if del(k) {
				delete(c, k)
			}
		}
		return
	case Metadata:
		for k := range c {
			if del(k) {
				delete(c, k)
			}
		}
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
