package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tracewire/tracewire/internal/vectors"
)

const conformUsage = `usage: tracewire conform [flags] URL [FILE...]

Check a service that speaks the W3C Trace Context test-harness protocol
(as "tracewire testservice" does) against the conformance vectors of every
format. For each case, conform POSTs the case's headers and one callback to
URL; the service calls the callback carrying the context it continues, and
conform checks it: the same trace id, a new span id, the sampling decision
kept, tracestate and baggage kept or dropped as the vector says, and a new
trace for an invalid or absent context.

The service is told which formats to propagate with the request header
"Tracewire-Propagators: b3,jaeger" (OTEL_PROPAGATORS syntax) and answers
with the names it configured; a service without this extension is checked
on W3C Trace Context alone. testdata/README.md ("Checking a live service")
describes the protocol.

FILE names vector files (b3 or testdata/b3.json); the default is every
file in the vectors directory. Cases that no request can express (parser
options, mutations, response headers, environment variables) and formats
the service does not propagate are reported as n/a, with the reason.

The exit status is 0 when no case failed, 1 when one did or the service
could not be checked, 2 for a usage error.

flags:
`

// conformConfig is what the flags choose.
type conformConfig struct {
	Service     string
	Files       []string // vector files, in order
	Tags        []string // --tags selection
	JSON        bool
	Verbose     bool
	AllowRemote bool
	Listen      string // callback listener address
	CallbackURL string // base URL the service calls back; "" for the listener's
	Timeout     time.Duration
	Deadline    time.Duration
	Parallel    int
}

// runConform implements "tracewire conform".
func runConform(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tracewire conform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg conformConfig
	dir := fs.String("vectors", defaultVectorDir(), "`directory` holding the vector files")
	tags := fs.String("tags", "", "run only the cases with one of these comma-separated `tags`, and none written with a leading !")
	fs.BoolVar(&cfg.JSON, "json", false, "write the report as JSON to stdout instead of tables")
	fs.BoolVar(&cfg.Verbose, "v", false, "list every case that is not applicable, not only the reasons")
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "check a service that is not on a loopback address")
	fs.StringVar(&cfg.Listen, "listen", "", "`address` to receive callbacks on (default: a free port on the service's loopback address)")
	fs.StringVar(&cfg.CallbackURL, "callback-url", "", "base `URL` the service is told to call back, when it cannot reach the listener by its own address")
	fs.DurationVar(&cfg.Timeout, "timeout", 5*time.Second, "time limit for one case: the request and its callback")
	fs.DurationVar(&cfg.Deadline, "deadline", 2*time.Minute, "time limit for the whole run")
	fs.IntVar(&cfg.Parallel, "parallel", 4, "cases in flight at once")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), conformUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// Flags may follow the URL too.
	rest := fs.Args()
	var pos []string
	for len(rest) > 0 {
		pos, rest = append(pos, rest[0]), rest[1:]
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		rest = fs.Args()
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "tracewire conform: missing the service URL")
		fs.Usage()
		return 2
	}
	if cfg.Timeout <= 0 || cfg.Deadline <= 0 || cfg.Parallel <= 0 {
		fmt.Fprintln(stderr, "tracewire conform: --timeout, --deadline and --parallel must be positive")
		return 2
	}
	cfg.Service = pos[0]
	if err := checkCallbackURL(cfg.Service, cfg.AllowRemote); err != nil {
		fmt.Fprintf(stderr, "tracewire conform: service %v\n", err)
		return 2
	}
	if *tags != "" {
		cfg.Tags = strings.Split(*tags, ",")
	}
	files, err := vectorFiles(*dir, pos[1:])
	if err != nil {
		fmt.Fprintf(stderr, "tracewire conform: %v\n", err)
		return 2
	}
	cfg.Files = files

	ctx, cancel := context.WithTimeout(context.Background(), cfg.Deadline)
	defer cancel()
	rep, err := conform(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "tracewire conform: %v\n", err)
		return 1
	}
	if cfg.JSON {
		b, _ := json.MarshalIndent(rep, "", "  ")
		stdout.Write(append(b, '\n'))
	} else {
		rep.writeText(stdout, cfg.Verbose)
	}
	if rep.Totals.Fail > 0 {
		return 1
	}
	return 0
}

