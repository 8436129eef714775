package main

import (
	"encoding/json"
	"io"
)

// The JSON report. Its shape is documented in doc.go and is stable: fields
// are only ever added. Every list is present (possibly empty) and in a
// fixed order, so the output is byte-for-byte reproducible.

type jsonReport struct {
	Source      string        `json:"source"`
	InputFormat string        `json:"input_format"`
	Valid       bool          `json:"valid"`
	Headers     []jsonHeader  `json:"headers"`
	Contexts    []jsonContext `json:"contexts"`
	TraceState  [][2]string   `json:"tracestate"`
	Baggage     []jsonBaggage `json:"baggage"`
	Errors      []jsonError   `json:"errors"`
	Findings    []jsonFinding `json:"findings"`
}

type jsonHeader struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Response bool   `json:"response,omitempty"`
}

type jsonContext struct {
	Format       string      `json:"format"`
	Header       string      `json:"header"`
	Value        string      `json:"value,omitempty"`
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
	Header  string `json:"header"`
	Value   string `json:"value"`
	Kind    string `json:"kind"`
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

type jsonBaggage struct {
	Source     string         `json:"source"`
	Key        string         `json:"key"`
	Value      string         `json:"value"`
	Raw        string         `json:"raw,omitempty"`
	Properties []jsonProperty `json:"properties"`
	OverLimit  bool           `json:"over_limit,omitempty"`
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

func toJSON(r *report) jsonReport {
	out := jsonReport{
		Source:      r.Input.Source,
		InputFormat: r.Input.Format,
		Valid:       len(r.Problems) == 0,
		Headers:     []jsonHeader{},
		Contexts:    []jsonContext{},
		TraceState:  [][2]string{},
		Baggage:     []jsonBaggage{},
		Errors:      []jsonError{},
		Findings:    []jsonFinding{},
	}
	for _, h := range r.Input.Headers {
		out.Headers = append(out.Headers, jsonHeader(h))
	}
	for _, c := range r.Contexts {
		out.Contexts = append(out.Contexts, contextJSON(c))
	}
	for k, v := range r.TraceState.All() {
		out.TraceState = append(out.TraceState, [2]string{k, v})
	}
	for _, b := range r.Baggage {
		jb := jsonBaggage{Source: b.Source, Key: b.Key, Value: b.Value, Raw: b.Raw, Properties: []jsonProperty{}, OverLimit: b.OverLimit}
		for _, p := range b.Properties {
			jp := jsonProperty{Key: p.Key}
			if p.HasValue {
				v := p.Value
				jp.Value = &v
			}
			jb.Properties = append(jb.Properties, jp)
		}
		out.Baggage = append(out.Baggage, jb)
	}
	for _, p := range r.Problems {
		out.Errors = append(out.Errors, *errorJSON(p))
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	return out
}

func errorJSON(p *problem) *jsonError {
	return &jsonError{Header: p.Header, Value: p.Value, Kind: p.Kind.String(), Offset: p.Offset, Message: p.message()}
}

func contextJSON(c *contextResult) jsonContext {
	jc := jsonContext{Format: c.Format, Header: c.Header, Value: c.Value, Valid: c.valid()}
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
	jc.DebugID = c.DebugID
	if c.Format == "traceparent" {
		for k, v := range sc.TraceState().All() {
			jc.TraceState = append(jc.TraceState, [2]string{k, v})
		}
	}
	jc.Canonical = c.Canonical
	return jc
}

func ptr(b bool) *bool { return &b }

func writeJSON(w io.Writer, r *report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(r))
}
