package analytics_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// faultKind is one way an Analytics request can go wrong.
type faultKind string

const (
	fault500       faultKind = "500"
	fault502       faultKind = "502"
	fault503       faultKind = "503"
	fault429       faultKind = "429 Retry-After 2"
	faultDrop      faultKind = "dropped connection"
	faultLost      faultKind = "answer lost after the write"
	faultMalformed faultKind = "malformed JSON after the write"
	faultSlow      faultKind = "slow answer past the deadline"
	faultEmpty     faultKind = "empty 2xx body after the write"
	faultGarbled   faultKind = "truncated 2xx body after the write"
	faultCancel    faultKind = "context cancelled before the request"
	faultCancelled faultKind = "context cancelled after the write"
)

var faultKinds = []faultKind{fault500, fault502, fault503, fault429, faultDrop, faultLost, faultMalformed, faultSlow, faultEmpty, faultGarbled, faultCancel, faultCancelled}

// faultRT wraps the fake's transport: the armed fault hits the n-th
// Analytics request (0-based; token requests are not counted).
type faultRT struct {
	next http.RoundTripper

	mu     sync.Mutex
	n      int // Analytics requests seen
	at     int // index to fault; -1 = none
	kind   faultKind
	fired  bool
	cancel context.CancelFunc // the flow's context, for the cancel kinds
}

func (f *faultRT) arm(at int, kind faultKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n, f.at, f.kind, f.fired = 0, at, kind, false
}

func (f *faultRT) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *faultRT) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasPrefix(req.URL.Path, "/ims/") {
		return f.next.RoundTrip(req)
	}
	f.mu.Lock()
	i := f.n
	f.n++
	hit := i == f.at
	if hit {
		f.fired = true
	}
	kind, cancel := f.kind, f.cancel
	f.mu.Unlock()
	if !hit {
		return f.next.RoundTrip(req)
	}
	status := func(code int, retryAfter string) *http.Response {
		h := http.Header{"Content-Type": {"application/json"}}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		body := fmt.Sprintf(`{"error_code":"%d000","message":"injected"}`, code)
		return &http.Response{StatusCode: code, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}
	}
	switch kind {
	case fault500:
		return status(500, ""), nil
	case fault502:
		return status(502, ""), nil
	case fault503:
		return status(503, ""), nil
	case fault429:
		return status(429, "2"), nil
	case faultCancel:
		cancel()
		return nil, req.Context().Err()
	case faultDrop:
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, errors.New("faultRT: connection reset before the request was handled")
	}
	// The remaining kinds let the fake apply the request first.
	resp, err := f.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	replace := func(b []byte) (*http.Response, error) {
		resp.Body = io.NopCloser(bytes.NewReader(b))
		resp.ContentLength = int64(len(b))
		resp.Header.Del("Content-Length")
		return resp, nil
	}
	switch kind {
	case faultCancelled:
		cancel()
		return nil, req.Context().Err()
	case faultLost:
		return nil, errors.New("faultRT: connection lost after the request was handled")
	case faultSlow:
		<-req.Context().Done()
		return nil, req.Context().Err()
	case faultMalformed:
		if resp.StatusCode/100 != 2 {
			return replace(body)
		}
		return replace([]byte(`{"content": [oops`))
	case faultEmpty:
		if resp.StatusCode/100 != 2 {
			return replace(body)
		}
		return replace(nil)
	case faultGarbled:
		if resp.StatusCode/100 != 2 {
			return replace(body)
		}
		return replace(body[:len(body)/2])
	}
	return replace(body)
}

// matrixEnv is a fake, a fault-injecting transport and a client bound to
// the demo company.
type matrixEnv struct {
	fake   *adobetest.Fake
	rt     *faultRT
	client *analytics.Client
}

func newMatrixEnv(t *testing.T) *matrixEnv {
	t.Helper()
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.AddProductProfile(fullProfile)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := f.AddCredential(adobetest.Credential{Name: "Campaign", Scopes: []string{"openid", "AdobeID", "read_organizations",
		"additional_info.projectedProductContext"}, ProductProfileIDs: []string{p.ID}})
	if err != nil {
		t.Fatal(err)
	}
	rt := &faultRT{next: f.Transport(), at: -1}
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: cred.ClientID, ClientSecret: auth.Secret(cred.ClientSecret), OrgID: cred.OrgID,
		Scopes: cred.Scopes}, auth.WithBaseTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	lim, err := analytics.NewLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
	if err != nil {
		t.Fatal(err)
	}
	c, err := analytics.NewFromConfig(cfg, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithLimiter(lim))
	if err != nil {
		t.Fatal(err)
	}
	return &matrixEnv{fake: f, rt: rt, client: c}
}

