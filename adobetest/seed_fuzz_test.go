package adobetest_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

// FuzzSeed: whatever a seed file holds, New either loads it or returns an
// error; it never panics, and a loaded fake serves its bootstrap
// credential's token.
func FuzzSeed(f *testing.F) {
	if b, err := os.ReadFile("testdata/seed.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"orgs":[{"name":"x"}],"product_profiles":[{"name":"p","product_name":"Adobe Analytics","permissions":{"report_suites":{"auto_include":true}}}]}`))
	f.Add([]byte(`{"credentials":[{"client_id":"zz","org_id":"nope"}]}`))
	f.Add([]byte(`{"analytics":{"companies":[{"global_company_id":"a","name":"A","report_suites":[{"rsid":"aprod"}]}]}}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fake, err := adobetest.New(adobetest.WithSeed(bytes.NewReader(data)))
		if err != nil {
			return
		}
		if _, err := fake.IssueToken(fake.Bootstrap().ClientID); err != nil {
			t.Fatalf("a loaded fake cannot mint its bootstrap token: %v", err)
		}
	})
}
