package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// AuditVerbs are the fmt verbs AssertNoSecrets prints each value with,
// wrong ones included: fmt's error text for a verb that does not fit a value
// prints its raw fields unless the type formats itself.
var AuditVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%T", "%p", "%10.3v", "%-20s", "%#q", "% x"}

// AssertNoSecrets is the secret audit of issue 9: it prints every value
// with every AuditVerbs verb, fmt.Sprint and Sprintln, marshals it to JSON
// and logs it with slog's text and JSON handlers, and fails the test when
// any output holds one of secrets (or its first three quarters, to catch a
// truncated copy). Secrets shorter than 8 bytes are ignored; at least one
// must be long enough, so that an audit cannot pass by looking for
// nothing.
//
// %p of a value that is not a pointer is skipped: fmt prints the raw value
// for it without asking the type's Format method, and go vet reports such a
// call.
func AssertNoSecrets(t testing.TB, values map[string]any, secrets ...string) {
	t.Helper()
	var needles []string
	for _, s := range secrets {
		if len(s) >= 8 {
			needles = append(needles, s, s[:len(s)*3/4])
		}
	}
	if len(needles) == 0 {
		t.Fatal("secret audit: no secret of 8 bytes or more to look for")
	}
	check := func(name, how, out string) {
		t.Helper()
		for _, s := range needles {
			if strings.Contains(out, s) {
				t.Errorf("%s printed with %s shows a secret: %s", name, how, out)
				return
			}
		}
	}
	for name, v := range values {
		for _, verb := range AuditVerbs {
			if verb == "%p" && reflect.ValueOf(v).Kind() != reflect.Pointer {
				continue
			}
			check(name, verb, fmt.Sprintf(verb, v))
		}
		check(name, "Sprint", fmt.Sprint(v))
		check(name, "Sprintln", fmt.Sprintln(v))
		if b, err := json.Marshal(v); err == nil {
			check(name, "JSON", string(b))
		}
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("audit", "value", v)
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("audit", "value", v)
		check(name, "slog", buf.String())
	}
}
