package core

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

type benchSuite struct {
	RSID             string `json:"rsid"`
	Name             string `json:"name"`
	ParentRSID       string `json:"parentRsid"`
	Currency         string `json:"currency"`
	CalendarType     string `json:"calendarType"`
	TimezoneZoneinfo string `json:"timezoneZoneinfo"`
}

// benchPage is a 100-item wrapped report-suite page, as Analytics sends it.
var benchPage = func() []byte {
	items := make([]benchSuite, 100)
	for i := range items {
		items[i] = benchSuite{RSID: fmt.Sprintf("acme.suite%03d", i), Name: fmt.Sprintf("Suite %d", i), ParentRSID: "acme.global",
			Currency: "USD", CalendarType: "gregorian", TimezoneZoneinfo: "Europe/Paris"}
	}
	b, _ := json.Marshal(map[string]any{"content": items, "number": 0, "size": 100, "totalElements": 250, "totalPages": 3,
		"lastPage": false, "firstPage": true, "numberOfElements": 100, "sort": nil})
	return b
}()

// BenchmarkRawPageDecode is the floor: one encoding/json decode of the page
// into the same items and metadata.
func BenchmarkRawPageDecode(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchPage)))
	for b.Loop() {
		var p struct {
			Content       []benchSuite `json:"content"`
			LastPage      *bool        `json:"lastPage"`
			TotalPages    *int         `json:"totalPages"`
			Number        *int         `json:"number"`
			TotalElements *int         `json:"totalElements"`
		}
		if err := json.Unmarshal(benchPage, &p); err != nil || len(p.Content) != 100 {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodePage is DecodePage on the same page, fingerprint included.
func BenchmarkDecodePage(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchPage)))
	for b.Loop() {
		p, err := DecodePage[benchSuite](benchPage, "content")
		if err != nil || len(p.Items) != 100 || p.TotalItems != 250 {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageInterleaved decodes the page raw and with DecodePage
// alternately and reports their ratio (see auth's interleaved benchmarks).
func BenchmarkPageInterleaved(b *testing.B) {
	var tr, ts time.Duration
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		var p struct {
			Content       []benchSuite `json:"content"`
			LastPage      *bool        `json:"lastPage"`
			TotalPages    *int         `json:"totalPages"`
			Number        *int         `json:"number"`
			TotalElements *int         `json:"totalElements"`
		}
		if err := json.Unmarshal(benchPage, &p); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := DecodePage[benchSuite](benchPage, "content"); err != nil {
			b.Fatal(err)
		}
		ts += time.Since(t1)
		tr += t1.Sub(t0)
	}
	b.ReportMetric(float64(tr.Nanoseconds())/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(ts.Nanoseconds())/float64(b.N), "sdk-ns/op")
	b.ReportMetric(float64(ts)/float64(tr), "sdk/raw")
}
