package testutil

import (
	"testing"

	"github.com/go-adobe/adobe/auth"
)

type leaky struct{ Token string }

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }
func (r *recorder) Helper()               {}

func TestAssertNoSecrets(t *testing.T) {
	const tok = "tok-0123456789-secret"
	r := &recorder{TB: t}
	AssertNoSecrets(r, map[string]any{"leaky": leaky{tok}}, tok)
	if !r.failed {
		t.Fatal("a plain string field was not reported")
	}
	r = &recorder{TB: t}
	AssertNoSecrets(r, map[string]any{"secret": auth.Secret(tok), "creds": auth.Credentials{ClientSecret: tok}}, tok)
	if r.failed {
		t.Fatal("redacted values reported")
	}
	r = &recorder{TB: t}
	AssertNoSecrets(r, map[string]any{"x": 1}, "short")
	if !r.failed {
		t.Fatal("an audit with nothing to look for passed")
	}
}
