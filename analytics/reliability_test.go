package analytics_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
)

const (
	listSuitesRoute    = "GET /api/{gcid}/reportsuites/collections/suites"
	listAccountsRoute  = "GET /api/{gcid}/datasources/account/{rsid}"
	createAccountRoute = "POST /api/{gcid}/datasources/account/{rsid}"
)

// TestEnsureEmptyLookupIsAnError (issue 9, defect 1): an empty or
// truncated 2xx answer to the lookup is an *adobe.ResponseError naming the
// request, never "absent": Ensure creates nothing.
func TestEnsureEmptyLookupIsAnError(t *testing.T) {
	for _, kind := range []faultKind{faultEmpty, faultGarbled, faultMalformed} {
		for i, fl := range matrixFlows {
			create := []string{createSuiteRoute, createAccountRoute}[i]
			t.Run(fl.name+"/"+string(kind), func(t *testing.T) {
				e := newMatrixEnv(t)
				if fl.name == "DataSources.EnsureAccount" {
					// A suite that already has an account of another name:
					// the lookup answer is not empty on the wire.
					if _, _, err := e.client.DataSources.CreateAccount(context.Background(), adobetest.DemoRSID,
						analytics.DataSourceAccountCreateRequest{Name: "Other", Email: "ops@example.com"}); err != nil {
						t.Fatal(err)
					}
				}
				before := e.fake.Count(create)
				e.rt.arm(0, kind)
				err := fl.run(context.Background(), e.client)
				var re *adobe.ResponseError
				if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) || re.Method != "GET" || !strings.Contains(re.Path, "/api/") {
					t.Fatalf("err = %v (%T), want an *adobe.ResponseError naming the GET", err, err)
				}
				if n := e.fake.Count(create) - before; n != 0 {
					t.Fatalf("%d creations after an unreadable lookup, want 0", n)
				}
			})
		}
	}
}

