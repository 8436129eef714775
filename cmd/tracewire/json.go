package main

import (
	"encoding/json"
	"io"
)

// The JSON report. Its shape is documented in doc.go and is stable: fields
// are only ever added. Every list is present (possibly empty) and in a
// fixed order, so the output is byte-for-byte reproducible.

type jsonReport struct {
	Source      string `json:"source"`
	InputFormat string `json:"input_format"`
	Input       string `json:"input"`
	jsonBody
	Entries      []jsonEntry `json:"entries"`
	QuietEntries int         `json:"entries_without_trace_headers"`
}

// jsonBody is the report on one request: the whole input's for a header
// block, an entry's otherwise.
type jsonBody struct {
	Valid      bool          `json:"valid"`
	Headers    []jsonHeader  `json:"headers"`
	Contexts   []jsonContext `json:"contexts"`
	TraceState [][2]string   `json:"tracestate"`
	Baggage    []jsonBaggage `json:"baggage"`
	Errors     []jsonError   `json:"errors"`
	Findings   []jsonFinding `json:"findings"`
	Omitted    *jsonOmitted  `json:"omitted,omitempty"`
}

// jsonEntry is the report on one request of a HAR file, a log or an
// NDJSON stream.
type jsonEntry struct {
	Entry jsonEntryInfo `json:"entry"`
	jsonBody
}

type jsonEntryInfo struct {
	Label  string `json:"label"`
	Line   int    `json:"line,omitempty"`
	Index  int    `json:"index,omitempty"`
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Status int    `json:"status,omitempty"`
}

// jsonOmitted counts what the limits left out of each list.
type jsonOmitted struct {
	Headers    int `json:"headers,omitempty"`
	TraceState int `json:"tracestate,omitempty"`
	Baggage    int `json:"baggage,omitempty"`
	Errors     int `json:"errors,omitempty"`
	Findings   int `json:"findings,omitempty"`
	Entries    int `json:"entries,omitempty"`
}

func (o *jsonOmitted) orNil() *jsonOmitted {
	if *o == (jsonOmitted{}) {
		return nil
	}
	return o
}

type jsonHeader struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	ElidedBytes int    `json:"elided_bytes,omitempty"`
	Response    bool   `json:"response,omitempty"`
}

type jsonContext struct {
	Format       string      `json:"format"`
	Header       string      `json:"header"`
	Value        string      `json:"value,omitempty"`
	ElidedBytes  int         `json:"elided_bytes,omitempty"`
	Valid        bool        `json:"valid"`
	TraceID      string      `json:"trace_id,omitempty"`
	TraceID64    bool        `json:"trace_id_64bit,omitempty"`
	SpanID       string      `json:"span_id,omitempty"`
	ParentSpanID string      `json:"parent_span_id,omitempty"`
	Sampling     string      `json:"sampling,omitempty"`
	Sampled      *bool       `json:"sampled,omitempty"`
	Debug        *bool       `json:"debug,omitempty"`
	Deferred     *bool       `json:"deferred,omitempty"`
	Flags        string      `json:"flags,omitempty"`
	Firehose     bool        `json:"firehose,omitempty"`
	DebugID      string      `json:"debug_id,omitempty"`
	TraceState   [][2]string `json:"tracestate,omitempty"`
	Canonical    string      `json:"canonical,omitempty"`
	Error        *jsonError  `json:"error,omitempty"`
}

type jsonError struct {
	Header      string `json:"header"`
	Value       string `json:"value"`
	ValueStart  int    `json:"value_start,omitempty"`
	ElidedBytes int    `json:"elided_bytes,omitempty"`
	Kind        string `json:"kind"`
	Offset      int    `json:"offset"`
	Message     string `json:"message"`
}

type jsonBaggage struct {
	Source     string         `json:"source"`
	Key        string         `json:"key"`
	Value      string         `json:"value"`
	Raw         string         `json:"raw,omitempty"`
	Properties  []jsonProperty `json:"properties"`
	OverLimit   bool           `json:"over_limit,omitempty"`
	ElidedBytes int            `json:"elided_bytes,omitempty"`
}

type jsonProperty struct {
	Key   string  `json:"key"`
	Value *string `json:"value,omitempty"`
}

type jsonFinding struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func toJSON(res *inspection, lim limits) jsonReport {
	in := &res.In
	out := jsonReport{Source: in.Source, InputFormat: in.Format, Input: in.describe(), Entries: []jsonEntry{}}
	notes, moreNotes := res.noteFindings(lim)
	if !in.Multi {
		out.jsonBody = bodyJSON(res.Reports[0], notes, moreNotes, lim)
		return out
	}
	out.jsonBody = bodyJSON(&report{}, notes, moreNotes, lim)
	out.Valid = res.invalid() == 0
	var omitted int
	for i, r := range res.Reports {
		if r.empty() {
			out.QuietEntries++
			continue
		}
		if lim.items > 0 && len(out.Entries) == lim.items {
			omitted++
			continue
		}
		e := res.Entries[i]
		info := jsonEntryInfo{Label: in.label(e), Line: e.Line, Index: e.Index, Method: e.Method, Status: e.Status}
		info.URL, _ = lim.cutMarked(e.URL)
		out.Entries = append(out.Entries, jsonEntry{Entry: info, jsonBody: bodyJSON(r, nil, 0, lim)})
	}
	if omitted > 0 {
		if out.Omitted == nil {
			out.Omitted = &jsonOmitted{}
		}
		out.Omitted.Entries = omitted
	}
	return out
}

