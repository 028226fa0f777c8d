package adminconsole_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
)

// Iterating a large org: 100,000 users in pages of 2,000, generated once and
// served in-process (the fake's own seeding is not used: only the listing's
// cost is measured). The SDK's iterator is compared with a raw decode of
// the same bytes (io.ReadAll + encoding/json into the same type).
//
//	go test -run '^$' -bench 'UsersIter' -benchmem ./adminconsole/

const (
	benchUsers    = 100_000
	benchPageSize = 2_000
)

var benchPages = func() func() [][]byte {
	var pages [][]byte
	return func() [][]byte {
		if pages != nil {
			return pages
		}
		n := benchUsers / benchPageSize
		for p := range n {
			users := make([]adminconsole.User, benchPageSize)
			for i := range users {
				k := p*benchPageSize + i
				users[i] = adminconsole.User{
					ID: fmt.Sprintf("%024X@AdobeID", k), Email: fmt.Sprintf("user%06d@example.com", k), Username: fmt.Sprintf("user%06d@example.com", k),
					Domain: "example.com", FirstName: "First" + strconv.Itoa(k), LastName: "Last", Country: "US",
					Type: adminconsole.UserTypeFederatedID, Status: adminconsole.UserStatusActive,
					Groups: []string{"reserved_campaign_classic_Acme", "Analysts"},
				}
			}
			b, err := json.Marshal(map[string]any{"lastPage": p == n-1, "result": "success", "users": users})
			if err != nil {
				panic(err)
			}
			pages = append(pages, b)
		}
		return pages
	}
}()

func pageServer(f *adobetest.Fake) roundTripFunc {
	pages := benchPages()
	return func(req *http.Request) (*http.Response, error) {
		if !strings.Contains(req.URL.Path, "/v2/usermanagement/") {
			return f.Transport().RoundTrip(req)
		}
		segs := strings.Split(strings.TrimSuffix(req.URL.Path, "/"), "/")
		p, err := strconv.Atoi(segs[len(segs)-1])
		if err != nil || p < 0 {
			return statusAnswer(req, 404, `{"result":"error"}`), nil
		}
		p = min(p, len(pages)-1) // UMAPI repeats the last page past the end
		resp := statusAnswer(req, 200, "")
		resp.Body, resp.ContentLength = io.NopCloser(strings.NewReader(string(pages[p]))), int64(len(pages[p]))
		resp.Header.Set("X-Total-Count", strconv.Itoa(benchUsers))
		resp.Header.Set("X-Page-Count", strconv.Itoa(len(pages)))
		resp.Header.Set("X-Current-Page", strconv.Itoa(p))
		resp.Header.Set("X-Page-Size", strconv.Itoa(benchPageSize))
		return resp, nil
	}
}

func BenchmarkUsersIter100k(b *testing.B) {
	f, err := adobetest.New(adobetest.WithRandSeed(7))
	if err != nil {
		b.Fatal(err)
	}
	c, err := newTestClient(f, pageServer(f), 0)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	var ms runtime.MemStats
	allocs := countAllocs()
	lo, hi := uint64(math.MaxUint64), uint64(0) // live heap, sampled mid-page after a GC
	for b.Loop() {
		n := 0
		for _, err := range c.Users.ListIter(ctx, nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
			if n%benchPageSize == benchPageSize/2 { // live heap in the middle of each page
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				lo, hi = min(lo, ms.HeapAlloc), max(hi, ms.HeapAlloc)
				b.StartTimer()
			}
		}
		if n != benchUsers {
			b.Fatalf("iterated %d users, want %d", n, benchUsers)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchUsers, "ns/item")
	allocs.report(b)
	// Flat: the live heap varies by less than one page over 50 pages.
	b.ReportMetric(float64(hi-lo)/(1<<20), "live-span-MB")
	b.ReportMetric(float64(len(benchPages()[0]))/(1<<20), "page-body-MB")
	b.ReportMetric(float64(benchPageSize)*allocs.perItem(b)/(1<<20), "page-alloc-MB")
}

// BenchmarkUsersIter100kRawDecode is the floor: the same bytes through the
// same transport, read and decoded with encoding/json.
func BenchmarkUsersIter100kRawDecode(b *testing.B) {
	f, err := adobetest.New(adobetest.WithRandSeed(7))
	if err != nil {
		b.Fatal(err)
	}
	rt := pageServer(f)
	b.ReportAllocs()
	allocs := countAllocs()
	for b.Loop() {
		n := 0
		for p := 0; ; p++ {
			req, _ := http.NewRequest(http.MethodGet, "https://usermanagement.adobe.io/v2/usermanagement/users/org/"+strconv.Itoa(p), nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
			var page struct {
				LastPage bool                `json:"lastPage"`
				Users    []adminconsole.User `json:"users"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				b.Fatal(err)
			}
			n += len(page.Users)
			if page.LastPage {
				break
			}
		}
		if n != benchUsers {
			b.Fatalf("decoded %d users", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchUsers, "ns/item")
	allocs.report(b)
}

// allocCounter measures the bytes allocated between start and report.
type allocCounter struct{ start, end uint64 }

func countAllocs() *allocCounter {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return &allocCounter{start: ms.TotalAlloc}
}

// report adds B/item: bytes allocated per user iterated.
func (a *allocCounter) report(b *testing.B) {
	b.ReportMetric(a.perItem(b), "B/item")
}

func (a *allocCounter) perItem(b *testing.B) float64 {
	if a.end == 0 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		a.end = ms.TotalAlloc
	}
	return float64(a.end-a.start) / float64(b.N) / benchUsers
}