// defaultVectorDir is the module's testdata directory when this binary
// was built from a checkout (go run ./cmd/tracewire), else ./testdata.
func defaultVectorDir() string {
	if d := vectors.Dir(); fileExists(filepath.Join(d, "traceparent.json")) {
		return d
	}
	return "testdata"
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// vectorFiles resolves the FILE arguments: a path, or a format name in
// dir; none means every *.json in dir.
func vectorFiles(dir string, args []string) ([]string, error) {
	if len(args) == 0 {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("no vector files in %s (use --vectors DIR)", dir)
		}
		sort.Strings(files)
		return files, nil
	}
	var out []string
	for _, a := range args {
		switch {
		case fileExists(a):
			out = append(out, a)
		case fileExists(filepath.Join(dir, a+".json")):
			out = append(out, filepath.Join(dir, a+".json"))
		default:
			return nil, fmt.Errorf("no vector file %q (neither a path nor %s)", a, filepath.Join(dir, a+".json"))
		}
	}
	return out, nil
}

// selected applies the --tags rule of the vector runners.
func selected(tags, want []string) bool {
	any, plain := false, false
	for _, w := range want {
		if neg, ok := strings.CutPrefix(w, "!"); ok {
			if slices.Contains(tags, neg) {
				return false
			}
			continue
		}
		plain = true
		any = any || slices.Contains(tags, w)
	}
	return !plain || any
}

// conformer runs the plans against one service.
type conformer struct {
	cfg      conformConfig
	client   *http.Client
	callback string // base URL of the callback listener

	mu      sync.Mutex
	waiting map[string]chan http.Header
}

// conform checks the service and returns the report; an error means the
// service could not be checked at all.
func conform(ctx context.Context, cfg conformConfig) (*conformReport, error) {
	var plans []*conformPlan
	version := ""
	for _, path := range cfg.Files {
		f, err := readVectorFile(path)
		if err != nil {
			return nil, err
		}
		if version == "" {
			version = f.Version
		}
		for _, c := range f.Cases {
			if selected(c.Tags, cfg.Tags) {
				plans = append(plans, planCase(f.Format, c))
			}
		}
	}

	c := &conformer{cfg: cfg, waiting: map[string]chan http.Header{}}
	c.client = conformClient(cfg.AllowRemote, cfg.Timeout)
	defer c.client.CloseIdleConnections()
	stop, err := c.listen()
	if err != nil {
		return nil, err
	}
	defer stop()

	sup, err := c.probe(ctx, plans)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		if p.NA == "" {
			p.NA = sup.notApplicable(p)
		}
	}

	results := make([]conformResult, len(plans))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range cfg.Parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = c.run(ctx, plans[i])
			}
		}()
	}
	for i := range plans {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return newReport(cfg.Service, version, sup, plans, results), nil
}

