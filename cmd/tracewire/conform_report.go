package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// A case's result.
const (
	resultPass = "pass"
	resultFail = "fail"
	resultNA   = "n/a"
)

// conformResult is one case's outcome.
type conformResult struct {
	Format      string `json:"format"`
	Name        string `json:"name"`
	Category    string `json:"category"`
	Result      string `json:"result"`
	Propagators string `json:"propagators,omitempty"` // the Tracewire-Propagators value sent
	Policy      string `json:"policy,omitempty"`
	// Detail is what failed, or why the case is not applicable.
	Detail []string `json:"detail,omitempty"`
	// For a failure: the trace headers the callback carried, and the
	// vector's own reason and choice, to explain it by.
	Callback     [][2]string `json:"callback,omitempty"`
	VectorReason string      `json:"vector_reason,omitempty"`
	VectorChoice string      `json:"vector_choice,omitempty"`
}

// conformCounts counts results.
type conformCounts struct {
	Pass int `json:"pass"`
	Fail int `json:"fail"`
	NA   int `json:"na"`
}

func (c *conformCounts) add(result string) {
	switch result {
	case resultPass:
		c.Pass++
	case resultFail:
		c.Fail++
	default:
		c.NA++
	}
}

// conformCategory is one row of a format's table.
type conformCategory struct {
	Category string `json:"category"`
	conformCounts
}

// conformFormat is one vector file's results.
type conformFormat struct {
	Format     string            `json:"format"`
	Totals     conformCounts     `json:"totals"`
	Categories []conformCategory `json:"categories"`
	Cases      []conformResult   `json:"cases"`
}

// conformReport is what "tracewire conform" reports, as text or JSON.
type conformReport struct {
	Service string `json:"service"`
	Vectors string `json:"vectors_version"`
	// Extension says the service answers Tracewire-Propagators;
	// Propagators lists the formats it propagates, of those probed.
	Extension   bool            `json:"extension"`
	Propagators []string        `json:"propagators"`
	Totals      conformCounts   `json:"totals"`
	Formats     []conformFormat `json:"formats"`
}

// categoryOrder is the order of a format's rows.
var categoryOrder = []string{"valid", "invalid", "decision", "tracestate", "baggage", "config"}

func newReport(service, version string, sup support, plans []*conformPlan, results []conformResult) *conformReport {
	rep := &conformReport{Service: service, Vectors: version, Extension: sup.Extension, Propagators: []string{}}
	for name, ok := range sup.Formats {
		if ok {
			rep.Propagators = append(rep.Propagators, name)
		}
	}
	sort.Strings(rep.Propagators)
	index := map[string]int{}
	for i, r := range results {
		j, ok := index[plans[i].File]
		if !ok {
			j = len(rep.Formats)
			index[plans[i].File] = j
			rep.Formats = append(rep.Formats, conformFormat{Format: plans[i].File})
		}
		rep.Formats[j].Cases = append(rep.Formats[j].Cases, r)
	}
	for i := range rep.Formats {
		f := &rep.Formats[i]
		cats := map[string]*conformCounts{}
		for _, r := range f.Cases {
			if cats[r.Category] == nil {
				cats[r.Category] = &conformCounts{}
			}
			cats[r.Category].add(r.Result)
			f.Totals.add(r.Result)
			rep.Totals.add(r.Result)
		}
		for _, name := range categoryOrder {
			if c := cats[name]; c != nil {
				f.Categories = append(f.Categories, conformCategory{name, *c})
			}
		}
	}
	return rep
}

// writeText prints the tables, every failure, and the reasons cases were
// not applicable (every such case with verbose).
func (rep *conformReport) writeText(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "tracewire conform %s (vectors %s)\n", rep.Service, rep.Vectors)
	if rep.Extension {
		fmt.Fprintf(w, "the service propagates: %s\n\n", strings.Join(rep.Propagators, ", "))
	} else {
		fmt.Fprintf(w, "the service does not answer the Tracewire-Propagators extension: W3C Trace Context only\n\n")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "format\tcategory\tpass\tfail\tn/a\tresult\t")
	for _, f := range rep.Formats {
		for i, c := range f.Categories {
			name := ""
			if i == 0 {
				name = f.Format
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t\n", name, c.Category, c.Pass, c.Fail, c.NA, verdict(c.conformCounts))
		}
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%d\t%s\t\n", rep.Totals.Pass, rep.Totals.Fail, rep.Totals.NA, verdict(rep.Totals))
	tw.Flush()

	if rep.Totals.Fail > 0 {
		fmt.Fprintf(w, "\nfailures:\n")
		for _, f := range rep.Formats {
			for _, r := range f.Cases {
				if r.Result != resultFail {
					continue
				}
				fmt.Fprintf(w, "  %s / %s [%s]\n", r.Format, r.Name, r.Propagators)
				for _, d := range r.Detail {
					fmt.Fprintf(w, "    %s\n", d)
				}
			}
		}
	}

	type reason struct {
		text  string
		cases []string
	}
	var reasons []*reason
	index := map[string]*reason{}
	for _, f := range rep.Formats {
		for _, r := range f.Cases {
			if r.Result != resultNA {
				continue
			}
			text := r.Format + ": " + strings.Join(r.Detail, "; ")
			if index[text] == nil {
				index[text] = &reason{text: text}
				reasons = append(reasons, index[text])
			}
			index[text].cases = append(index[text].cases, r.Name)
		}
	}
	if len(reasons) > 0 {
		fmt.Fprintf(w, "\nnot applicable:\n")
		for _, r := range reasons {
			fmt.Fprintf(w, "  %s (%d)\n", r.text, len(r.cases))
			if verbose {
				for _, c := range r.cases {
					fmt.Fprintf(w, "    %s\n", c)
				}
			}
		}
	}
}

// verdict is a row's one-word summary.
func verdict(c conformCounts) string {
	switch {
	case c.Fail > 0:
		return "FAIL"
	case c.Pass > 0:
		return "ok"
	}
	return "n/a"
}