// TestEnsureEmptyCreateAnswerLooksUp (defect 1): an empty 2xx answer to
// the creation is ambiguous: Ensure looks up, finds what it made, and
// neither fails nor creates again.
func TestEnsureEmptyCreateAnswerLooksUp(t *testing.T) {
	for i, fl := range matrixFlows {
		create := []string{createSuiteRoute, createAccountRoute}[i]
		t.Run(fl.name, func(t *testing.T) {
			e := newMatrixEnv(t)
			e.rt.arm(1, faultEmpty)
			if err := fl.run(context.Background(), e.client); err != nil {
				t.Fatalf("Ensure = %v", err)
			}
			if n, c := fl.count(e.fake), e.fake.Count(create); n != 1 || c != 1 {
				t.Fatalf("%d objects, %d creations; want 1 and 1", n, c)
			}
		})
	}
	// The result says it created, and what.
	e := newMatrixEnv(t)
	e.rt.arm(1, faultEmpty)
	got, err := e.client.DataSources.EnsureAccount(context.Background(), adobetest.DemoRSID,
		analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"})
	if err != nil || !got.Created || len(got.Changes) != 1 || got.Changes[0].Method != "POST" || got.Value.DataSourceID == "" {
		t.Fatalf("EnsureAccount = %+v, %v", got, err)
	}
}

// TestPageDecodeErrorNamesRequest (defect 7): a page that cannot be
// decoded is an *adobe.ResponseError naming the request, for List and
// ListIter alike.
func TestPageDecodeErrorNamesRequest(t *testing.T) {
	e := newMatrixEnv(t)
	check := func(what string, err error) {
		t.Helper()
		var re *adobe.ResponseError
		if !errors.As(err, &re) || re.Method != "GET" || re.Host == "" || !strings.HasSuffix(re.Path, "/reportsuites/collections/suites") || re.StatusCode != 200 {
			t.Fatalf("%s: err = %#v, want an *adobe.ResponseError naming GET …/reportsuites/collections/suites", what, err)
		}
		if !strings.Contains(err.Error(), "decoding page") || !strings.Contains(err.Error(), re.Path) {
			t.Fatalf("%s: %v", what, err)
		}
	}
	e.rt.arm(0, faultMalformed)
	_, _, err := e.client.ReportSuites.List(context.Background(), nil)
	check("List", err)
	e.rt.arm(0, faultGarbled)
	for _, err := range e.client.ReportSuites.ListIter(context.Background(), nil) {
		check("ListIter", err)
		break
	}
}

// TestConcurrentEnsureCreatesOnce (defect 8): concurrent Ensures of one
// key on one client, each lookup slowed to 50 ms, make one object; exactly
// one result says Created.
func TestConcurrentEnsureCreatesOnce(t *testing.T) {
	for i, fl := range matrixFlows {
		route := []string{listSuitesRoute, listAccountsRoute}[i]
		t.Run(fl.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e := newMatrixEnv(t)
				if err := e.fake.InjectFault(adobetest.Fault{Route: route, Latency: 50 * time.Millisecond}); err != nil {
					t.Fatal(err)
				}
				var wg sync.WaitGroup
				var mu sync.Mutex
				created := 0
				for range 5 {
					wg.Go(func() {
						var c bool
						var err error
						if i == 0 {
							var got *adobe.Ensured[analytics.ReportSuite]
							got, err = e.client.ReportSuites.Ensure(context.Background(), adobetest.DemoRSID+"stage", analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil)
							c = err == nil && got.Created
						} else {
							var got *adobe.Ensured[analytics.DataSourceAccount]
							got, err = e.client.DataSources.EnsureAccount(context.Background(), adobetest.DemoRSID,
								analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"})
							c = err == nil && got.Created
						}
						if err != nil {
							t.Error(err)
						}
						mu.Lock()
						if c {
							created++
						}
						mu.Unlock()
					})
				}
				wg.Wait()
				if n := fl.count(e.fake); n != 1 || created != 1 {
					t.Fatalf("%d objects, %d results Created; want 1 and 1", n, created)
				}
			})
		})
	}
}

// TestEnsureLockHonoursContext: an Ensure waiting behind another of the
// same key gives up when its context ends, with a typed error.
func TestEnsureLockHonoursContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newMatrixEnv(t)
		if err := e.fake.InjectFault(adobetest.Fault{Route: listAccountsRoute, Latency: time.Minute}); err != nil {
			t.Fatal(err)
		}
		req := analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"}
		var wg sync.WaitGroup
		defer wg.Wait()
		wg.Go(func() { _, _ = e.client.DataSources.EnsureAccount(context.Background(), adobetest.DemoRSID, req) })
		synctest.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := e.client.DataSources.EnsureAccount(ctx, adobetest.DemoRSID, req)
		var rq *adobe.RequestError
		if !errors.As(err, &rq) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "concurrent Ensure") {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestImportEmptyAnswerIsAnError (defect 1): an import whose 2xx answer is
// empty is not a silent success with an empty job id.
func TestImportEmptyAnswerIsAnError(t *testing.T) {
	e := newMatrixEnv(t)
	id, err := e.fake.AddAnalyticsClassificationSet(adobetest.DemoAnalyticsCompanyID, "Campaigns", []string{"Name"}, map[string]string{adobetest.DemoRSID: "variables/evar1"})
	if err != nil {
		t.Fatal(err)
	}
	e.rt.arm(0, faultEmpty)
	_, _, err = e.client.Classifications.ImportJSON(context.Background(), id, analytics.ImportRequest{JobName: "j",
		Data: []analytics.ImportRow{{Key: "cid1", Data: map[string]string{"Name": "Spring"}}}})
	var re *adobe.ResponseError
	if !errors.As(err, &re) || re.Method != "POST" || !strings.Contains(re.Path, "/job/import/json/") {
		t.Fatalf("err = %v (%T), want an *adobe.ResponseError naming the POST", err, err)
	}
}