// readVectorFile reads a vector file for conform: through the vector
// loader, except a file no request can express, of which only the cases'
// names, tags and validity count (its schema extends the loader's).
func readVectorFile(path string) (vectors.File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return vectors.File{}, err
	}
	var head struct {
		Format  string `json:"format"`
		Version string `json:"version"`
		Cases   []struct {
			Name  string   `json:"name"`
			Tags  []string `json:"tags"`
			Valid bool     `json:"valid"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return vectors.File{}, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	if _, na := notApplicableFiles[head.Format]; !na {
		return vectors.ReadFile(path)
	}
	f := vectors.File{Format: head.Format, Version: head.Version}
	for _, c := range head.Cases {
		f.Cases = append(f.Cases, vectors.Case{Name: c.Name, Tags: c.Tags, Valid: c.Valid})
	}
	return f, nil
}

// conformClient calls the service, only on loopback unless allowRemote,
// with the same guard as the test service's own calls.
func conformClient(allowRemote bool, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout}
	if !allowRemote {
		dialer.Control = testServiceDialGuard
	}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                  nil,
			DialContext:            dialer.DialContext,
			MaxIdleConnsPerHost:    16,
			IdleConnTimeout:        30 * time.Second,
			MaxResponseHeaderBytes: 64 << 10,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// listen starts the callback listener: by default on the loopback address
// the service has (IPv4 or IPv6), on a free port.
func (c *conformer) listen() (stop func(), err error) {
	addr := c.cfg.Listen
	if addr == "" {
		addr = "127.0.0.1:0"
		if u, err := url.Parse(c.cfg.Service); err == nil && strings.Contains(u.Hostname(), ":") {
			addr = "[::1]:0"
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("callback listener: %v", err)
	}
	c.callback = c.cfg.CallbackURL
	if c.callback == "" {
		c.callback = "http://" + ln.Addr().String()
	}
	c.callback = strings.TrimSuffix(c.callback, "/")
	srv := &http.Server{
		Handler:           http.HandlerFunc(c.receive),
		ReadHeaderTimeout: c.cfg.Timeout,
		MaxHeaderBytes:    64 << 10,
	}
	go srv.Serve(ln)
	return func() { srv.Close() }, nil
}

// receive records a callback's headers for the case whose token its path
// names.
func (c *conformer) receive(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	token := strings.TrimPrefix(r.URL.Path, "/callback/")
	c.mu.Lock()
	ch := c.waiting[token]
	c.mu.Unlock()
	if ch == nil {
		http.Error(w, "no case waits for this callback", http.StatusNotFound)
		return
	}
	select {
	case ch <- r.Header.Clone():
	default: // a second call for the same case: the first one counts
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, "{}\n")
}

// post sends one harness request with the extension headers and lines,
// and returns the response's status, headers and (bounded) body.
func (c *conformer) post(ctx context.Context, formats, policy string, lines [][2]string, callbackURL string) (int, http.Header, string, error) {
	body := "[]"
	if callbackURL != "" {
		u, _ := json.Marshal(callbackURL)
		body = `[{"url":` + string(u) + `,"arguments":[]}]`
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.Service, strings.NewReader(body))
	if err != nil {
		return 0, nil, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(testServiceFormatsHeader, formats)
	if policy != "" {
		req.Header.Set(testServicePolicyHeader, policy)
	}
	set := map[string]bool{}
	for _, l := range lines {
		k := http.CanonicalHeaderKey(l[0])
		if k == "Content-Type" && !set[k] {
			req.Header.Del(k)
		}
		set[k] = true
		req.Header.Add(k, l[1])
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	return resp.StatusCode, resp.Header, string(bytes.TrimSpace(b)), nil
}

// run sends one case and checks its callback.
func (c *conformer) run(ctx context.Context, p *conformPlan) conformResult {
	r := conformResult{Format: p.File, Name: p.Case.Name, Category: p.Category, Propagators: p.Header, Policy: p.Policy}
	if p.NA != "" {
		r.Result, r.Detail = resultNA, []string{p.NA}
		return r
	}
	failed := func(detail ...string) conformResult {
		r.Result, r.Detail = resultFail, detail
		r.VectorReason, r.VectorChoice = p.Case.Reason, p.Case.Choice
		return r
	}
	if ctx.Err() != nil {
		return failed(fmt.Sprintf("not run: the run's deadline (%s) passed", c.cfg.Deadline))
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	var tok [8]byte
	rand.Read(tok[:])
	token := hex.EncodeToString(tok[:])
	ch := make(chan http.Header, 1)
	c.mu.Lock()
	c.waiting[token] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, token)
		c.mu.Unlock()
	}()

	status, hdr, body, err := c.post(ctx, p.Header, p.Policy, p.Send, c.callback+"/callback/"+token)
	if err != nil {
		return failed("request failed: " + err.Error())
	}
	if status/100 != 2 {
		return failed(fmt.Sprintf("the service answered %d: %s", status, body))
	}
	if echo := hdr.Values(testServiceFormatsHeader); len(echo) > 0 {
		got := echoNames(echo)
		want := p.Members
		if len(want) == 0 {
			want = []string{"none"}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			return failed(fmt.Sprintf("the service configured %q for %q; OTEL_PROPAGATORS's rules give %q", strings.Join(got, ","), p.Header, strings.Join(want, ",")))
		}
	}
	var h http.Header
	select {
	case h = <-ch:
	case <-ctx.Done():
		return failed(fmt.Sprintf("no callback arrived within %s (the service answered %d)", c.cfg.Timeout, status))
	}
	if fails := p.check(h); len(fails) > 0 {
		r = failed(fails...)
		r.Callback = traceLines(h)
		return r
	}
	r.Result = resultPass
	return r
}

// echoNames splits the service's Tracewire-Propagators answer.
func echoNames(values []string) []string {
	var out []string
	for _, v := range values {
		for _, n := range strings.Split(v, ",") {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// traceLines lists the callback's headers other than HTTP's own, sorted,
// for a failure's report.
func traceLines(h http.Header) [][2]string {
	var out [][2]string
	for k, vs := range h {
		switch k {
		case "Accept", "Accept-Encoding", "Content-Length", "Content-Type", "User-Agent", "Connection", "Traceresponse":
			continue
		}
		for _, v := range vs {
			out = append(out, [2]string{strings.ToLower(k), v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// support is what the probes found the service to do.
type support struct {
	Extension bool            // it answers the format extension
	Formats   map[string]bool // name → propagates
	Policies  map[string]bool
}

// probe asks the service, with empty requests, which of the formats and
// policies the plans need it propagates.
func (c *conformer) probe(ctx context.Context, plans []*conformPlan) (support, error) {
	sup := support{Formats: map[string]bool{}, Policies: map[string]bool{}}
	status, hdr, body, err := c.post(ctx, "tracecontext", "", nil, "")
	if err != nil {
		return sup, fmt.Errorf("the service at %s: %v", c.cfg.Service, err)
	}
	if status/100 != 2 {
		return sup, fmt.Errorf("the service at %s answers an empty harness request with %d: %s", c.cfg.Service, status, body)
	}
	sup.Extension = len(hdr.Values(testServiceFormatsHeader)) > 0
	if !sup.Extension {
		sup.Formats["tracecontext"] = true
		return sup, nil
	}
	for _, p := range plans {
		if p.NA != "" {
			continue
		}
		for _, m := range p.Members {
			if _, done := sup.Formats[m]; done {
				continue
			}
			_, hdr, _, err := c.post(ctx, m, "", nil, "")
			if err != nil {
				return sup, err
			}
			sup.Formats[m] = slices.Contains(echoNames(hdr.Values(testServiceFormatsHeader)), m)
		}
		if pol := p.Policy; pol != "" {
			if _, done := sup.Policies[pol]; !done {
				_, hdr, _, err := c.post(ctx, "tracecontext", pol, nil, "")
				if err != nil {
					return sup, err
				}
				sup.Policies[pol] = strings.EqualFold(hdr.Get(testServicePolicyHeader), pol)
			}
		}
	}
	return sup, nil
}

// notApplicable says why the service cannot run p, or "".
func (s support) notApplicable(p *conformPlan) string {
	if !s.Extension && (len(p.Members) != 1 || p.Members[0] != "tracecontext" || p.Policy != "") {
		return "the service does not answer the Tracewire-Propagators extension, so only W3C Trace Context cases run"
	}
	var missing []string
	for _, m := range p.Members {
		if !s.Formats[m] {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		return "the service does not propagate " + strings.Join(missing, ", ")
	}
	if p.Policy != "" && !s.Policies[p.Policy] {
		return "the service does not apply the conflict policy " + p.Policy
	}
	return ""
}
