package analytics

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/internal/core"
)

// hundredSuites is a 100-item wrapped page of report suites.
func hundredSuites() []byte {
	items := make([]string, 100)
	for i := range items {
		items[i] = fmt.Sprintf(`{"rsid":"acme0suite%03d","name":"Suite %d","currency":"USD","timezoneZoneinfo":"US/Pacific"}`, i, i)
	}
	return []byte(`{"content":[` + strings.Join(items, ",") + `],"totalElements":1000,"totalPages":10,"number":0,"size":100,"lastPage":false}`)
}

// BenchmarkDecodePage compares the page helper (one decode, fingerprint of
// the bytes received) with the floor, one raw decode of the same page
// (issue 13: ≤ 1.10× time and allocations). "core" is the shared
// core.DecodePage the helper used before (a map, the items, the metadata,
// then totalElements again).
func BenchmarkDecodePage(b *testing.B) {
	raw := hundredSuites()
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var w struct {
				Content       []ReportSuite `json:"content"`
				TotalElements int           `json:"totalElements"`
				TotalPages    int           `json:"totalPages"`
				Number        int           `json:"number"`
				Size          int           `json:"size"`
				LastPage      bool          `json:"lastPage"`
			}
			if err := json.Unmarshal(raw, &w); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("helper", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodePage[ReportSuite](raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("core", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := core.DecodePage[ReportSuite](raw, "content"); err != nil {
				b.Fatal(err)
			}
			var meta struct {
				TotalElements *int `json:"totalElements"`
			}
			_ = json.Unmarshal(raw, &meta)
		}
	})
}
