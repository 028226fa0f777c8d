package adobetest_test

import (
	"sync"
	"testing"
)

func TestRequestLog(t *testing.T) {
	f := newFake(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { mint(t, f) })
	}
	wg.Wait()
	get(t, f.Client(), imsBase+"/nope", "")
	if got := f.Count(tokenRoute); got != 8 {
		t.Errorf("Count = %d, want 8", got)
	}
	reqs := f.Requests()
	if len(reqs) != 9 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Host != "ims-na1.adobelogin.com" || r.Path != "/ims/token/v3" || r.Route != tokenRoute || r.Status != 200 || r.Time.IsZero() {
		t.Errorf("entry = %+v", r)
	}
	if last := reqs[8]; last.Route != "" || last.Status != 404 {
		t.Errorf("unmatched entry = %+v", last)
	}
	f.ResetRequests()
	if len(f.Requests()) != 0 || f.Count(tokenRoute) != 0 {
		t.Error("ResetRequests left entries")
	}
}