// typed reports whether err is one of the SDK's typed errors.
func typed(err error) bool {
	var (
		ae  *adobe.Error
		re  *adobe.ResponseError
		rq  *adobe.RequestError
		snv *analytics.SuiteNotVisibleError
	)
	return errors.As(err, &ae) || errors.As(err, &re) || errors.As(err, &rq) || errors.As(err, &snv)
}

// flow is one idempotent flow of the matrix.
type flow struct {
	name, create string // create is the fake's route of the creation
	// run runs the flow once; count returns how many objects it made.
	run   func(ctx context.Context, c *analytics.Client) error
	count func(f *adobetest.Fake) int
}

var matrixFlows = []flow{
	{
		name: "ReportSuites.Ensure", create: createSuiteRoute,
		run: func(ctx context.Context, c *analytics.Client) error {
			_, err := c.ReportSuites.Ensure(ctx, adobetest.DemoRSID+"stage", analytics.ReportSuiteCreateRequest{Name: "Stage"},
				&analytics.ReportSuiteCreateOptions{CopySettingsFromRSID: adobetest.DemoRSID})
			return err
		},
		count: func(f *adobetest.Fake) int {
			return count(f.AnalyticsReportSuites(adobetest.DemoAnalyticsCompanyID), adobetest.DemoRSID+"stage")
		},
	},
	{
		name: "DataSources.EnsureAccount", create: "POST /api/{gcid}/datasources/account/{rsid}",
		run: func(ctx context.Context, c *analytics.Client) error {
			_, err := c.DataSources.EnsureAccount(ctx, adobetest.DemoRSID, analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"})
			return err
		},
		count: func(f *adobetest.Fake) int {
			return count(f.AnalyticsDataSources(adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID), "Adobe Campaign")
		},
	},
}

// TestFaultMatrix runs each Ensure flow with each of its requests faulted in
// turn by each fault kind (issue 9): every cell ends in success or a typed
// error, and a re-run without faults converges on exactly one object.
func TestFaultMatrix(t *testing.T) {
	for _, fl := range matrixFlows {
		t.Run(fl.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// The clean flow's requests are the rows.
				clean := newMatrixEnv(t)
				if err := fl.run(context.Background(), clean.client); err != nil {
					t.Fatalf("clean run: %v", err)
				}
				rows := clean.rt.count()
				cells, converged, duplicates, succeeded := 0, 0, 0, 0
				for i := range rows {
					for _, kind := range faultKinds {
						cells++
						e := newMatrixEnv(t)
						e.rt.arm(i, kind)
						ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
						e.rt.mu.Lock()
						e.rt.cancel = cancel
						e.rt.mu.Unlock()
						err := fl.run(ctx, e.client)
						cancel()
						if err == nil {
							succeeded++
						} else if !typed(err) {
							t.Errorf("request %d, %s: untyped error %T: %v", i, kind, err, err)
						}
						e.rt.arm(-1, "")
						existed, creations := fl.count(e.fake) > 0, e.fake.Count(fl.create)
						if err := fl.run(context.Background(), e.client); err != nil {
							t.Errorf("request %d, %s: re-run: %v", i, kind, err)
							continue
						}
						if existed && e.fake.Count(fl.create) != creations {
							t.Errorf("request %d, %s: the re-run created again although the first run's object existed", i, kind)
						}
						n := fl.count(e.fake)
						if n == 1 {
							converged++
						}
						if n > 1 {
							duplicates += n - 1
							t.Errorf("request %d, %s: %d objects after the re-run", i, kind, n)
						}
					}
				}
				t.Logf("fault matrix %s: %d requests × %d kinds = %d cells, %d succeeded at once, %d converged on re-run, %d duplicates",
					fl.name, rows, len(faultKinds), cells, succeeded, converged, duplicates)
			})
		})
	}
}