// bodyJSON is the report on one request, each list cut to the limits;
// notes on the input come first among its findings.
func bodyJSON(r *report, notes []finding, moreNotes int, lim limits) jsonBody {
	out := jsonBody{
		Valid:      len(r.Problems) == 0,
		Headers:    []jsonHeader{},
		Contexts:   []jsonContext{},
		TraceState: [][2]string{},
		Baggage:    []jsonBaggage{},
		Errors:     []jsonError{},
		Findings:   []jsonFinding{},
	}
	var om jsonOmitted
	hs := r.Input.Headers
	om.Headers = len(hs) - lim.count(len(hs))
	for _, h := range hs[:lim.count(len(hs))] {
		jh := jsonHeader{Response: h.Response}
		jh.Name, _ = lim.cutMarked(h.Name)
		jh.Value, jh.ElidedBytes = lim.cutMarked(h.Value)
		out.Headers = append(out.Headers, jh)
	}
	for _, c := range r.Contexts {
		out.Contexts = append(out.Contexts, contextJSON(c, lim))
	}
	n := r.TraceState.Len()
	om.TraceState = n - lim.count(n)
	for k, v := range r.TraceState.All() {
		if len(out.TraceState) == lim.count(n) {
			break
		}
		k, _ = lim.cutMarked(k)
		v, _ = lim.cutMarked(v)
		out.TraceState = append(out.TraceState, [2]string{k, v})
	}
	om.Baggage = len(r.Baggage) - lim.count(len(r.Baggage))
	for _, b := range r.Baggage[:lim.count(len(r.Baggage))] {
		jb := jsonBaggage{Source: b.Source, Properties: []jsonProperty{}, OverLimit: b.OverLimit}
		var m1, m2, m3 int
		jb.Key, m1 = lim.cutMarked(b.Key)
		jb.Value, m2 = lim.cutMarked(b.Value)
		jb.Raw, m3 = lim.cutMarked(b.Raw)
		jb.ElidedBytes = m1 + m2 + m3
		for _, p := range b.Properties[:lim.count(len(b.Properties))] {
			jp := jsonProperty{}
			jp.Key, _ = lim.cutMarked(p.Key)
			if p.HasValue {
				v, _ := lim.cutMarked(p.Value)
				jp.Value = &v
			}
			jb.Properties = append(jb.Properties, jp)
		}
		out.Baggage = append(out.Baggage, jb)
	}
	om.Errors = len(r.Problems) - lim.count(len(r.Problems))
	for _, p := range r.Problems[:lim.count(len(r.Problems))] {
		out.Errors = append(out.Errors, *errorJSON(p))
	}
	for _, f := range notes {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	om.Findings = moreNotes
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	out.Omitted = om.orNil()
	return out
}

// errorJSON reports p with its value, or for a long value the window
// around the offset that text output shows too: the whole value is in
// the header list, and repeating it in every error of a header with many
// invalid members would make the output grow with the square of the input.
func errorJSON(p *problem) *jsonError {
	v, start := window(p.Value, p.Offset)
	return &jsonError{Header: p.Header, Value: v, ValueStart: start, ElidedBytes: len(p.Value) - len(v),
		Kind: p.Kind.String(), Offset: p.Offset, Message: p.message()}
}

func contextJSON(c *contextResult, lim limits) jsonContext {
	jc := jsonContext{Format: c.Format, Header: c.Header, Valid: c.valid()}
	jc.Value, jc.ElidedBytes = lim.cutMarked(c.Value)
	if !c.valid() {
		jc.Error = errorJSON(c.Problem)
		return jc
	}
	sc := c.SC
	if sc.IsValid() {
		jc.TraceID = sc.TraceID().String()
		jc.TraceID64 = sc.Is64BitTraceID()
		jc.SpanID = sc.SpanID().String()
	}
	if par := sc.ParentSpanID(); par.IsValid() {
		jc.ParentSpanID = par.String()
	}
	jc.Sampling = sc.Sampling().String()
	jc.Sampled, jc.Debug, jc.Deferred = ptr(sc.IsSampled()), ptr(sc.IsDebug()), ptr(sc.IsDeferred())
	jc.Flags = hex2(byte(sc.Flags()))
	jc.Firehose = sc.IsFirehose()
	jc.DebugID, _ = lim.cutMarked(c.DebugID)
	if c.Format == "traceparent" {
		for k, v := range sc.TraceState().All() {
			jc.TraceState = append(jc.TraceState, [2]string{k, v})
		}
	}
	jc.Canonical = c.Canonical
	return jc
}

func ptr(b bool) *bool { return &b }

func writeJSON(w io.Writer, res *inspection, lim limits) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(res, lim))
}
