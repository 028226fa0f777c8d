package adobetest_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest"
)

const tokenRoute = "POST /ims/token/v3"

// target is a fake reached either in-process or over a real server.
type target struct {
	name string
	new  func(t *testing.T) (*adobetest.Fake, *http.Client, string)
}

var targets = []target{
	{"transport", func(t *testing.T) (*adobetest.Fake, *http.Client, string) {
		f := newFake(t)
		return f, f.Client(), imsBase
	}},
	{"server", func(t *testing.T) (*adobetest.Fake, *http.Client, string) {
		s := adobetest.NewServer(t)
		return s.Fake, s.Client(), s.URL
	}},
}

func tryPost(hc *http.Client, u string, form url.Values) (*http.Response, error) {
	resp, err := hc.PostForm(u, form)
	if err == nil {
		defer resp.Body.Close()
	}
	return resp, err
}

func TestFaultStatus(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			f, hc, base := tg.new(t)
			if err := f.InjectFault(adobetest.Fault{Route: tokenRoute, Times: 2, Status: 429, RetryAfter: "3"}); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				r := postForm(t, hc, base+"/ims/token/v3", s2sForm(f.Bootstrap()))
				if r.Status != 429 || r.Header.Get("Retry-After") != "3" {
					t.Fatalf("attempt %d: %d %v", i, r.Status, r.Header)
				}
				if m := r.json(t); m["error_code"] != "429050" || m["message"] != "Too many requests" {
					t.Errorf("body = %s", r.Body)
				}
			}
			if r := postForm(t, hc, base+"/ims/token/v3", s2sForm(f.Bootstrap())); r.Status != 200 {
				t.Fatalf("after Times: %d", r.Status)
			}
			if err := f.InjectFault(adobetest.Fault{Route: "*", Status: 503, Times: 1}); err != nil {
				t.Fatal(err)
			}
			wantIMSError(t, get(t, hc, base+"/ims/keys", ""), 503, "internal_error", "Please try again later")
			if err := f.InjectFault(adobetest.Fault{Route: "*", Status: 500, Body: `{"id":"x"}`, Times: 1}); err != nil {
				t.Fatal(err)
			}
			if r := get(t, hc, base+"/ims/keys", ""); r.Status != 500 || string(r.Body) != `{"id":"x"}` {
				t.Errorf("custom body: %d %s", r.Status, r.Body)
			}
			if got := f.Count(tokenRoute); got != 3 {
				t.Errorf("Count = %d, want 3", got)
			}
		})
	}
}

func TestFaultDrop(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			f, hc, base := tg.new(t)
			boot := f.Bootstrap()
			at := mint(t, f)
			if err := f.InjectFault(adobetest.Fault{Route: "POST /ims/revoke", Drop: true, Times: 1}); err != nil {
				t.Fatal(err)
			}
			_, err := tryPost(hc, base+"/ims/revoke?client_id="+boot.ClientID, url.Values{"token": {at}})
			if err == nil {
				t.Fatal("dropped request succeeded")
			}
			if tg.name == "transport" && !errors.Is(err, adobetest.ErrConnectionDropped) {
				t.Errorf("err = %v, want ErrConnectionDropped", err)
			}
			// Not applied: the token still works.
			if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 200 {
				t.Errorf("dropped revoke was applied: %d", r.Status)
			}
			reqs := f.Requests()
			if last := reqs[len(reqs)-2]; last.Route != "POST /ims/revoke" || last.Status != 0 {
				t.Errorf("log entry = %+v", last)
			}
		})
	}
}

func TestFaultLoseResponse(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			f, hc, base := tg.new(t)
			boot := f.Bootstrap()
			at := mint(t, f)
			if err := f.InjectFault(adobetest.Fault{Route: "POST /ims/revoke", LoseResponse: true}); err != nil {
				t.Fatal(err)
			}
			_, err := tryPost(hc, base+"/ims/revoke?client_id="+boot.ClientID, url.Values{"token": {at}})
			if err == nil {
				t.Fatal("lost response arrived")
			}
			if tg.name == "transport" && !errors.Is(err, adobetest.ErrResponseLost) {
				t.Errorf("err = %v, want ErrResponseLost", err)
			}
			// Applied: the token is revoked, and the log shows the handled request.
			if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 401 {
				t.Errorf("lost revoke was not applied: %d", r.Status)
			}
			reqs := f.Requests()
			if e := reqs[len(reqs)-2]; e.Route != "POST /ims/revoke" || e.Status != 200 {
				t.Errorf("log entry = %+v", e)
			}
			f.ClearFaults()
			if r := postForm(t, hc, base+"/ims/revoke?client_id="+boot.ClientID, url.Values{"token": {at}}); r.Status != 200 {
				t.Errorf("after ClearFaults: %d", r.Status)
			}
		})
	}
}

func TestFaultLatency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		if err := f.InjectFault(adobetest.Fault{Route: tokenRoute, Latency: 5 * time.Second, Times: 2}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if r := postForm(t, f.Client(), imsBase+"/ims/token/v3", s2sForm(f.Bootstrap())); r.Status != 200 {
			t.Fatalf("status %d", r.Status)
		}
		if d := time.Since(start); d != 5*time.Second {
			t.Errorf("took %v, want 5s", d)
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, imsBase+"/ims/token/v3", strings.NewReader(s2sForm(f.Bootstrap()).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		start = time.Now()
		if _, err := f.Client().Do(req); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want deadline exceeded", err)
		}
		if d := time.Since(start); d != time.Second {
			t.Errorf("cancelled after %v, want 1s", d)
		}
		if n := len(f.Requests()); n != 2 {
			t.Errorf("logged %d requests", n)
		}
	})
}

func TestFaultLatencyOverServer(t *testing.T) {
	s := adobetest.NewServer(t)
	if err := s.InjectFault(adobetest.Fault{Route: "GET /ims/keys", Latency: time.Millisecond, Status: 502, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if r := get(t, s.Client(), s.URL+"/ims/keys", ""); r.Status != 502 {
		t.Errorf("status = %d", r.Status)
	}
}

func TestInjectFaultValidates(t *testing.T) {
	f := newFake(t)
	bad := []adobetest.Fault{
		{Route: "POST /nope", Status: 500},
		{Route: tokenRoute},
		{Route: tokenRoute, Status: 42},
		{Route: tokenRoute, Drop: true, LoseResponse: true},
		{Route: tokenRoute, Status: 500, Drop: true},
		{Route: tokenRoute, Times: -1, Drop: true},
		{Route: tokenRoute, RetryAfter: "1", Drop: true},
	}
	for _, fl := range bad {
		if err := f.InjectFault(fl); err == nil {
			t.Errorf("InjectFault(%+v) accepted", fl)
		}
	}
}
