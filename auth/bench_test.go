package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-adobe/adobe/internal/core"
)

// benchList is a list answer of 100 segments, as Analytics gives them.
var benchList = func() []byte {
	items := make([]benchSegment, 100)
	for i := range items {
		items[i] = benchSegment{ID: fmt.Sprintf("s3000000%02d", i), Name: fmt.Sprintf("Visits from Campaign %d", i), RSID: "acme.prod"}
	}
	b, _ := json.Marshal(items)
	return b
}()

// benchServer answers IMS token requests, a small JSON GET and a 100-item
// list on loopback.
func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/ims/token/v3":
			_, _ = io.WriteString(w, `{"access_token":"bench-token","token_type":"bearer","expires_in":86399}`)
		case "/api/acme/segments":
			_, _ = w.Write(benchList)
		default:
			_, _ = io.WriteString(w, `{"id":"s300000000","name":"Visits from Campaign","rsid":"acme.prod"}`)
		}
	}))
	b.Cleanup(srv.Close)
	return srv
}

type benchSegment struct {
	ID, Name, RSID string
}

// BenchmarkRawGET is the baseline: a plain net/http GET and JSON decode.
func BenchmarkRawGET(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL+"/api/acme/segments/s1", nil)
		req.Header.Set("Authorization", "Bearer bench-token")
		req.Header.Set("x-api-key", testClientID)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var s benchSegment
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := jsonUnmarshal(body, &s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSDKGET is the same GET through the SDK's full stack: per-call
// state, retries, headers, cached bearer token, error checking, decoding.
func BenchmarkSDKGET(b *testing.B) {
	srv := benchServer(b)
	creds := testCreds()
	creds.IMSURL = srv.URL
	cfg, err := NewConfig(creds, WithBaseTransport(http.DefaultTransport.(*http.Transport).Clone()))
	if err != nil {
		b.Fatal(err)
	}
	base, _ := core.ParseBaseURL(srv.URL + "/api/acme")
	c := &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var s benchSegment
		if _, err := c.Call(ctx, core.Request{Method: "GET", Path: "segments/s1"}, &s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawList is the baseline of a typed list: a plain net/http GET
// with a fixed bearer token, decoded with encoding/json into []benchSegment.
func BenchmarkRawList(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL+"/api/acme/segments", nil)
		req.Header.Set("Authorization", "Bearer bench-token")
		req.Header.Set("x-api-key", testClientID)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var s []benchSegment
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := jsonUnmarshal(body, &s); err != nil || len(s) != 100 {
			b.Fatal(err)
		}
	}
}

// BenchmarkSDKList is the same list through the SDK's full stack, decoded
// into the same type.
func BenchmarkSDKList(b *testing.B) {
	c := sdkBenchClient(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var s []benchSegment
		if _, err := c.Call(ctx, core.Request{Method: "GET", Path: "segments"}, &s); err != nil || len(s) != 100 {
			b.Fatal(err)
		}
	}
}

func sdkBenchClient(b *testing.B) *core.Client { return sdkBenchClientFor(b, benchServer(b)) }

func sdkBenchClientFor(b *testing.B, srv *httptest.Server) *core.Client {
	creds := testCreds()
	creds.IMSURL = srv.URL
	cfg, err := NewConfig(creds, WithBaseTransport(http.DefaultTransport.(*http.Transport).Clone()))
	if err != nil {
		b.Fatal(err)
	}
	base, _ := core.ParseBaseURL(srv.URL + "/api/acme")
	return &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// interleave runs raw and sdk alternately and reports each one's mean time
// and their ratio: on a shared, loaded machine, load drifts between two
// separate benchmarks, while alternating exposes both to the same load.
func interleave(b *testing.B, raw, sdk func()) {
	var tr, ts time.Duration
	raw()
	sdk() // warm both connection pools and the token cache
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		raw()
		t1 := time.Now()
		sdk()
		ts += time.Since(t1)
		tr += t1.Sub(t0)
	}
	n := float64(b.N)
	b.ReportMetric(float64(tr.Nanoseconds())/n, "raw-ns/op")
	b.ReportMetric(float64(ts.Nanoseconds())/n, "sdk-ns/op")
	b.ReportMetric(float64(ts)/float64(tr), "sdk/raw")
}

// BenchmarkGETInterleaved: the small GET, raw and SDK alternately.
func BenchmarkGETInterleaved(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	c := sdkBenchClientFor(b, srv)
	ctx := context.Background()
	b.ReportAllocs()
	interleave(b, func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/acme/segments/s1", nil)
		req.Header.Set("Authorization", "Bearer bench-token")
		req.Header.Set("x-api-key", testClientID)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var s benchSegment
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := jsonUnmarshal(body, &s); err != nil {
			b.Fatal(err)
		}
	}, func() {
		var s benchSegment
		if _, err := c.Call(ctx, core.Request{Method: "GET", Path: "segments/s1"}, &s); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkListInterleaved: the 100-item typed list, raw and SDK
// alternately.
func BenchmarkListInterleaved(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	c := sdkBenchClientFor(b, srv)
	ctx := context.Background()
	b.ReportAllocs()
	interleave(b, func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/acme/segments", nil)
		req.Header.Set("Authorization", "Bearer bench-token")
		req.Header.Set("x-api-key", testClientID)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var s []benchSegment
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := jsonUnmarshal(body, &s); err != nil || len(s) != 100 {
			b.Fatal(err)
		}
	}, func() {
		var s []benchSegment
		if _, err := c.Call(ctx, core.Request{Method: "GET", Path: "segments"}, &s); err != nil || len(s) != 100 {
			b.Fatal(err)
		}
	})
}
